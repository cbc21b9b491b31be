"""Documents are made by the background worker (D170): the request only queues (well under a
second), the progress page reloads until the file is ready, then downloads it. Anonymous, another
user, bad token, a failing render."""

import time

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


def test_request_queues_the_document_and_the_worker_makes_it(
    seeded_transactional_db, client, users, settings
):
    settings.TASKS = DATABASE
    client.force_login(users["kadis"])
    start = time.monotonic()
    response = client.get("/dokumen/pk.xlsx", {"tahun": "2025"})
    assert time.monotonic() - start < 1.0  # nothing rendered in the request
    assert response.status_code == 302
    tugas = response["Location"]
    page = client.get(tugas).content.decode()
    assert "Menunggu giliran dibuat" in page and '<meta http-equiv="refresh" content="2">' in page
    early = client.get(tugas + "unduh/")
    assert early.status_code == 302 and early["Location"] == tugas  # not ready: back to progress

    _worker()
    page = client.get(tugas).content.decode()
    assert "Dokumen siap." in page and 'http-equiv="refresh"' not in page
    assert "pk-2025.xlsx" in page
    download = client.get(tugas + "unduh/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="pk-2025.xlsx"'
    assert b"".join(download.streaming_content)[:2] == b"PK"

    client.force_login(users["perencana"])  # another user: not their document
    assert client.get(tugas).status_code == 403
    assert client.get(tugas + "unduh/").status_code == 403
    client.logout()
    assert client.get(tugas)["Location"].startswith("/masuk/")


def test_bad_token_is_a_404(seeded_transactional_db, client, users):
    client.force_login(users["kadis"])
    assert client.get("/dokumen/tugas/bukan-token/").status_code == 404
    assert client.get("/dokumen/tugas/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_a_failing_render_shows_an_indonesian_message(
    seeded_transactional_db, client, users, monkeypatch
):
    def boom(*args, **kwargs):
        raise RuntimeError("something broke in English")

    monkeypatch.setattr("kinerja.reports.tasks.render_document", boom)
    client.force_login(users["kadis"])
    page = client.get("/dokumen/iku.pdf", {"tahun": "2025"}, follow=True).content.decode()
    assert "Dokumen gagal dibuat. Coba lagi" in page and "something broke" not in page
