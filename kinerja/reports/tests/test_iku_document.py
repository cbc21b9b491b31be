"""`kinerja report iku` in three formats, each opened with a library that reads it."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.indicators.models import Indikator


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def names(db):
    return list(Indikator.objects.filter(keputusan__versi=1).values_list("nama", flat=True))


def _make(tmp_path, fmt: str):
    out = tmp_path / f"iku.{fmt}"
    call_command(
        "report",
        "iku",
        "--year",
        "2025",
        "--format",
        fmt,
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    return out


def test_pdf_holds_the_five_iku_and_the_letterhead(tmp_path, names):
    from pypdf import PdfReader

    reader = PdfReader(_make(tmp_path, "pdf"))
    text = _norm(" ".join(page.extract_text() for page in reader.pages))
    assert "PEMERINTAH KOTA BANJARBARU" in text and "dinsos@banjarbarukota.go.id" in text
    for code in ("IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"):
        assert code in text
    assert "ROKHYAT RIYADI" in text and "Halaman 1 dari" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape


def test_docx_holds_the_five_iku_verbatim(tmp_path, names):
    import docx

    d = docx.Document(_make(tmp_path, "docx"))
    cells = " ".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    for name in names:
        assert name in cells
    assert "Bidang Rehabilitasi Sosial" in cells


def test_xlsx_holds_the_five_iku_verbatim_with_frozen_header(tmp_path, names):
    import openpyxl

    wb = openpyxl.load_workbook(_make(tmp_path, "xlsx"))
    ws = wb["IKU"]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    for name in names:
        assert any(name in v for v in values)
    assert ws.freeze_panes is not None
    assert wb["Organisasi"]["A1"].value.startswith("DINAS SOSIAL")


def test_unknown_kind_and_format_refused(tmp_path, db):
    with pytest.raises(CommandError):
        call_command(
            "report", "iku", "--year", "2025", "--format", "odt", "--output", str(tmp_path / "x")
        )
    with pytest.raises(CommandError, match="Tidak ada katalog"):
        call_command(
            "report", "iku", "--year", "2019", "--format", "pdf", "--output", str(tmp_path / "x")
        )
