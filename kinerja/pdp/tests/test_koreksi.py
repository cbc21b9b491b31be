"""Correcting a person needs a reason (D86); the person page offers the PDP actions by role."""

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.registries.tests.web_fixtures import NIK_BUDI, data  # noqa: F401


def _edit(client, orang, **extra):
    fields = {
        "nik": NIK_BUDI, "nama": "Budi Santosa", "jenis_kelamin": "L",
        "tanggal_lahir": "1990-08-12", "no_kk": orang.no_kk, "kelurahan": "63.72.04.1003",
    }  # fmt: skip
    return client.post(reverse("registri:orang_edit", args=[orang.pk]), fields | extra)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "alasan,message",
    [
        (None, "Alasan perubahan wajib diisi."),
        ("", "Alasan perubahan wajib diisi."),
        ("ok", "Alasan terlalu pendek (minimal 5 huruf)."),
    ],
)
def test_correction_without_a_reason_changes_nothing(client, users, data, alasan, message):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    extra = {} if alasan is None else {"alasan": alasan}
    r = _edit(client, data.budi, **extra)
    assert r.status_code == 200 and message in r.content.decode()
    data.budi.refresh_from_db()
    assert data.budi.nama == "Budi Santoso"
    assert not AuditEntry.objects.filter(objek_jenis="registries.orang").exists()


@pytest.mark.django_db
def test_correction_reason_is_audited_without_identifiers(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    r = _edit(client, data.budi, alasan=f"KTP baru Budi Santoso, NIK {NIK_BUDI} tetap")
    assert r.status_code == 302
    entry = AuditEntry.objects.get(aksi="ubah", objek_jenis="registries.orang")
    assert entry.sesudah == {"kolom": ["nama"], "alasan": "KTP baru [dihapus], NIK [dihapus] tetap"}
    history = data.budi.history.order_by("-history_id").first()
    assert history.history_change_reason == "KTP baru [dihapus], NIK [dihapus] tetap"
    # Adding a person needs no reason (nothing is corrected).
    r = client.post(
        reverse("registri:orang_add"),
        {"id_lokal": "REH-9", "nama": "Baru", "kelurahan": "63.72.04.1003"},
    )
    assert r.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,laporan,hapus",
    [("admin", True, True), ("kadis", True, False), ("auditor", False, False),
     ("staf_rehabilitasi", False, False)],
)  # fmt: skip
def test_person_page_offers_pdp_actions_by_role(client, users, data, role, laporan, hapus):  # noqa: F811
    client.force_login(users[role])
    html = client.get(reverse("registri:orang_detail", args=[data.budi.pk])).content.decode()
    assert ("Laporan subjek data" in html) == laporan
    assert ("Hapus identitas (UU PDP)" in html) == hapus
