import datetime as dt

import pytest
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.models import Layanan, Orang, Ppks


@pytest.fixture
def served(db):
    """One person in IKU-2's scope, served in Q1 2025."""
    o = Orang.objects.create(
        nik="6372044101900001", nama="Siti Contoh", jenis_kelamin="P",
        tanggal_lahir=dt.date(1990, 1, 1), kelurahan_id="63.72.04.1003",
    )  # fmt: skip
    Ppks.objects.create(
        orang=o, jenis_id="penyandang_disabilitas", tanggal_daftar=dt.date(2024, 1, 1)
    )
    Layanan.objects.create(orang=o, jenis_id="permakanan", tanggal=dt.date(2025, 2, 1))
    return o


def test_catalogue_is_public(client, db):
    r = client.get(reverse("api:katalog"))
    assert r.status_code == 200
    codes = [i["kode"] for s in r.json()["sasaran"] for i in s["indikator"]]
    assert codes == ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]


def test_figures_need_login_and_match_compute(client, users, served):
    url = reverse("api:angka")
    assert client.get(url, {"tahun": 2025, "triwulan": 1}).status_code == 403
    client.force_login(users["auditor"])
    rows = client.get(url, {"tahun": 2025, "triwulan": 1, "level": "kecamatan"}).json()
    iku2 = [r for r in rows if r["indicator"] == "IKU-2"]
    assert len(iku2) == 6
    kota = iku2[0]
    assert (kota["region"], kota["period"], kota["numerator"], kota["denominator"], kota["value"]) == (
        "63.72", "2025-Q1", 1, 1, 100.0,
    )  # fmt: skip
    assert kota["status"] == "draft"


def test_figures_bad_input(client, users, db):
    client.force_login(users["kadis"])
    for params in (
        {},
        {"tahun": "x"},
        {"tahun": 2025, "triwulan": 5},
        {"tahun": 2025, "level": "desa"},
    ):
        assert client.get(reverse("api:angka"), params).status_code == 400


@pytest.mark.parametrize("role, masked", [("auditor", True), ("staf_rehabilitasi", False)])
def test_units_mask_nik_by_role_and_are_logged(client, users, served, role, masked):
    client.force_login(users[role])
    r = client.get(reverse("api:unit", args=["IKU-2", "2025-Q1"]))
    assert r.status_code == 200
    (row,) = r.json()
    assert row["pembilang"] is True
    assert (row["nik"] == "6372********0001") == masked
    assert (row["nik"] == "6372044101900001") == (not masked)
    assert AksesDataPribadi.objects.filter(pengguna=users[role], jenis="ekspor").count() == 1


def test_units_bad_period_or_code_is_404(client, users, db):
    client.force_login(users["kadis"])
    assert client.get(reverse("api:unit", args=["IKU-2", "2025-Q9"])).status_code == 404
    assert client.get(reverse("api:unit", args=["IKU-9", "2025"])).status_code == 404
    client.logout()
    assert client.get(reverse("api:unit", args=["IKU-2", "2025"])).status_code == 403
