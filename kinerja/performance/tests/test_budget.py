"""The `anggaran` kind and efficiency (capaian kinerja vs penyerapan anggaran)."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.performance.models import Anggaran
from kinerja.performance.selectors import budget_leaves, efficiency

from .conftest import LAYANAN_1, PPKS, run

BUDGET = """
tahun;kode_program;nama_program;kode_kegiatan;nama_kegiatan;kode_sub_kegiatan;nama_sub_kegiatan;indikator;pagu;realisasi
2025;1.06.04;Program Rehabilitasi Sosial;;;;;IKU-2;Rp 10.000.000;8.000.000
2025;1.06.04;Program Rehabilitasi Sosial;2.01;Rehabilitasi Sosial Dasar;;;IKU-2;6.000.000;4.500.000
2025;1.06.04;Program Rehabilitasi Sosial;2.01;Rehabilitasi Sosial Dasar;2.01.0001;Permakanan;IKU-2;4000000;3000000
2025;1.06.04;Program Rehabilitasi Sosial;2.02;Rehabilitasi Lansia;;;IKU-2;2.000.000;2.000.000
2025;1.06.05;Program Perlindungan;;;;;;1.000.000;
"""


@pytest.mark.django_db
def test_budget_import_and_efficiency(users, csv_file, tmp_path):
    run("import", "ppks", str(csv_file("ppks.csv", PPKS)))
    run("import", "layanan", str(csv_file("layanan.csv", LAYANAN_1)))
    run(
        "import", "target", str(csv_file("t.csv", "indikator,tahun,jenis,target\nIKU-2,2025,pk,50"))
    )
    code, out = run(
        "import", "anggaran", str(csv_file("anggaran.csv", BUDGET)), "--user", "perencana"
    )
    assert code == 0, out
    assert Anggaran.objects.count() == 5
    assert AuditEntry.objects.filter(objek_jenis="anggaran").count() == 5
    # leaves: sub-kegiatan 2.01.0001, kegiatan 2.02 (no subs), programme 1.06.05 (no kegiatan)
    leaves = {(a.kode_kegiatan, a.kode_sub_kegiatan) for a in budget_leaves(2025)}
    assert leaves == {("2.01", "2.01.0001"), ("2.02", ""), ("", "")}
    eff = {e.indikator_kode: e for e in efficiency(2025)}
    iku2 = eff["IKU-2"]
    assert (iku2.pagu, iku2.realisasi) == (6_000_000, 5_000_000)
    assert iku2.penyerapan == Decimal("83.33")
    assert iku2.capaian == Decimal("50.00")  # 25 % of a 50 % target
    assert iku2.efisien is False
    assert eff[""].penyerapan == Decimal("0.00")
    # the same file again changes nothing
    assert run("import", "anggaran", str(tmp_path / "anggaran.csv"))[0] == 0
    assert AuditEntry.objects.filter(objek_jenis="anggaran").count() == 5


@pytest.mark.django_db
def test_budget_rows_rejected_with_reasons(db, csv_file, tmp_path):
    bad = """
tahun,kode_program,nama_program,kode_kegiatan,kode_sub_kegiatan,indikator,pagu,realisasi
2025,P1,Program,,,,1.500.000,
2025,P2,Program,,,,"1.500,50",
2025,P3,Program,,,,-5,
2025,P4,Program,,S1,,100,
2025,P5,Program,,,IKU-9,100,
2025,,Program,,,,100,
"""
    code, out = run("import", "anggaran", str(csv_file("b.csv", bad)))
    assert code == 1 and "accepted: 1" in out and "rejected: 5" in out
    text = (tmp_path / "b.csv.rejected.csv").read_text(encoding="utf-8-sig")
    for reason in (
        "bukan angka rupiah",
        "negatif",
        "tanpa kode_kegiatan",
        "IKU-9",
        "kode_program wajib",
    ):
        assert reason in text
