"""Issue 12 row 13: `make run` serves with DEBUG off. A real `kinerja runserver` started the way the
Makefile starts it serves CSS and JS through WhiteNoise, and error pages are Indonesian with no debug
page (which would show settings, paths and personal data)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error

MAKEFILE = Path(settings.PROJECT_DIR) / "Makefile"
KINERJA = Path(sys.executable).parent / "kinerja"


def _run_recipe() -> str:
    text = MAKEFILE.read_text()
    return re.search(r"^run:.*?(?=^\S)", text, re.S | re.M).group(0)


def test_make_run_turns_debug_off_and_serves_on_loopback():
    recipe = _run_recipe()
    assert "DEBUG=$${DEBUG:-0}" in recipe and "DEBUG:-1" not in recipe
    assert "runserver --noreload $(HOST)" in recipe
    assert re.search(r"^HOST \?= 127\.0\.0\.1:", MAKEFILE.read_text(), re.M)
    assert {"127.0.0.1", "localhost"} <= set(settings.ALLOWED_HOSTS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        # What `make run` sets, and nothing else: DEBUG and ALLOWED_HOSTS come from the defaults.
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "KINERJA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kinerja.sqlite3'}",
    }
    env.pop("ALLOWED_HOSTS", None)
    proc = subprocess.Popen(
        [str(KINERJA), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/static/kinerja/kinerja.css")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "runserver did not start in 60 s"
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_runserver_with_debug_off_serves_static_files_and_indonesian_errors(server):
    for path, ctype, marker in [
        ("/static/kinerja/kinerja.css", "text/css", b"{"),
        ("/static/registries/registri.css", "text/css", b"{"),
        ("/static/django_htmx/htmx-2.min.js", "javascript", b"htmx"),
    ]:
        status, headers, body = _get(server + path)
        assert status == 200, path
        assert ctype in headers["Content-Type"] and marker in body, path

    status, _, body = _get(server + "/static/tidak-ada.css")
    assert status == 404
    status, _, body = _get(server + "/halaman-yang-tidak-ada/")
    html = body.decode()
    assert status == 404 and "Halaman tidak ditemukan" in html and 'lang="id"' in html
    for leak in ("Traceback", "DEBUG = True", "Page not found", "URLconf", str(settings.BASE_DIR)):
        assert leak not in html
    assert 'href="/static/kinerja/kinerja.css"' in html  # the error page is styled too

    status, headers, body = _get(server + "/masuk/")
    assert status == 200 and "Masuk ke Kinerja" in body.decode()
    # Plain HTTP on loopback: the CSRF cookie must not be Secure-only, or login would fail.
    assert "csrftoken=" in headers["Set-Cookie"] and "Secure" not in headers["Set-Cookie"]


def test_server_error_page_is_indonesian_without_details():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in html and "Server Error" not in html


@pytest.mark.django_db
def test_csrf_failure_page_is_indonesian_without_details(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    r = client.post("/masuk/", {"username": "kadis", "password": "x"})
    html = r.content.decode()
    assert r.status_code == 403 and "Formulir tidak dapat diterima" in html
    assert "DEBUG" not in html and "CSRF" not in html
