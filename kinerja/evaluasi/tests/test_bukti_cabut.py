"""Withdrawing a criterion's evidence (D273): the side that added it, with a reason, while the year
is open; the audit trail keeps what it was; an uploaded file stays in the store."""

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.evaluasi.models import Bukti, JenisBukti
from kinerja.evaluasi.services.bukti import simpan_berkas_bukti, tautkan
from kinerja.evaluasi.services.jawaban import tutup
from kinerja.lib.berkas import bukti_root
from kinerja.lib.dates import today

from .test_bukti import jawaban_fixture  # noqa: F401  (the fixture `jawaban`)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def bukti(jawaban, users):
    """A link to the audit chain as of today, added by the Perencana."""
    return tautkan(
        user=users["perencana"], jawaban=jawaban, jenis=JenisBukti.RANTAI_AUDIT,
        acuan=today().isoformat(),  # the Dinas's date, as the service reads it
    )  # fmt: skip


def _url(b) -> str:
    return f"/evaluasi/bukti/{b.pk}/cabut/"


def _kriteria(b) -> str:
    return f"/evaluasi/2025/kriteria/{b.jawaban.kriteria_id}/"


def test_anonymous_is_sent_to_login(client, bukti):
    response = client.post(_url(bukti), {"alasan": "salah"})
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    assert Bukti.objects.filter(pk=bukti.pk).exists()


@pytest.mark.parametrize("role", ["staf_rehabilitasi", "kabid_rehabilitasi", "kadis"])
def test_roles_that_do_not_fill_the_worksheet_cannot_withdraw(client, users, bukti, role):
    client.force_login(users[role])
    assert client.post(_url(bukti), {"alasan": "salah"}).status_code == 403
    assert Bukti.objects.filter(pk=bukti.pk).exists()


def test_the_other_side_cannot_withdraw_and_sees_no_button(client, users, bukti):
    client.force_login(users["auditor"])
    assert f'action="{_url(bukti)}"' not in client.get(_kriteria(bukti)).content.decode()
    response = client.post(_url(bukti), {"alasan": "salah"}, follow=True)
    assert "hanya pihak yang menambahkannya" in response.content.decode()
    assert Bukti.objects.filter(pk=bukti.pk).exists()


def test_no_reason_keeps_the_evidence(client, users, bukti):
    client.force_login(users["perencana"])
    response = client.post(_url(bukti), {"alasan": "  "}, follow=True)
    assert "Tuliskan alasan pencabutan bukti." in response.content.decode()
    response = client.post(_url(bukti), {"alasan": "x" * 501}, follow=True)
    assert "paling banyak 500 karakter" in response.content.decode()
    assert Bukti.objects.filter(pk=bukti.pk).exists()
    assert client.post("/evaluasi/bukti/999999/cabut/", {"alasan": "salah"}).status_code == 404


def test_the_perencana_withdraws_with_a_reason_and_the_trail_keeps_it(client, users, bukti):
    client.force_login(users["perencana"])
    page = client.get(_kriteria(bukti)).content.decode()
    assert f'action="{_url(bukti)}"' in page and "Alasan pencabutan" in page
    response = client.post(_url(bukti), {"alasan": "tanggal salah"}, follow=True)
    assert "Bukti dicabut" in response.content.decode()
    assert not Bukti.objects.filter(pk=bukti.pk).exists()
    entry = AuditEntry.objects.get(aksi="lke_bukti_cabut", objek_id=str(bukti.pk))
    assert entry.sebelum["hash"] == bukti.hash_tercatat and entry.sebelum["jenis"] == "rantai_audit"
    assert entry.sesudah == {"alasan": "tanggal salah"}


def test_a_closed_year_refuses_until_reopened(client, users, bukti):
    tutup(user=users["auditor"], evaluasi=bukti.jawaban.evaluasi)
    client.force_login(users["perencana"])
    assert f'action="{_url(bukti)}"' not in client.get(_kriteria(bukti)).content.decode()
    response = client.post(_url(bukti), {"alasan": "salah"}, follow=True)
    assert "sudah ditutup evaluator" in response.content.decode()
    assert Bukti.objects.filter(pk=bukti.pk).exists()


def test_a_withdrawn_file_stays_in_the_store(client, users, jawaban, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.db import transaction

    with transaction.atomic():
        b = simpan_berkas_bukti(
            user=users["auditor"], name="lhe.pdf", chunks=[PDF], jawaban=jawaban
        )
    client.force_login(users["auditor"])
    client.post(_url(b), {"alasan": "berkas ganda"})
    assert not Bukti.objects.filter(pk=b.pk).exists()
    assert (bukti_root() / b.berkas).read_bytes() == PDF
    assert AuditEntry.objects.get(aksi="lke_bukti_cabut").sebelum["nama"] == "lhe.pdf"
