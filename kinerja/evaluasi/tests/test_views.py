"""The LKE pages as anonymous, wrong role, right role and with bad input."""

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.evaluasi.models import Jawaban, Kriteria, StatusEvaluasi
from kinerja.evaluasi.services.jawaban import evaluasi_tahun


@pytest.fixture
def kriteria(db):
    evaluasi = evaluasi_tahun(2025)
    return Kriteria.objects.get(
        sub_komponen__kode="1.b", nomor=5, sub_komponen__komponen__lke=evaluasi.lke
    )


def url(k=None, suffix=""):
    return f"/evaluasi/2025/kriteria/{k.pk}/{suffix}" if k else "/evaluasi/2025/"


@pytest.mark.parametrize("path", ["/evaluasi/", "/evaluasi/2025/"])
def test_anonymous_is_sent_to_login(client, path, kriteria):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_cannot_answer(client, kriteria):
    response = client.post(url(kriteria), {"jawaban": "A"})
    assert response.status_code == 302
    assert not Jawaban.objects.exists()


@pytest.mark.parametrize("role", ["kadis", "staf_rehabilitasi", "kabid_linjamsos", "admin"])
def test_readers_see_the_worksheet_but_cannot_answer(client, users, kriteria, role):
    client.force_login(users[role])
    page = client.get(url())
    assert page.status_code == 200
    assert "Rekapitulasi nilai" in page.content.decode()
    assert client.post(url(kriteria), {"jawaban": "A"}).status_code == 403
    assert (
        client.post(
            url(kriteria, "bukti/"), {"jenis": "rantai_audit", "acuan": "2025-01-01"}
        ).status_code
        == 403
    )
    assert client.post("/evaluasi/2025/tutup/").status_code == 403
    assert not Jawaban.objects.exclude(mandiri_jawaban="", evaluator_jawaban="").exists()


def test_the_perencana_answers_the_self_assessment_and_it_is_audited(client, users, kriteria):
    client.force_login(users["perencana"])
    response = client.post(url(kriteria), {"jawaban": "b", "catatan": "IKU SMART sebagian"})
    assert response.status_code == 302
    row = Jawaban.objects.get()
    assert (row.mandiri_jawaban, str(row.mandiri_nilai), row.evaluator_jawaban) == (
        "B",
        "0.7500",
        "",
    )
    entry = AuditEntry.objects.get(aksi="lke_jawab_mandiri")
    assert entry.objek_id == "2025/1.b.5" and entry.sesudah["jawaban"] == "B"
    page = client.get(url()).content.decode()
    assert 'data-nilai="mandiri">0,61' in page  # 9 x 0.75 / 11 = 0.6136..


def test_the_evaluator_scores_and_nobody_else_can(client, users, kriteria):
    client.force_login(users["auditor"])
    assert client.post(url(kriteria), {"jawaban": "A"}).status_code == 302
    row = Jawaban.objects.get()
    assert (row.evaluator_jawaban, row.mandiri_jawaban) == ("A", "")


@pytest.mark.parametrize("answer", ["F", "Ya", "100", "AA"])
def test_an_answer_outside_the_scale_is_refused_with_a_message(client, users, kriteria, answer):
    client.force_login(users["perencana"])
    response = client.post(url(kriteria), {"jawaban": answer})
    assert response.status_code == 400
    assert "di luar skala kriteria ini (pilihan: A, B, C, D, E)" in response.content.decode()
    assert not Jawaban.objects.exclude(mandiri_jawaban="").exists()


def test_closing_freezes_the_year_until_the_evaluator_reopens_it_with_a_reason(
    client, users, kriteria
):
    client.force_login(users["perencana"])
    client.post(url(kriteria), {"jawaban": "C"})
    assert client.post("/evaluasi/2025/tutup/").status_code == 403  # only the evaluator closes
    client.force_login(users["auditor"])
    assert client.post("/evaluasi/2025/tutup/").status_code == 302
    assert evaluasi_tahun(2025).status == StatusEvaluasi.DITUTUP
    client.force_login(users["perencana"])
    response = client.post(url(kriteria), {"jawaban": "A"})
    assert response.status_code == 400 and "sudah ditutup evaluator" in response.content.decode()
    assert Jawaban.objects.get().mandiri_jawaban == "C"
    client.force_login(users["auditor"])
    response = client.post("/evaluasi/2025/buka/", {"alasan": " "}, follow=True)
    assert "Tuliskan alasan" in response.content.decode()
    assert evaluasi_tahun(2025).status == StatusEvaluasi.DITUTUP
    client.post("/evaluasi/2025/buka/", {"alasan": "Bukti tambahan dari Dinas"})
    assert evaluasi_tahun(2025).status == StatusEvaluasi.TERBUKA
    entry = AuditEntry.objects.get(aksi="lke_buka_kembali")
    assert entry.sesudah["alasan"] == "Bukti tambahan dari Dinas"


@pytest.mark.parametrize(
    "path", ["/evaluasi/1999/", "/evaluasi/2999/", "/evaluasi/2025/kriteria/999999/"]
)
def test_bad_year_or_criterion_is_not_found(client, users, kriteria, path):
    client.force_login(users["auditor"])
    assert client.get(path).status_code == 404


def test_evidence_that_does_not_resolve_gives_a_message(client, users, kriteria):
    client.force_login(users["perencana"])
    response = client.post(
        url(kriteria, "bukti/"), {"jenis": "angka_beku", "acuan": "12345"}, follow=True
    )
    assert "Tidak ada persetujuan (pembekuan) bernomor" in response.content.decode()
