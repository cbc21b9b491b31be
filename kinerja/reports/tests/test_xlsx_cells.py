"""Issue 12 row 8: the XLSX documents keep their own formulas (SUM, capaian) live and write every
text typed by people (analysis, programme names, indicator names) as text behind an apostrophe."""

import io

import pytest
from openpyxl import load_workbook

from kinerja.lib.cells import FORMULA_START
from kinerja.performance.models import Analisis, Anggaran
from kinerja.reports.document import (
    CellFormula,
    Column,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Table,
)
from kinerja.reports.render import render_xlsx
from kinerja.reports.services import render_document

HYPERLINK = '=HYPERLINK("http://x","klik")'
ATTACKS = [HYPERLINK, "+1", "-1+2", "@SUM(A1)", "\t=1"]


def _cells(content: bytes):
    wb = load_workbook(io.BytesIO(content))
    return [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_safe(cells) -> tuple[list[str], list[str]]:
    """(formulas, texts); no formula mentions HYPERLINK and no text would start one."""
    formulas = [c.value for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if c.data_type == "s"]
    for f in formulas:
        assert "HYPERLINK" not in f and "@SUM" not in f, f
    for t in texts:
        assert not t.startswith(FORMULA_START), t
    return formulas, texts


def test_renderer_quotes_every_text_and_keeps_the_formulas():
    doc = Document(
        title="=judul",
        subtitle="+sub",
        letterhead=Letterhead(dinas="-Dinas", pemerintah="@Pemkot", alamat="", email=""),
        xlsx_text_sheet="Uraian",
    )
    doc.add(
        Heading(HYPERLINK),
        Paragraph("\t=1"),
        Table(
            title="@SUM(A1)",
            columns=[Column("=Program"), Column("Anggaran", kind="rupiah")],
            rows=[["+1", 5], ["-1+2", -7], ["Jumlah", CellFormula("=SUM(B{first}:B{prev})", -2)]],
            note="=catatan",
        ),
    )
    formulas, texts = _assert_safe(_cells(render_xlsx(doc)))
    assert formulas == ["=SUM(B7:B8)"]  # title row 5, header 6, data 7-8
    for t in ["'=judul", "'+sub", "'" + HYPERLINK, "'\t=1", "'@SUM(A1)", "'=Program", "'+1",
              "'-1+2", "'=catatan"]:  # fmt: skip
        assert t in texts, t


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ATTACKS)
def test_lkjip_and_pk_write_typed_text_as_text(attack):
    Analisis.objects.create(
        indikator_kode="IKU-2", tahun=2025, penyebab=attack, upaya=attack, tindak_lanjut=attack
    )
    Anggaran.objects.create(tahun=2025, kode_program="1.06.02", nama_program=attack, pagu=1000)
    Anggaran.objects.create(tahun=2025, kode_program="1.06.03", nama_program="Lain", pagu=500)
    for kind in ("lkjip", "pk"):
        formulas, texts = _assert_safe(_cells(render_document(kind, "xlsx", year=2025)))
        assert any(f.startswith("=SUM(") for f in formulas), kind  # the documents' own formulas
        assert "'" + attack in texts, kind
