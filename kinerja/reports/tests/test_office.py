"""Every document as the Walikota's office and the Inspektorat open it: LibreOffice (Debian's
packages, headless, one process for all files) recalculates every XLSX the product writes and lays
out every DOCX; the figures must be the engine's, with no error value, and the layout the PDF's."""

import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.core.management import call_command

from kinerja.indicators.engine import Periode, compute_figures, drilldown, export_xlsx
from kinerja.registries.templat import build_template
from kinerja.registries.views.unggah import KIND_AREA
from kinerja.reports.render import render_docx, render_pdf, render_xlsx
from kinerja.reports.services import BUILDERS, build_document

from .office import docx_table_problems, libreoffice, pdf_pages

# The demo has budget lines up to 2025; 2026 has a catalogue and Renstra targets but no budget.
YEARS = (2025, 2026)
QUARTER = 2  # SPM and rekap; PK, LKjIP and IKU are yearly
PAGE_TOLERANCE = 0.2
HALF_CENT = 0.005 + 1e-9  # the engine's figures carry two decimals


@pytest.fixture
def demo(db, tmp_path):
    call_command("demo", "--scale", "0.05", "--dir", str(tmp_path / "demo"), stdout=io.StringIO())


def _formula_cells(path) -> dict[tuple[str, int, int], object]:
    """Each formula cell of a written XLSX with the result the writer cached beside it (the
    builder's figure, from the engine)."""
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    cells = {}
    for ws in formulas:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    cells[(ws.title, c.row, c.column)] = (
                        cached[ws.title].cell(c.row, c.column).value
                    )
    return cells


def _same(value, expected) -> bool:
    if expected in (None, ""):
        return value == ""
    return isinstance(value, int | float) and abs(value - float(expected)) <= HALF_CENT


def _xlsx_problems(path, seen: dict) -> list[str]:
    if "error" in seen:
        return [f"{path.name}: LibreOffice tidak dapat membuka: {seen['error']}"]
    problems = []
    by_cell = {(c["sheet"], c["row"], c["column"]): c for c in seen["formulas"]}
    expected = _formula_cells(path)
    if set(by_cell) != set(expected):
        problems.append(f"{path.name}: sel rumus berbeda: {sorted(set(by_cell) ^ set(expected))}")
    for key, c in sorted(by_cell.items()):
        where = f"{path.name} {c['sheet']}!R{c['row']}C{c['column']} {c['formula']}"
        if c["error"]:
            problems.append(f"{where}: {c['error']}")
        elif key in expected and not _same(c["value"], expected[key]):
            problems.append(f"{where}: {c['value']!r}, mesin {expected[key]!r}")
    return problems


def _rekap_against_engine(path, seen: dict, year: int) -> list[str]:
    """The rekap's realisasi cells (5 IKU x 26 regions x 2 readings), recalculated, against
    `compute_figures` itself rather than the cached value."""
    ws_all = openpyxl.load_workbook(path)
    periode = Periode(year, QUARTER)
    figures = {
        (bacaan, f.indikator, f.wilayah): f.value
        for bacaan in ("default", "literal")
        for f in compute_figures(periode.tahun, periode.triwulan, level="kelurahan", bacaan=bacaan)
    }
    problems, checked = [], 0
    for c in seen["formulas"]:
        ws = ws_all[c["sheet"]]
        title = ws.cell(_header_row(ws), c["column"]).value
        bacaan = "default" if "baku" in title else "literal"
        kode = ws.cell(c["row"], 1).value
        value = figures[(bacaan, c["sheet"], kode)]
        checked += 1
        if not _same(c["value"], value):
            problems.append(f"rekap {year} {c['sheet']} {kode} {title}: {c['value']!r} != {value}")
    if checked != 260:
        problems.append(f"rekap {year}: {checked} sel realisasi, seharusnya 260")
    return problems


def _header_row(ws) -> int:
    return next(r[0].row for r in ws.iter_rows() if r[0].value == "Kode wilayah")


def _exports(tmp_path) -> list:
    """The other spreadsheets users download: import templates and a drill-down list."""
    files = []
    for kind in KIND_AREA:
        files.append(tmp_path / f"templat-{kind}.xlsx")
        files[-1].write_bytes(build_template(kind))
    rincian = tmp_path / "rincian-IKU-2.xlsx"
    export_xlsx(drilldown("IKU-2", Periode(2025)), str(rincian), mask_nik=True, title="Rincian")
    return [*files, rincian]


def test_every_document_opens_in_libreoffice_with_the_engine_figures_and_the_pdf_layout(
    demo, tmp_path
):
    src, out = tmp_path / "dokumen", tmp_path / "libreoffice"
    src.mkdir()
    docs, weasy_pages = {}, {}
    for kind in BUILDERS:
        for year in YEARS:
            doc = build_document(kind, year=year, quarter=QUARTER)
            name = f"{kind}-{year}"
            docs[name] = doc
            (src / f"{name}.xlsx").write_bytes(render_xlsx(doc))
            (src / f"{name}.docx").write_bytes(render_docx(doc))
            (src / f"{name}.pdf").write_bytes(render_pdf(doc))
            weasy_pages[name] = pdf_pages(src / f"{name}.pdf")
    exports = _exports(src)
    files = [src / f"{n}.{ext}" for ext in ("xlsx", "docx") for n in docs] + exports

    seen = libreoffice(files, out)

    problems = []
    for name in docs:
        xlsx = src / f"{name}.xlsx"
        problems += _xlsx_problems(xlsx, seen[str(xlsx)])
        if name.startswith("rekap"):
            problems += _rekap_against_engine(xlsx, seen[str(xlsx)], int(name[-4:]))
        docx = src / f"{name}.docx"
        if "pdf" not in seen[str(docx)]:
            problems.append(f"{docx.name}: LibreOffice tidak dapat membuka: {seen[str(docx)]}")
            continue
        lo_pages, wp_pages = pdf_pages(out / f"{name}.pdf"), weasy_pages[name]
        if abs(lo_pages - wp_pages) > PAGE_TOLERANCE * wp_pages:
            problems.append(f"{docx.name}: {lo_pages} halaman di LibreOffice, PDF {wp_pages}")
        problems += docx_table_problems(docx, docs[name])
    for path in exports:
        problems += _xlsx_problems(path, seen[str(path)])
    assert not problems, f"{len(problems)} masalah:\n" + "\n".join(problems)
    # The documents the issue names: every rekap cell and the SPM's formulas were recalculated.
    spm = seen[str(src / "spm-2025.xlsx")]["formulas"]
    assert len(spm) >= 10 and all(isinstance(c["value"], float) for c in spm if c["value"] != "")
    anggaran = [
        c for c in seen[str(src / "lkjip-2026.xlsx")]["formulas"] if c["sheet"] == "Anggaran"
    ]
    assert anggaran and not any(c["error"] for c in anggaran)


def _pdfinfo(path, *args) -> str:
    assert shutil.which("pdfinfo"), "poppler-utils (pdfinfo) tidak terpasang: .ci/run memasangnya"
    return subprocess.run(
        ["pdfinfo", *args, str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_pdfs_are_archival_pdf_a_with_author_subject_and_embedded_fonts(db, tmp_path):
    from pypdf import PdfReader

    for kind in BUILDERS:
        doc = build_document(kind, year=2025, quarter=QUARTER)
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(render_pdf(doc))
        info = dict(
            (k.strip(), v.strip())
            for k, _, v in (line.partition(":") for line in _pdfinfo(path).splitlines())
        )
        assert info["Title"] == doc.title
        assert info["Author"] == "DINAS SOSIAL KOTA BANJARBARU"
        assert info["Subject"] == doc.subtitle.splitlines()[0]
        xmp = _pdfinfo(path, "-meta")
        assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(
            r"pdfaid:conformance(>|=\")B", xmp
        ), xmp
        intents = PdfReader(path).trailer["/Root"].get("/OutputIntents")
        assert intents and intents[0].get_object()["/S"] == "/GTS_PDFA1"
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        # name, type, encoding, then emb sub uni object generation
        assert fonts and {f.split()[-5] for f in fonts} == {"yes"}, fonts


def test_a_total_under_an_empty_table_is_its_value_and_every_file_names_the_dinas(db, tmp_path):
    """No budget line: the Jumlah row holds 0, not =SUM(C7:C6) over its own cell (D90); the DOCX
    and XLSX carry the author and subject the PDF carries (D92, D93)."""
    import docx

    doc = build_document("pk", year=2026)
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc)))["Anggaran"]
    jumlah = next(r for r in ws.iter_rows() if r[1].value == "Jumlah")
    assert jumlah[2].value == 0 and jumlah[2].data_type == "n"
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in jumlah)
    props = docx.Document(io.BytesIO(render_docx(doc))).core_properties
    assert (props.author, props.subject, props.title) == (
        "DINAS SOSIAL KOTA BANJARBARU",
        "Dinas Sosial Kota Banjarbaru",
        "Perjanjian Kinerja Tahun 2026",
    )
    xlsx_props = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc))).properties
    assert (xlsx_props.creator, xlsx_props.subject) == (props.author, props.subject)
