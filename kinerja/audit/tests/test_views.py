"""The audit log page: who may read it, filters, chain check."""

import pytest
from django.db import connection
from django.urls import reverse

from kinerja.audit.services import audit_record

ALL_ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
URL = reverse("performance:audit_log")


@pytest.mark.django_db
def test_anonymous_redirects(client):
    assert client.get(URL).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_roles(client, users, role):
    client.force_login(users[role])
    r = client.get(URL)
    assert r.status_code == (200 if role in ("auditor", "kadis", "admin") else 403)


@pytest.mark.django_db
def test_filters_by_person_object_and_date(client, users):
    audit_record(user=users["perencana"], aksi="ubah_target", objek_jenis="target", objek_id="7")
    audit_record(
        user=users["kadis"],
        aksi="persetujuan_approve",
        objek_jenis="persetujuan",
        objek_id="IKU-2 2025",
    )
    client.force_login(users["auditor"])
    html = client.get(URL, {"pengguna": "kadis"}).content.decode()
    assert "persetujuan_approve" in html and "ubah_target" not in html
    html = client.get(URL, {"objek": "target"}).content.decode()
    assert "ubah_target" in html and "persetujuan_approve" not in html
    html = client.get(URL, {"dari": "2000-01-01", "sampai": "2000-12-31"}).content.decode()
    assert "ubah_target" not in html and "Tidak ada entri" in html
    r = client.get(URL, {"dari": "31/02/2025"})
    assert r.status_code == 400 and "bukan tanggal" in r.content.decode()


@pytest.mark.django_db
def test_chain_check_button(client, users):
    e = audit_record(user=users["perencana"], aksi="uji", objek_jenis="uji")
    client.force_login(users["auditor"])
    assert "Rantai utuh" in client.get(URL, {"periksa": "1"}).content.decode()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET aksi = 'palsu' WHERE id = %s", [e.pk])
    html = client.get(URL, {"periksa": "1"}).content.decode()
    assert "TIDAK utuh" in html and f"#{e.pk}" in html
