"""The LKE worksheet as a document: each score in its own cell, notes written formula-safe."""

import io
from decimal import Decimal

import openpyxl
import pytest

from kinerja.evaluasi.models import Kriteria
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, jawab
from kinerja.reports.services import render_document


@pytest.fixture
def dijawab(db, users):
    evaluasi = evaluasi_tahun(2025)
    k = Kriteria.objects.get(
        sub_komponen__kode="1.c", nomor=2, sub_komponen__komponen__lke=evaluasi.lke
    )
    jawab(
        user=users["auditor"], evaluasi=evaluasi, kriteria=k, jawaban="B", catatan='=HYPERLINK("x")'
    )
    jawab(user=users["perencana"], evaluasi=evaluasi, kriteria=k, jawaban="A", catatan="lengkap")
    return evaluasi


def test_each_score_in_its_own_cell(dijawab):
    wb = openpyxl.load_workbook(io.BytesIO(render_document("lke", "xlsx", year=2025)))
    rows = {r[0]: r[1:4] for r in wb["Rekap"].iter_rows(values_only=True) if r and r[0]}
    # 1.c: 15 x 1/8 = 1.875 -> 1.88 (self); 15 x 0.75/8 = 1.40625 -> 1.41 (evaluator)
    assert [Decimal(str(v)) for v in rows["1. Perencanaan Kinerja"]] == [
        30,
        Decimal("1.88"),
        Decimal("1.41"),
    ]
    assert [Decimal(str(v)) for v in rows["Nilai akhir"]] == [100, Decimal("1.88"), Decimal("1.41")]
    cells = [
        c for row in wb["Kriteria"].iter_rows(values_only=True) for c in row if isinstance(c, str)
    ]
    assert '\'=HYPERLINK("x")' in cells
    assert not any(c.startswith("=") for c in cells)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_pdf_and_docx_render(dijawab, fmt):
    data = render_document("lke", fmt, year=2025)
    assert data[:4] in (b"%PDF", b"PK\x03\x04")
