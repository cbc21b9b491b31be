"""Item 2: a computed indicator of the tree is its IKU's figure (through the engine), against the
IKU's PK target, frozen once the IKU is approved; the tree never shows a stale capaian."""

from decimal import Decimal

from kinerja.performance.services.targets import TargetInput, target_set
from kinerja.registries.imports import run_import

PPKS = """id_lokal,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,jenis_ppks,tanggal_daftar,lokasi
R-1,Ani,P,1980-01-01,63.72.04.1003,penyandang_disabilitas,2025-01-10,luar_panti
R-2,Budi,L,1950-05-05,63.72.04.1003,lanjut_usia_telantar,2025-01-10,luar_panti
R-3,Citra,P,1990-02-02,63.72.05.1001,penyandang_disabilitas,2025-01-15,luar_panti
R-4,Dodi,L,1960-03-03,63.72.05.1001,gelandangan,2025-01-20,
"""
LAYANAN = "id_lokal,jenis_layanan,tanggal\nR-1,permakanan,2025-02-01\n"


def _target(nilai: str) -> None:
    target_set(data=TargetInput("IKU-2", 2025, None, "pk", Decimal(nilai)))


def test_computed_indicator_follows_its_iku(client, users, tree, tmp_path):
    for kind, text in (("ppks", PPKS), ("layanan", LAYANAN)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert run_import(kind, path).rejected == 0
    _target("50")
    client.force_login(users["auditor"])
    url = "/kinerja/pohon/?tahun=2025"
    # IKU-2 2025: 1 of 4 persons served = 25 %, against 50 -> capaian 50,00, sangat rendah.
    assert "IT-1: 50,00 % sangat rendah" in client.get(url).content.decode()
    _target("25")  # a new target reaches the tree at once (no stale cache)
    assert "IT-1: 100,00 % sangat tinggi" in client.get(url).content.decode()
    more = tmp_path / "more.csv"
    more.write_text("id_lokal,jenis_layanan,tanggal\nR-2,sandang,2025-03-01\n", encoding="utf-8")
    run_import("layanan", more)  # 2 of 4 = 50 % against 25 -> 200,00
    assert "IT-1: 200,00 % sangat tinggi" in client.get(url).content.decode()
