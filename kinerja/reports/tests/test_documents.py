"""Every document in every format, opened with a library that reads it, holds the five IKU and the
values the engine (`kinerja compute`) gives; approved figures are frozen, the others marked (s)."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from kinerja.indicators.engine import compute_figures
from kinerja.lib.numbers import format_angka, format_persen
from kinerja.performance.periods import Periode
from kinerja.performance.services.workflow import workflow_transition

CODES = ("IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4")
KINDS = ("iku", "pk", "lkjip", "spm", "rekap")
STEPS = [("submit", "staf_rehabilitasi"), ("verify", "kabid_rehabilitasi"), ("approve", "kadis")]


@pytest.fixture
def demo(db, tmp_path):
    call_command("demo", "--scale", "0.05", "--dir", str(tmp_path / "demo"), stdout=io.StringIO())


def _make(tmp_path, kind: str, fmt: str, year: int = 2025, quarter: int | None = 2):
    out = tmp_path / f"{kind}.{fmt}"
    args = ["report", kind, "--year", str(year), "--format", fmt, "--output", str(out)]
    if quarter:
        args += ["--quarter", str(quarter)]
    call_command(*args, stdout=io.StringIO())
    return out


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


def _docx_text(path) -> str:
    import docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return re.sub(r"\s+", " ", " ".join(parts))


def _xlsx_cells(path) -> list:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)  # cached results of the formulas
    return [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def _expected(year: int, quarter: int | None, level: str = "kota") -> list:
    return compute_figures(year, quarter, level=level)


def _check_text(text: str, kind: str, figures) -> None:
    for code in CODES if kind not in ("spm",) else ("IKU-2", "IKU-4"):
        assert code in text, (kind, code)
    if kind in ("iku", "pk"):
        return
    for f in figures:
        if kind == "spm" and f.indikator not in ("IKU-2", "IKU-4") or f.value is None:
            continue
        assert format_persen(f.value) in text, (kind, f.indikator, f.value)
        assert format_angka(f.denominator) in text, (kind, f.indikator, f.denominator)


def _check_xlsx(cells: list, kind: str, figures) -> None:
    text = " ".join(str(v) for v in cells)
    for code in CODES if kind != "spm" else ("IKU-2", "IKU-4"):
        assert code in text, (kind, code)
    if kind in ("iku", "pk"):
        return
    numbers = {round(Decimal(str(v)), 2) for v in cells if isinstance(v, int | float)}
    for f in figures:
        if kind == "spm" and f.indikator not in ("IKU-2", "IKU-4") or f.value is None:
            continue
        assert f.value in numbers, (kind, f.indikator, f.value)
        assert f.denominator in numbers, (kind, f.indikator, f.denominator)


def test_every_document_in_every_format_holds_the_five_iku_and_the_engine_values(demo, tmp_path):
    quarter_figs = _expected(2025, 2)
    year_figs = _expected(2025, None)
    assert sum(1 for f in year_figs if f.denominator) >= 4  # small demo: IKU-4 may be 0 / 0
    for kind in KINDS:
        # PK and LKjIP are yearly; SPM and rekap are asked for Triwulan II.
        figs = year_figs if kind == "lkjip" else quarter_figs
        _check_text(_pdf_text(_make(tmp_path, kind, "pdf")), kind, figs)
        _check_text(_docx_text(_make(tmp_path, kind, "docx")), kind, figs)
        _check_xlsx(_xlsx_cells(_make(tmp_path, kind, "xlsx")), kind, figs)


def test_rekap_holds_26_rows_per_iku_and_both_readings(demo, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(_make(tmp_path, "rekap", "xlsx"), data_only=True)
    default = {(f.indikator, f.wilayah): f for f in _expected(2025, 2, "kelurahan")}
    literal = {
        (f.indikator, f.wilayah): f
        for f in compute_figures(2025, 2, level="kelurahan", bacaan="literal")
    }
    for code in CODES:
        ws = wb[code]
        rows = [r for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("63.72")]
        assert len(rows) == 26
        for kode, _nama, _tingkat, nb, db, vb, nl, dl, _vl in rows:
            d, lit = default[(code, kode)], literal[(code, kode)]
            assert (nb, db, nl, dl) == (d.numerator, d.denominator, lit.numerator, lit.denominator)
            if d.value is not None:
                assert round(Decimal(str(vb)), 2) == d.value


def test_xlsx_capaian_is_a_live_formula(demo, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(_make(tmp_path, "lkjip", "xlsx", quarter=None))
    ws = wb["A.1 Capaian"]
    header = next(r for r in ws.iter_rows() if r[0].value == "No")
    cols = {c.value: c.column_letter for c in header}
    row = header[0].row + 1
    realisasi = ws[f"{cols['Realisasi (%)']}{row}"].value
    achievement = ws[f"{cols['Capaian (%)']}{row}"].value
    assert realisasi.startswith("=") and f"{cols['Pembilang']}{row}" in realisasi
    assert achievement.startswith("=") and f"{cols['Target (%)']}{row}" in achievement
    assert ws.freeze_panes is not None


def test_approved_figure_is_frozen_and_the_others_are_sementara(demo, tmp_path, users):
    periode = Periode(2025, 2)
    for aksi, who in STEPS:
        workflow_transition(aksi=aksi, kode="IKU-2", periode=periode, user=users[who])
    spm = _pdf_text(_make(tmp_path, "spm", "pdf"))
    iku2 = next(f for f in _expected(2025, 2) if f.indikator == "IKU-2")
    iku4 = next(f for f in _expected(2025, 2) if f.indikator == "IKU-4")
    # IKU-2 approved: no mark; IKU-4 not yet: its figure carries (s).
    assert f"{format_persen(iku2.value)} " in spm + " "
    assert f"{format_persen(iku2.value)} (s)" not in spm
    assert f"{format_angka(iku4.denominator)} (s)" in spm
    assert "SEMENTARA" in spm
    # The SPM split of IKU-2 comes from the frozen list: the groups add up to at least the total.
    assert "Penyandang disabilitas telantar" in spm and "Gelandangan dan pengemis" in spm

    import openpyxl

    ws = openpyxl.load_workbook(_make(tmp_path, "rekap", "xlsx"))["IKU-4"]
    formats = [c.number_format for row in ws.iter_rows() for c in row if c.column == 4]
    assert any("(s)" in f for f in formats)
    ws2 = openpyxl.load_workbook(_make(tmp_path, "rekap", "xlsx"))["IKU-2"]
    assert not any("(s)" in c.number_format for row in ws2.iter_rows() for c in row)


def test_spm_groups_sum_to_the_iku2_figure_for_people_in_one_group(demo):
    from kinerja.reports.selectors import spm_by_type

    rows, approved = spm_by_type(Periode(2025, 2))
    assert not approved and len(rows) >= 4
    iku2 = next(f for f in _expected(2025, 2) if f.indikator == "IKU-2")
    assert sum(r.denominator for r in rows) >= iku2.denominator
    assert sum(r.numerator for r in rows) <= sum(r.denominator for r in rows)


def test_lkjip_without_analysis_says_belum_diisi_and_pk_names_both_signatories(demo, tmp_path):
    lkjip = _pdf_text(_make(tmp_path, "lkjip", "pdf", quarter=None))
    for part in ("IKHTISAR EKSEKUTIF", "BAB I", "BAB II", "BAB III", "BAB IV", "A.2", "A.3"):
        assert part in lkjip
    assert "belum diisi" in lkjip
    pk = _pdf_text(_make(tmp_path, "pk", "pdf", quarter=None))
    assert "PIHAK PERTAMA" in pk and "Walikota Banjarbaru" in pk and "Anggaran (Rp)" in pk


def test_lkjip_carries_the_analysis_text_in_pdf_and_docx(demo, tmp_path):
    from kinerja.performance.models import Analisis

    Analisis.objects.create(
        indikator_kode="IKU-2", tahun=2025, penyebab="Pendataan PPKS di luar panti diperluas."
    )
    assert "Pendataan PPKS di luar panti diperluas." in _pdf_text(
        _make(tmp_path, "lkjip", "pdf", quarter=None)
    )
    docx_text = _docx_text(_make(tmp_path, "lkjip", "docx", quarter=None))
    assert "Pendataan PPKS di luar panti diperluas." in docx_text
    assert "Analisis IKU-1 tahun 2025 belum diisi." in docx_text


def test_reported_many_is_reported_of_each_figure(demo, users):
    """D240: the LKjIP reads its figures together; each is what `reported` gives alone, frozen once
    approved (here IKU-2 of 2025) and live otherwise."""
    from kinerja.reports.selectors import reported, reported_many

    for aksi, who in STEPS:
        workflow_transition(aksi=aksi, kode="IKU-2", periode=Periode(2025), user=users[who])
    periodes = [Periode(y) for y in (2024, 2025)]
    many = reported_many(list(CODES), periodes)
    assert many[("IKU-2", "2025")].frozen is not None and many[("IKU-2", "2025")].live is None
    assert many[("IKU-4", "2025")].frozen is None and many[("IKU-4", "2025")].live is not None
    for kode in CODES:
        for p in periodes:
            one, both = reported(kode, p), many[(kode, p.label)]
            fields = ("reported", "frozen", "live", "target", "renstra", "status")
            assert [getattr(one, f) for f in fields] == [getattr(both, f) for f in fields]
