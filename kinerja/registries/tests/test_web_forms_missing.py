"""Issue 12 row 11 on the registry forms: a correction that does not send a field keeps the stored
value; only a field sent empty is emptied. Anonymous, wrong role, right role and bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.registries.models import Layanan, Orang, Ppks
from kinerja.registries.tests.web_fixtures import NIK_BUDI, data  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
PERSON = ["nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kelurahan_id"]


def _person(pk: int) -> dict:
    return Orang.objects.filter(pk=pk).values(*PERSON).get()


def _edit(client, name: str, pk: int, fields: dict):
    return client.post(reverse(f"registri:{name}", args=[pk]), fields)


def test_anonymous_and_wrong_role_change_nothing(client, users, data):  # noqa: F811
    before = _person(data.budi.pk)
    r = _edit(client, "orang_edit", data.budi.pk, {})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(users["auditor"])
    assert _edit(client, "orang_edit", data.budi.pk, {"nama": "X", "no_kk": ""}).status_code == 403
    assert _person(data.budi.pk) == before


def test_empty_post_changes_nothing(client, users, data):  # noqa: F811
    before = _person(data.budi.pk)
    client.force_login(users["staf_rehabilitasi"])
    r = _edit(client, "orang_edit", data.budi.pk, {})
    assert r.status_code == 200 and "Alasan perubahan wajib diisi" in r.content.decode()
    r = _edit(client, "orang_edit", data.budi.pk, {"alasan": "Tidak ada yang diubah"})
    assert r.status_code == 302
    assert _person(data.budi.pk) == before
    assert before["no_kk"] and before["tanggal_lahir"] and before["kelurahan_id"]


def test_partial_post_changes_only_its_fields(client, users, data):  # noqa: F811
    before = _person(data.budi.pk)
    client.force_login(users["staf_rehabilitasi"])
    fields = {"nama": "Budi Santosa", "no_kk": "", "alasan": "Ejaan nama"}
    r = _edit(client, "orang_edit", data.budi.pk, fields)
    assert r.status_code == 302
    # D62: the stored KK is never put in the form, so its empty input means "unchanged"; only the
    # checkbox erases it.
    assert _person(data.budi.pk) == before | {"nama": "Budi Santosa"}
    fields = {"hapus_no_kk": "on", "alasan": "KK salah ketik"}
    assert _edit(client, "orang_edit", data.budi.pk, fields).status_code == 302
    assert _person(data.budi.pk) == before | {"nama": "Budi Santosa", "no_kk": ""}


def test_bad_input_changes_nothing(client, users, data):  # noqa: F811
    before = _person(data.budi.pk)
    client.force_login(users["admin"])
    r = _edit(client, "orang_edit", data.budi.pk, {"no_kk": "123", "alasan": "Koreksi KK"})
    assert r.status_code == 200 and "Nomor KK harus 16 digit" in r.content.decode()
    assert _person(data.budi.pk) == before


def test_ppks_correction_keeps_the_end_date_it_did_not_send(client, users, data):  # noqa: F811
    data.ppks.tanggal_selesai = dt.date(2024, 12, 31)
    data.ppks.lokasi = "dalam_panti"
    data.ppks.save()
    client.force_login(users["kabid_rehabilitasi"])
    r = _edit(client, "ppks_edit", data.ppks.pk, {"tanggal_daftar": "2024-02-02"})
    assert r.status_code == 302
    ppks = Ppks.objects.get(pk=data.ppks.pk)
    assert ppks.tanggal_daftar == dt.date(2024, 2, 2)
    assert ppks.tanggal_selesai == dt.date(2024, 12, 31) and ppks.lokasi == "dalam_panti"
    assert ppks.jenis_id == "penyandang_disabilitas"
    client.force_login(users["staf_pemberdayaan"])  # another Bidang's registry
    assert _edit(client, "ppks_edit", data.ppks.pk, {"tanggal_selesai": ""}).status_code == 403
    assert Ppks.objects.get(pk=data.ppks.pk).tanggal_selesai == dt.date(2024, 12, 31)


def test_layanan_correction_keeps_the_fields_it_did_not_send(client, users, data):  # noqa: F811
    layanan = data.layanan_dasar
    layanan.program = "SPM"
    layanan.keterangan = "diantar"
    layanan.save()
    client.force_login(users["staf_rehabilitasi"])
    r = _edit(client, "layanan_edit", layanan.pk, {"keterangan": ""})
    assert r.status_code == 302
    after = Layanan.objects.get(pk=layanan.pk)
    assert (after.program, after.keterangan, after.nilai_rp) == ("SPM", "", Decimal(150000))
    assert after.jenis_id == "permakanan" and after.tanggal == dt.date(2024, 3, 5)


def test_add_form_still_requires_its_fields(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    before = Orang.objects.count()
    r = client.post(reverse("registri:orang_add"), {})
    assert r.status_code == 200 and "Isi NIK atau ID lokal" in r.content.decode()
    assert Orang.objects.count() == before
    assert Orang.objects.filter(nik=NIK_BUDI).count() == 1
