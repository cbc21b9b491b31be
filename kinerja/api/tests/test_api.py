"""Every API view as anonymous, wrong role, right role and with bad input; answers in Indonesian."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.api import errors
from kinerja.audit.models import AksesDataPribadi
from kinerja.indicators.models import Keputusan

from .conftest import NIK


def test_catalogue_is_public(client, db):
    r = client.get(reverse("api:katalog"))
    assert r.status_code == 200
    codes = [i["kode"] for s in r.json()["sasaran"] for i in s["indikator"]]
    assert codes == ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]


def test_catalogue_missing_is_404_in_indonesian(client, db):
    Keputusan.objects.update(berlaku_mulai="2999-01-01")
    r = client.get(reverse("api:katalog"))
    assert r.status_code == 404
    assert r.json() == {"detail": "Belum ada katalog IKU yang berlaku."}


def test_figures_need_login_and_match_compute(client, users, served):
    url = reverse("api:angka")
    r = client.get(url, {"tahun": 2025, "triwulan": 1})
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Token"
    assert r.json() == {"detail": "Data autentikasi tidak diberikan."}
    client.force_login(users["auditor"])
    rows = client.get(url, {"tahun": 2025, "triwulan": 1, "level": "kecamatan"}).json()
    iku2 = [r for r in rows if r["indicator"] == "IKU-2"]
    assert len(iku2) == 6
    kota = iku2[0]
    assert (kota["region"], kota["period"], kota["numerator"], kota["denominator"], kota["value"]) == (
        "63.72", "2025-Q1", 1, 1, 100.0,
    )  # fmt: skip
    assert kota["status"] == "draft"


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "tahun"),
        ({"tahun": "x"}, "tahun"),
        ({"tahun": 1999}, "tahun"),
        ({"tahun": 2025, "triwulan": 5}, "triwulan"),
        ({"tahun": 2025, "level": "desa"}, "level"),
        ({"tahun": 2025, "bacaan": "bebas"}, "bacaan"),
    ],
)
def test_figures_bad_input_names_the_parameter(client, users, db, params, field):
    client.force_login(users["kadis"])
    r = client.get(reverse("api:angka"), params)
    assert r.status_code == 400
    body = r.json()
    assert body["detail"] == "Parameter tidak sah; rinciannya per parameter ada di `parameter`."
    assert list(body["parameter"]) == [field]
    assert not any(w in r.content.decode() for w in ("valid", "required", "This field"))


@pytest.mark.parametrize("role, masked", [("auditor", True), ("staf_rehabilitasi", False)])
def test_units_mask_nik_by_role_and_are_logged(client, users, served, role, masked):
    client.force_login(users[role])
    r = client.get(reverse("api:unit", args=["IKU-2", "2025-Q1"]))
    assert r.status_code == 200
    (row,) = r.json()
    assert row["pembilang"] is True
    assert (row["nik"] == "6372********0001") == masked
    assert (NIK.encode() in r.content) == (not masked)
    assert AksesDataPribadi.objects.filter(pengguna=users[role], jenis="ekspor").count() == 1


def test_units_bad_period_code_or_reading(client, users, db):
    client.force_login(users["kadis"])
    r = client.get(reverse("api:unit", args=["IKU-2", "2025-Q9"]))
    assert (r.status_code, r.json()["detail"]) == (
        404, "Periode '2025-Q9' tidak dikenal (pakai 2025 atau 2025-Q2).",
    )  # fmt: skip
    assert client.get(reverse("api:unit", args=["IKU-9", "2025"])).status_code == 404
    r = client.get(reverse("api:unit", args=["IKU-2", "2025"]), {"bacaan": "bebas"})
    assert r.status_code == 400
    assert list(r.json()["parameter"]) == ["bacaan"]
    assert not AksesDataPribadi.objects.exists()  # nothing shown, nothing logged


def test_units_anonymous_is_401_and_not_logged(client, served):
    r = client.get(reverse("api:unit", args=["IKU-2", "2025"]))
    assert r.status_code == 401
    assert b"Siti" not in r.content and NIK.encode() not in r.content
    assert not AksesDataPribadi.objects.exists()


def test_unknown_api_path_is_json_404_in_indonesian(client, db):
    for path in ("/api/tidak-ada/", "/api/angka/IKU-2/20%2F25/unit/", "/api/"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r["Content-Type"] == "application/json"
        assert r.json()["detail"].startswith("Alamat API tidak dikenal")
    # A missing trailing slash still redirects, as everywhere in the site.
    assert client.get("/api/iku").status_code == 301


def test_api_answers_json_only(client, users, db):
    """No DRF browsable HTML page (its inline script breaks under the CSP); /api/dokumentasi/ is."""
    client.force_login(users["kadis"])
    r = client.get(reverse("api:katalog"), HTTP_ACCEPT="text/html")
    assert r["Content-Type"] == "application/json"
    json.loads(r.content)
    assert client.get(reverse("api:katalog"), {"format": "api"}).status_code == 404


def test_library_messages_without_indonesian_translation_are_replaced(client, users, db):
    r = client.post(reverse("api:katalog"))
    assert (r.status_code, r.json()) == (
        405, {"detail": "Metode POST tidak diizinkan: API ini hanya membaca (GET)."},
    )  # fmt: skip
    r = client.get(reverse("api:katalog"), HTTP_AUTHORIZATION="Basic !!!")
    assert (r.status_code, r.json()["detail"]) == (401, errors.BASIC_HEADER)
    r = client.get(reverse("api:katalog"), HTTP_AUTHORIZATION="Basic")
    assert (r.status_code, r.json()["detail"]) == (401, errors.BASIC_HEADER)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["kadis"])
    r = csrf_client.post(reverse("api:angka") + "?tahun=2025")
    assert (r.status_code, r.json()["detail"]) == (
        403, "Permintaan ditolak: token CSRF tidak ada atau salah.",
    )  # fmt: skip
