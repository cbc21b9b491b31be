"""Uploads in the background and on disk (issue 12): the preview is made by the worker, never in the
request; files are owner-only and deleted after the retention period (D66-D68)."""

import os
import re
import stat
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.registries import unggahan
from kinerja.registries.models import Impor, Ppks

NIK_KK = re.compile(r"\b\d{16}\b")
PPKS_CSV = (
    "nik;nama;jenis_ppks;tanggal_daftar;kode_wilayah\n"
    "6372046304920005;Rina;anak_telantar;05/01/2024;6372041003\n"
    "1234;Salah;anak_telantar;2024-01-05;63.72.04.1003\n"
)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


def _upload(client, text: str = PPKS_CSV, kind: str = "ppks") -> str:
    f = SimpleUploadedFile("ppks.csv", text.encode("utf-8"), content_type="text/csv")
    r = client.post(reverse("registri:unggah_form", args=[kind]), {"file": f})
    assert r.status_code == 302, r.content.decode()[:2000]
    return r["Location"]


def _worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the preview runs in the worker ----------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_preview_waits_for_the_db_worker_then_shows(
    seeded_transactional_db, client, users, settings
):
    settings.TASKS = DATABASE
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client)
    r = client.get(pratinjau)  # the request did not run the dry run: the page waits and polls
    html = r.content.decode()
    assert r.status_code == 200 and "sedang diperiksa" in html and 'hx-trigger="every 2s"' in html
    assert "Akan diterima" not in html
    r = client.get(pratinjau, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert "sedang diperiksa" in r.content.decode() and "HX-Refresh" not in r
    # Saving before the preview is done is refused: nothing is queued, nothing saved.
    r = client.post(pratinjau, follow=True)
    assert "Pratinjau belum selesai" in r.content.decode()
    _worker()
    assert not Impor.objects.filter(uji_coba=False).exists()

    r = client.get(pratinjau, HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Refresh"] == "true"
    html = client.get(pratinjau).content.decode()
    assert "Akan diterima" in html and "6372********0005" in html and not NIK_KK.search(html)
    assert "harus 16 digit angka" in html
    proses = client.post(pratinjau)["Location"]
    assert "Menunggu giliran" in client.get(proses).content.decode()
    _worker()
    assert "Impor selesai." in client.get(proses).content.decode()
    assert Ppks.objects.count() == 1


@pytest.mark.django_db
def test_preview_failure_is_a_clear_indonesian_message(client, users, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("KeyError at /srv/kinerja/var/media/unggah 6372046304920005")

    monkeypatch.setattr(unggahan, "make_preview", boom)
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client)
    html = client.get(pratinjau).content.decode()
    assert "Pratinjau gagal karena kesalahan di server" in html
    assert "KeyError" not in html and "/srv" not in html and not NIK_KK.search(html)
    assert "Simpan" not in html
    r = client.post(pratinjau)  # and it cannot be saved by posting
    assert r.status_code == 403 and not Impor.objects.filter(uji_coba=False).exists()


@pytest.mark.django_db
def test_preview_pages_as_anonymous_wrong_role_and_bad_token(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client)
    client.logout()
    for r in (client.get(pratinjau), client.post(pratinjau)):
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(users["staf_pemberdayaan"])
    assert client.get(pratinjau).status_code == 403
    assert client.post(pratinjau).status_code == 403
    client.force_login(users["staf_rehabilitasi"])
    bad = reverse("registri:unggah_pratinjau", args=["ppks", "0" * 32])
    assert client.get(bad).status_code == 404 and client.post(bad).status_code == 404
    assert not Impor.objects.filter(uji_coba=False).exists()


# -- files on disk -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_upload_preview_and_rejects_are_owner_only(client, users, settings):
    old = os.umask(0o022)  # the usual umask would make them 0644 / 0755
    try:
        client.force_login(users["staf_rehabilitasi"])
        pratinjau = _upload(client)
        client.post(pratinjau)
    finally:
        os.umask(old)
    root = Path(settings.MEDIA_ROOT) / "unggah"
    (folder,) = list(root.iterdir())
    assert _mode(root) == 0o700 and _mode(folder) == 0o700
    names = {p.name: _mode(p) for p in folder.iterdir()}
    assert names == {"unggahan.csv": 0o600, "pratinjau.json": 0o600, "tolakan.csv": 0o600}
    assert Impor.objects.get(uji_coba=False).file_tolakan == str(folder / "tolakan.csv")


def _folder(root: Path, name: str, age_days: float) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "unggahan.csv").write_text("nik\n6372046304920005\n")
    (folder / "tolakan.csv").write_text("nik;baris;alasan_ditolak\n")
    then = time.time() - age_days * 86400
    for p in (*folder.iterdir(), folder):
        os.utime(p, (then, then))
    return folder


@pytest.mark.django_db
def test_sweep_deletes_expired_uploads_only(settings, capsys):
    root = Path(settings.MEDIA_ROOT) / "unggah"
    old = _folder(root, "lama", 31)
    fresh = _folder(root, "baru", 29)
    running = _folder(root, "berjalan", 40)
    impor_old = Impor.objects.create(
        jenis="ppks", nama_file="a.csv", status=Impor.Status.SELESAI, ditolak=1,
        file_sumber=str(old / "unggahan.csv"), file_tolakan=str(old / "tolakan.csv"),
    )  # fmt: skip
    Impor.objects.create(
        jenis="ppks", nama_file="b.csv", status=Impor.Status.BERJALAN,
        file_sumber=str(running / "unggahan.csv"),
    )  # fmt: skip

    call_command("unggah_bersihkan", "--dry-run")
    out = capsys.readouterr().out
    assert "Akan dihapus (uji coba, tidak ada yang dihapus): 1 unggahan (2 file" in out
    assert "lebih dari 30 hari" in out and "Dilewati: 1 unggahan" in out
    assert old.exists()

    call_command("unggah_bersihkan")
    out = capsys.readouterr().out
    assert out.startswith("Dihapus: 1 unggahan (2 file")
    assert not old.exists() and fresh.exists() and running.exists()
    impor_old.refresh_from_db()
    assert impor_old.file_tolakan == ""  # no page offers a file that is gone

    settings.KINERJA_RETENSI_UNGGAH_HARI = 7  # the setting decides when no --hari is given
    call_command("unggah_bersihkan")
    assert not fresh.exists() and running.exists()
    assert "Dihapus: 1 unggahan" in capsys.readouterr().out


@pytest.mark.django_db
def test_sweep_command_bad_input_and_empty_folder(settings, capsys):
    with pytest.raises(CommandError, match="tidak boleh negatif"):
        call_command("unggah_bersihkan", "--hari", "-1")
    call_command("unggah_bersihkan", "--hari", "0")  # no upload folder yet: nothing to do
    assert "Dihapus: 0 unggahan (0 file, 0 B)" in capsys.readouterr().out


@pytest.mark.django_db
def test_worker_sweeps_after_each_import(client, users, settings):
    """Under `make run` the db_worker deletes expired uploads after each preview and import."""
    expired = _folder(Path(settings.MEDIA_ROOT) / "unggah", "lama", 45)
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client)
    assert not expired.exists()  # swept after the preview
    expired = _folder(Path(settings.MEDIA_ROOT) / "unggah", "lama2", 45)
    client.post(pratinjau)
    assert not expired.exists()  # and after the import
    assert Ppks.objects.count() == 1


# -- a real browser: the waiting page polls and turns into the preview by itself -------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_preview_appears_when_the_worker_is_done(page, users, settings, tmp_path):
    from conftest import PASSWORD

    settings.TASKS = DATABASE
    upload = tmp_path / "ppks maret.csv"
    upload.write_text(PPKS_CSV, encoding="utf-8")
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("staf_rehabilitasi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")
    page.goto("/registri/unggah/ppks/")
    page.get_by_label("File CSV atau XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_url("**/pratinjau/")
    assert "sedang diperiksa" in page.locator("main").inner_text()
    _worker()  # the db_worker picks the preview up; the page notices on its next poll
    page.get_by_text("Akan diterima").wait_for(timeout=15000)
    assert not NIK_KK.search(page.content())
    page.get_by_role("button", name="Simpan baris yang diterima").click()
    page.wait_for_url("**/proses/")
    _worker()
    page.get_by_text("Impor selesai.").wait_for(timeout=15000)
    assert Ppks.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_preview_task_that_dies_in_the_worker_is_reported(
    seeded_transactional_db, client, users, settings, monkeypatch
):
    settings.TASKS = DATABASE

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device: /srv/kinerja/var/media")

    monkeypatch.setattr(unggahan, "store_preview", disk_full)
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client)
    _worker()
    r = client.get(pratinjau, HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Refresh"] == "true"  # stop polling
    html = client.get(pratinjau).content.decode()
    assert "Pratinjau gagal karena kesalahan di server" in html
    assert "No space" not in html and "/srv" not in html
    assert client.post(pratinjau).status_code == 403
    assert not Impor.objects.filter(uji_coba=False).exists()


@pytest.mark.django_db
def test_progress_page_as_anonymous_and_wrong_role(client, users):
    client.force_login(users["staf_rehabilitasi"])
    proses = client.post(_upload(client))["Location"]
    html = client.get(proses).content.decode()
    assert "Impor selesai." in html and not NIK_KK.search(html)
    client.force_login(users["staf_linjamsos"])
    assert client.get(proses).status_code == 403
    client.logout()
    r = client.get(proses)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
