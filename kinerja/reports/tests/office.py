"""What the real-client check needs: one LibreOffice run over many files, the DOCX table rules."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from docx import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length

from kinerja.reports.document import Document, SignatureRow, Table

UNO_SCRIPT = Path(__file__).with_name("uno_open.py")
# Debian's python3 has LibreOffice's `uno` module (package python3-uno); the virtualenv has not.
SYSTEM_PYTHON = "/usr/bin/python3"
LIBREOFFICE_SECONDS = 150


def libreoffice(files: list[Path], outdir: Path) -> dict[str, dict]:
    """Open every file in one headless LibreOffice: a spreadsheet's formula cells after a full
    recalculation, a text document's PDF export. Missing LibreOffice fails, never skips."""
    assert shutil.which("soffice"), "LibreOffice (soffice) tidak terpasang: .ci/run memasangnya"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    done = subprocess.run(
        [SYSTEM_PYTHON, str(UNO_SCRIPT), str(outdir), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=LIBREOFFICE_SECONDS,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _twips(element, tag: str) -> int | None:
    found = element.find(qn(tag))
    if found is None or found.get(qn("w:type"), "dxa") != "dxa":
        return None
    return int(found.get(qn("w:w")))


def _expected_widths(block: Table | SignatureRow) -> list[float]:
    if isinstance(block, SignatureRow):
        return [1.0] * len(block.signatures)
    return [c.width for c in block.columns]


def docx_table_problems(path: Path, doc: Document) -> list[str]:
    """Every table declares its width and each column's (in proportion to the document's columns),
    lays out fixed, repeats its header row on every page and never splits a row across pages."""
    d = DocxDocument(path)
    section = d.sections[0]
    text_width = Length(section.page_width - section.left_margin - section.right_margin).twips
    blocks = [b for b in doc.blocks if isinstance(b, Table | SignatureRow)]
    tables = d.tables
    name = path.name
    if len(tables) != len(blocks):
        return [f"{name}: {len(tables)} tabel di DOCX, {len(blocks)} di dokumen"]
    problems = []
    for n, (t, block) in enumerate(zip(tables, blocks, strict=True), 1):
        where = f"{name} tabel {n}"
        tbl_pr = t._tbl.tblPr
        layout = tbl_pr.find(qn("w:tblLayout"))
        if layout is None or layout.get(qn("w:type")) != "fixed":
            problems.append(f"{where}: tata letak tidak tetap (autofit)")
        width = _twips(tbl_pr, "w:tblW")
        if width is None or abs(width - text_width) > 2:
            problems.append(f"{where}: lebar tabel {width} twip, lebar halaman {text_width}")
        grid = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        relative = _expected_widths(block)
        total = sum(relative)
        wanted = [round(text_width * r / total) for r in relative]
        if len(grid) != len(wanted) or any(
            abs(g - w) > 2 for g, w in zip(grid, wanted, strict=True)
        ):
            problems.append(f"{where}: lebar kolom {grid}, seharusnya {wanted}")
        for i, row in enumerate(t.rows):
            tr_pr = row._tr.trPr
            if tr_pr is None or tr_pr.find(qn("w:cantSplit")) is None:
                problems.append(f"{where} baris {i + 1}: boleh terpotong antarhalaman")
                break
            header = tr_pr.find(qn("w:tblHeader")) is not None
            if i == 0 and isinstance(block, Table) and not block.plain and not header:
                problems.append(f"{where}: baris judul tidak diulang di setiap halaman")
            cells = [
                _twips(tc.tcPr, "w:tcW") if tc.tcPr is not None else None for tc in row._tr.tc_lst
            ]
            if cells != grid:
                problems.append(f"{where} baris {i + 1}: lebar sel {cells}, kolom {grid}")
                break
    return problems
