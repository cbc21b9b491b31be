"""Registry lists: search, filters, periods, pagination, NIK masking, logged CSV export."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.models import Orang, Ppks
from kinerja.registries.selectors import window
from kinerja.registries.tests.web_fixtures import (  # noqa: F401
    NIK_BUDI,
    NIK_ROLES,
    NIK_SITI,
    ROLES,
    data,
)
from kinerja.registries.views.common import PAGE_SIZE

MASKED_BUDI = "6372********0001"


def _get(client, name, **params):
    return client.get(reverse(f"registri:{name}"), params).content.decode()


@pytest.mark.django_db
def test_search_orang_by_nik_name_and_id_lokal(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = _get(client, "orang_list", q=NIK_BUDI)
    assert "Budi Santoso" in html and "Siti Aminah" not in html
    html = _get(client, "orang_list", q="amin")
    assert "Siti Aminah" in html and "Budi Santoso" not in html
    html = _get(client, "orang_list", q="reh-2024-007")
    assert "Pak Tua" in html and "Budi Santoso" not in html
    html = _get(client, "orang_list", q="tidak ada orang ini")
    assert "Tidak ada data yang cocok" in html


@pytest.mark.django_db
def test_filter_by_kelurahan_and_kecamatan(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = _get(client, "orang_list", wilayah="63.72.03.1001")
    assert "Siti Aminah" in html and "Budi Santoso" not in html
    html = _get(client, "orang_list", wilayah="63.72.04")  # the kecamatan and its kelurahan
    assert "Budi Santoso" in html and "Pak Tua" in html and "Siti Aminah" not in html


@pytest.mark.django_db
def test_ppks_filters_type_and_active_period(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    html = _get(client, "ppks_list", jenis="gelandangan")
    assert "Pak Tua" in html and "Budi Santoso" not in html
    # 2024: the gelandangan registration closed at the end of 2023, so only Budi is active.
    html = _get(client, "ppks_list", tahun=2024)
    assert "Budi Santoso" in html and "Pak Tua" not in html
    # Q1 2023 (cumulative window 1 Jan - 31 Mar): nobody registered yet.
    html = _get(client, "ppks_list", tahun=2023, triwulan=1)
    assert "Pak Tua" not in html and "Budi Santoso" not in html
    html = _get(client, "ppks_list", dari="2023-06-01", sampai="2023-06-30")
    assert "Pak Tua" in html and "Budi Santoso" not in html


@pytest.mark.django_db
def test_period_window_is_cumulative():
    assert window(tahun=2025, triwulan=2) == window(
        dari=dt.date(2025, 1, 1), sampai=dt.date(2025, 6, 30)
    )
    assert window(tahun=2025, triwulan=4).end == dt.date(2025, 12, 31)
    assert window(tahun=2024).start == dt.date(2024, 1, 1)
    assert window().empty


@pytest.mark.django_db
def test_bad_filter_input_is_explained_in_indonesian(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = _get(client, "ppks_list", triwulan=2)
    assert "Pilih tahun untuk triwulan ini." in html
    html = _get(client, "ppks_list", dari="2024-05-01", sampai="2024-01-01")
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in html
    html = _get(client, "ppks_list", dari="bukan-tanggal")
    assert "Bukan tanggal yang benar." in html


@pytest.mark.django_db
def test_layanan_filters_and_bidang_scope(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = _get(client, "layanan_list", jenis="bansos_keluarga")
    assert "Siti Aminah" in html and "Budi Santoso" not in html
    r = client.get(reverse("registri:layanan_list"), {"tahun": 2024, "triwulan": 1})
    assert {x.jenis_id for x in r.context["rows"]} == {"permakanan"}  # the bansos is dated July
    client.force_login(users["staf_rehabilitasi"])
    html = _get(client, "layanan_list")
    # Rehabilitasi Sosial sees basic-needs services outside disasters only (D21).
    assert "Budi Santoso" in html and "Siti Aminah" not in html
    client.force_login(users["staf_linjamsos"])
    html = _get(client, "layanan_list")
    assert "Siti Aminah" in html and "Budi Santoso" not in html
    assert "BJR-2024-01" in html  # basic needs given for a disaster are Linjamsos'


@pytest.mark.django_db
def test_bencana_list_counts_victims_and_links_to_them(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    r = client.get(reverse("registri:bencana_list"))
    row = r.context["rows"][0]
    assert row.jumlah_korban == 1
    assert "korban/?bencana=BJR-2024-01" in r.content.decode()
    html = _get(client, "korban_list", bencana="BJR-2024-01")
    assert "Siti Aminah" in html
    html = _get(client, "korban_list", kondisi="luka")
    assert "Siti Aminah" not in html


@pytest.mark.django_db
def test_dtks_list_shows_the_latest_period_by_default(client, users, data):  # noqa: F811
    from kinerja.registries.models import DtksPeriode

    client.force_login(users["staf_linjamsos"])
    DtksPeriode.objects.create(periode=dt.date(2024, 9, 1))
    html = _get(client, "dtks_list")
    assert "Periode ini belum punya anggota." in html
    html = _get(client, "dtks_list", periode="2024-06")
    assert "Siti Aminah" in html
    html = _get(client, "dtks_list", periode="2024-06", desil=5)
    assert "Siti Aminah" not in html


@pytest.mark.django_db
def test_empty_registry_says_so(client, users):
    client.force_login(users["auditor"])
    assert "Belum ada data orang" in _get(client, "orang_list")
    assert "Belum ada registrasi PPKS" in _get(client, "ppks_list")
    assert "Belum ada kejadian bencana" in _get(client, "bencana_list")
    assert "Belum ada data DTKS" in _get(client, "dtks_list")


@pytest.mark.django_db
def test_pagination_keeps_the_filters_in_the_url(client, users, data):  # noqa: F811
    Orang.objects.bulk_create(
        Orang(id_lokal=f"X-{i:03}", nama=f"Warga {i:03}", kelurahan_id="63.72.04.1003")
        for i in range(PAGE_SIZE + 5)
    )
    client.force_login(users["auditor"])
    r = client.get(reverse("registri:orang_list"), {"q": "warga"})
    html = r.content.decode()
    assert r.context["page_obj"].paginator.count == PAGE_SIZE + 5
    assert "halaman 1 dari 2" in html
    assert "?q=warga&amp;page=2" in html
    r = client.get(reverse("registri:orang_list"), {"q": "warga", "page": 2})
    assert len(r.context["rows"]) == 5
    assert "Warga 054" in r.content.decode()
    # A page past the end shows the last page rather than an error.
    r = client.get(reverse("registri:orang_list"), {"q": "warga", "page": 99})
    assert r.status_code == 200 and r.context["page_obj"].number == 2


@pytest.mark.django_db
def test_lists_do_not_query_per_row(client, users, data):  # noqa: F811
    for i in range(20):
        o = Orang.objects.create(id_lokal=f"Y-{i}", nama=f"Y {i}", kelurahan_id="63.72.04.1003")
        Ppks.objects.create(orang=o, jenis_id="pengemis", tanggal_daftar=dt.date(2024, 1, 1))
    client.force_login(users["auditor"])
    for name in ("orang_list", "ppks_list", "layanan_list", "korban_list", "bencana_list"):
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse(f"registri:{name}"))
        assert len(ctx.captured_queries) < 15, (name, len(ctx.captured_queries))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "kadis", "perencana", "staf_rehabilitasi", "admin"])
def test_lists_mask_nik_for_every_role(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    html = _get(client, "ppks_list")
    assert MASKED_BUDI in html
    assert NIK_BUDI not in html
    assert ("tampilkan NIK" in html) == (role in NIK_ROLES)
    assert not AksesDataPribadi.objects.exists()  # a masked list is not a look at a NIK


@pytest.mark.django_db
def test_export_is_logged_and_masks_nik_for_roles_without_it(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    r = client.get(reverse("registri:orang_list"), {"q": "Budi", "ekspor": "csv"})
    body = b"".join(r.streaming_content).decode("utf-8")
    assert r["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeffnik,id_lokal,nama")
    assert MASKED_BUDI in body and NIK_BUDI not in body
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "ekspor" and log.nama_pengguna == "auditor" and log.jumlah == 1

    client.force_login(users["staf_linjamsos"])
    r = client.get(reverse("registri:korban_list"), {"ekspor": "csv"})
    body = b"".join(r.streaming_content).decode("utf-8")
    assert NIK_SITI in body
    assert AksesDataPribadi.objects.filter(jenis="ekspor", nama_pengguna="staf_linjamsos").exists()


@pytest.mark.django_db
def test_export_without_personal_data_is_not_logged(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    r = client.get(reverse("registri:bencana_list"), {"ekspor": "csv"})
    assert "BJR-2024-01" in b"".join(r.streaming_content).decode()
    assert not AksesDataPribadi.objects.exists()
