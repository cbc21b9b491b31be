"""The SPM report the Permensos 9/2018 way: 100 % target, per jenis layanan, kendala, costing."""

import io

import openpyxl

from kinerja.indicators.tests.factories import layanan, orang, ppks
from kinerja.performance.models import Analisis, Anggaran
from kinerja.reports.services import render_document


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {
        ws.title: [r for r in ws.iter_rows(values_only=True) if any(c is not None for c in r)]
        for ws in wb
    }


def test_the_spm_report_holds_the_permensos_parts(db):
    ani = orang("Ani")
    ppks(ani, "penyandang_disabilitas", "2024-06-01")
    layanan(ani, "permakanan", "2025-02-01")
    layanan(ani, "alat_bantu", "2025-05-01")
    budi = orang("Budi")
    ppks(budi, "anak_telantar", "2024-06-01")
    layanan(budi, "permakanan", "2025-04-01")
    Analisis.objects.create(
        indikator_kode="IKU-2",
        tahun=2025,
        triwulan=2,
        penyebab="Data PPKS belum mutakhir",
        tindak_lanjut="Pemutakhiran bersama TKSK",
    )
    Anggaran.objects.create(
        tahun=2025,
        kode_program="1.06.04",
        nama_program="Rehsos",
        indikator_kode="IKU-2",
        pagu=10_000_000,
        realisasi=9_000_000,
    )
    Anggaran.objects.create(
        tahun=2025, kode_program="1.06.05", nama_program="Lain", pagu=5_000_000, realisasi=1
    )
    sheets = _sheets(render_document("spm", "xlsx", year=2025, quarter=2))
    per_jenis = [
        r for r in sheets["Per jenis layanan"] if r[2] is not None and r[1] != "Jenis layanan"
    ]
    assert [(r[1], r[2]) for r in per_jenis] == [("Alat bantu", 1), ("Permakanan", 2)]
    kendala = [r for r in sheets["Kendala"] if r[1] == "Data PPKS belum mutakhir"]
    assert kendala and kendala[0][2] == "Pemutakhiran bersama TKSK"
    biaya = [r for r in sheets["Pembiayaan"] if r[0] == "Rehabilitasi sosial dasar di luar panti"]
    assert biaya[0][1:4] == (10_000_000, 9_000_000, 4_500_000)  # 9.000.000 / 2 people served
    per_jenis_ppks = sheets["IKU-2 per jenis"]
    header = next(r for r in per_jenis_ppks if "Target SPM (%)" in r)
    col = header.index("Target SPM (%)")
    data_rows = [r for r in per_jenis_ppks if isinstance(r[0], int)]
    assert data_rows and all(r[col] == 100 for r in data_rows)
