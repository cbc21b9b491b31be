"""The person page: every record of the person (per Bidang), its history, and the access log."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.editing import orang_save
from kinerja.registries.models import Layanan
from kinerja.registries.tests.web_fixtures import NIK_BUDI, NIK_PSKS, NIK_SITI, data  # noqa: F401


def _page(client, orang):
    return client.get(reverse("registri:orang_detail", args=[orang.pk]))


@pytest.mark.django_db
def test_reader_sees_every_section(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = _page(client, data.siti).content.decode()
    for heading in ("Registrasi PPKS", "Layanan dan bantuan", "Keanggotaan DTKS", "Korban bencana"):
        assert heading in html
    assert "Bantuan sosial kesejahteraan keluarga" in html
    assert "2024-06" in html  # DTKS membership
    assert "BJR-2024-01" in html  # victim record
    assert "Siti Aminah" in html
    assert "6372********0002" in html and NIK_SITI not in html
    assert "Tambah registrasi" not in html and "Ubah data orang" not in html  # reads only


@pytest.mark.django_db
def test_bidang_staff_see_only_their_sections(client, users, data):  # noqa: F811
    # Budi is in both Bidang's registries: PPKS and a basic-needs service, and a bansos.
    Layanan.objects.create(orang=data.budi, jenis_id="bansos_keluarga", tanggal=dt.date(2024, 7, 1))
    client.force_login(users["staf_rehabilitasi"])
    html = _page(client, data.budi).content.decode()
    assert "Registrasi PPKS" in html and "Layanan dan bantuan" in html
    assert "Keanggotaan DTKS" not in html and "Korban bencana" not in html
    assert "Bantuan sosial kesejahteraan keluarga" not in html  # a Linjamsos service
    assert "Penyandang disabilitas" in html and "Permakanan" in html
    assert "Tambah registrasi" in html
    # D60: Siti is only in Linjamsos' registries: not Rehabilitasi Sosial's to open.
    response = _page(client, data.siti)
    assert response.status_code == 403 and b"Siti" not in response.content

    client.force_login(users["kabid_linjamsos"])
    html = _page(client, data.budi).content.decode()
    assert "Registrasi PPKS" not in html and "Penyandang disabilitas" not in html
    assert "Bantuan sosial kesejahteraan keluarga" in html
    html = _page(client, data.siti).content.decode()
    assert "Keanggotaan DTKS" in html and "Korban bencana" in html
    assert "Bantuan sosial kesejahteraan keluarga" in html
    assert "Catat sebagai korban" in html


@pytest.mark.django_db
def test_empty_sections_say_so(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    html = _page(client, data.tanpa_nik).content.decode()
    assert "Orang ini tidak tercatat di DTKS." in html
    assert "Belum ada layanan tercatat untuk orang ini." in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "staf_linjamsos", "kadis"])
def test_opening_a_person_page_is_logged(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    _page(client, data.siti)
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "buka_orang"
    assert log.nama_pengguna == role
    assert log.objek == f"orang #{data.siti.pk}"
    assert log.alamat_ip == "127.0.0.1"


@pytest.mark.django_db
def test_refused_person_page_is_not_logged(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    assert _page(client, data.siti).status_code == 403
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
def test_history_shows_field_changes_with_nik_masked(client, users, data):  # noqa: F811
    data.budi.nama = "Budi S."
    orang_save(data.budi, user=users["staf_rehabilitasi"])
    client.force_login(users["auditor"])
    html = _page(client, data.budi).content.decode()
    assert "Riwayat perubahan data orang" in html
    assert "<del>Budi Santoso</del>" in html and "<ins>Budi S.</ins>" in html
    assert "oleh staf_rehabilitasi" in html


@pytest.mark.django_db
def test_history_masks_a_changed_nik(client, users, data):  # noqa: F811
    data.tanpa_nik.nik = "6372041208900001"[:-1] + "7"
    orang_save(data.tanpa_nik, user=users["staf_rehabilitasi"])
    client.force_login(users["auditor"])
    html = _page(client, data.tanpa_nik).content.decode()
    assert "<ins>6372********0007</ins>" in html
    assert "6372041208900007" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staf_rehabilitasi", "kabid_linjamsos", "admin"])
def test_reveal_nik_shows_it_and_logs_it(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    # D60: each Bidang reveals a person of its own registries.
    person, nik = (data.siti, NIK_SITI) if role == "kabid_linjamsos" else (data.budi, NIK_BUDI)
    html = _page(client, person).content.decode()
    assert f"6372********{nik[-4:]}" in html and nik not in html
    assert "tampilkan NIK" in html
    url = reverse("registri:orang_nik", args=[person.pk])
    r = client.post(url, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    assert nik in r.content.decode()
    assert "<html" not in r.content.decode()  # htmx gets the fragment only
    log = AksesDataPribadi.objects.get(jenis="lihat_nik")
    assert log.nama_pengguna == role and log.objek == f"NIK orang #{person.pk}"
    # Without JavaScript: a page with the NIK and a way back.
    r = client.post(url, {"next": reverse("registri:orang_list")})
    assert nik in r.content.decode() and reverse("registri:orang_list") in r.content.decode()
    assert AksesDataPribadi.objects.filter(jenis="lihat_nik").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "kadis", "perencana"])
def test_roles_without_nik_cannot_reveal(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    assert "tampilkan NIK" not in _page(client, data.budi).content.decode()
    r = client.post(reverse("registri:orang_nik", args=[data.budi.pk]))
    assert r.status_code == 403
    assert NIK_BUDI not in r.content.decode()
    assert not AksesDataPribadi.objects.filter(jenis="lihat_nik").exists()


@pytest.mark.django_db
def test_reveal_needs_post_and_the_bidang(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    assert client.get(reverse("registri:orang_nik", args=[data.budi.pk])).status_code == 405
    client.force_login(users["staf_pemberdayaan"])
    assert client.post(reverse("registri:orang_nik", args=[data.budi.pk])).status_code == 403
    assert client.post(reverse("registri:orang_nik", args=[999999])).status_code == 404
    client.logout()
    assert client.post(reverse("registri:orang_nik", args=[data.budi.pk])).status_code == 302


@pytest.mark.django_db
def test_reveal_psks_nik(client, users, data):  # noqa: F811
    url = reverse("registri:psks_nik", args=[data.psks.pk])
    client.force_login(users["staf_rehabilitasi"])
    assert client.post(url).status_code == 403  # another Bidang's registry
    client.force_login(users["staf_pemberdayaan"])
    html = client.get(reverse("registri:psks_list")).content.decode()
    assert "6372********0003" in html and NIK_PSKS not in html
    r = client.post(url, HTTP_HX_REQUEST="true")
    assert NIK_PSKS in r.content.decode()
    assert AksesDataPribadi.objects.get().objek == "NIK PSKS TKSK-01"


@pytest.mark.django_db
def test_unsafe_next_is_ignored(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    r = client.post(
        reverse("registri:orang_nik", args=[data.budi.pk]), {"next": "https://evil.example/"}
    )
    assert "evil.example" not in r.content.decode()
