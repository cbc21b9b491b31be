"""/grafik/<kode>/: per quarter, by kecamatan and kelurahan, numerator and denominator over time."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from kinerja.registries.models import Layanan, Orang, Ppks


@pytest.fixture
def served(db):
    o = Orang.objects.create(id_lokal="G-7", nama="Orang Tujuh", kelurahan_id="63.72.04.1003")
    Ppks.objects.create(orang=o, jenis_id="pengemis", tanggal_daftar=dt.date(2024, 1, 1))
    Layanan.objects.create(orang=o, jenis_id="sandang", tanggal=dt.date(2025, 5, 2))
    return o


def test_anonymous_goes_to_login(client, db):
    r = client.get(reverse("grafik_iku", args=["IKU-2"]))
    assert r.status_code == 302 and reverse("login") in r["Location"]


@pytest.mark.parametrize("role", ["kadis", "auditor", "staf_pemberdayaan"])
def test_four_charts_with_tables(client, users, served, role):
    client.force_login(users[role])
    r = client.get(reverse("grafik_iku", args=["IKU-2"]), {"tahun": "2025", "triwulan": "2"})
    assert r.status_code == 200
    g = {x.slug: x for x in r.context["grafik"]}
    assert list(g) == ["triwulan", "kecamatan", "kelurahan", "tahunan"]
    assert [row[1] for row in g["triwulan"].baris][:2] == [0, 100]  # served in May: from TW II
    assert len(g["kecamatan"].baris) == 5 and len(g["kelurahan"].baris) == 20
    komet = next(row for row in g["kelurahan"].baris if row[0] == "Komet")
    assert komet[1:3] == [1, 1]
    assert g["tahunan"].baris[-1] == ["2025", 1, 1]
    assert r.content.decode().count("<svg") == 4


@pytest.mark.parametrize(
    "fmt, ctype", [("csv", "text/csv"), ("svg", "image/svg+xml"), ("png", "image/png")]
)
def test_downloads(client, users, served, fmt, ctype):
    client.force_login(users["perencana"])
    params = {"tahun": "2025", "unduh": "kecamatan", "format": fmt}
    r = client.get(reverse("grafik_iku", args=["IKU-2"]), params)
    assert r.status_code == 200 and r["Content-Type"].startswith(ctype)
    if fmt == "csv":
        lines = io.StringIO(r.content.decode("utf-8-sig")).read().splitlines()
        assert lines[0] == "Kecamatan,Pembilang,Penyebut,Nilai (%)" and len(lines) == 6


def test_bad_input(client, users, db):
    client.force_login(users["kadis"])
    assert client.get(reverse("grafik_iku", args=["IKU-9"])).status_code == 404
    url = reverse("grafik_iku", args=["IKU-2"])
    assert client.get(url, {"tahun": "2025", "unduh": "x", "format": "csv"}).status_code == 404
    assert (
        client.get(url, {"tahun": "2025", "unduh": "kecamatan", "format": "gif"}).status_code == 404
    )
    r = client.get(url, {"tahun": "abc"})
    assert r.status_code == 200 and "Periode tidak valid" in r.content.decode()
