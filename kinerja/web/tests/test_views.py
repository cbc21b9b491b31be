"""Every view: anonymous, wrong role, right role, bad input."""

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from conftest import PASSWORD
from kinerja.indicators.models import Indikator

ALL_ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip


@pytest.mark.django_db
def test_home_public_lists_the_five_iku_in_the_decree_words(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for ind in Indikator.objects.filter(keputusan__versi=1):
        assert ind.nama in html
        assert ind.cara_perhitungan.replace("%", "%") in html
    assert "061 Tahun 2023" in html
    assert "31 Januari 2023" in html
    assert 'lang="id"' in html


@pytest.mark.django_db
def test_home_uses_only_local_assets(client):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "/static/kinerja/kinerja.css" in html


@pytest.mark.django_db
def test_static_asset_is_served(client):
    assert client.get("/static/kinerja/kinerja.css").status_code == 200


@pytest.mark.django_db
def test_security_headers(client):
    r = client.get("/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_are_gzipped_files_are_not(client):
    """D212: text for a browser that asks is gzipped (with Django's BREACH padding); static files
    are WhiteNoise's, not this middleware's."""
    import gzip

    r = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert r["Content-Encoding"] == "gzip" and "Accept-Encoding" in r["Vary"]
    assert "Indikator Kinerja Utama" in gzip.decompress(r.content).decode()
    assert "Content-Encoding" not in client.get("/")  # not asked: plain
    r = client.get("/static/kinerja/kinerja.css", HTTP_ACCEPT_ENCODING="identity")
    assert r.status_code == 200 and "Content-Encoding" not in r


def test_only_text_is_gzipped(rf):
    from django.http import HttpResponse

    from kinerja.web.middleware import GZipTextMiddleware

    body = b"%PDF-1.7 " + b"0" * 5000
    mw = GZipTextMiddleware(lambda request: HttpResponse(body, content_type="application/pdf"))
    r = mw(rf.get("/dokumen/x.pdf", HTTP_ACCEPT_ENCODING="gzip"))
    assert r.content == body and "Content-Encoding" not in r
    mw = GZipTextMiddleware(lambda request: HttpResponse("a;b\n" * 999, content_type="text/csv"))
    assert mw(rf.get("/x.csv", HTTP_ACCEPT_ENCODING="gzip"))["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_beranda_anonymous_redirects_to_login(client):
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_beranda_for_each_role(client, users, role):
    client.force_login(users[role])
    r = client.get(reverse("akses_saya"))
    assert r.status_code == 200
    html = r.content.decode()
    assert users[role].get_role_display() in html
    assert ("lihat dan ubah" in html) == (role != "auditor" and role != "kadis")


@pytest.mark.django_db
def test_login_right_password(client, users):
    r = client.post(reverse("login"), {"username": "kadis", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")


@pytest.mark.django_db
def test_login_wrong_password_message_in_indonesian(client, users):
    r = client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    assert r.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in r.content.decode()


@pytest.mark.django_db
def test_login_empty_form_is_bad_input(client, users):
    r = client.post(reverse("login"), {})
    assert r.status_code == 200
    assert "wajib" in r.content.decode().lower() or "harus" in r.content.decode().lower()


@pytest.mark.django_db
def test_login_throttled_after_repeated_failures(client, users, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    r = client.post(reverse("login"), {"username": "kadis", "password": PASSWORD})
    assert r.status_code == 429
    assert "Terlalu banyak percobaan" in r.content.decode()


@pytest.mark.django_db
def test_logout_requires_post(client, users):
    client.force_login(users["kadis"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


@pytest.mark.django_db
def test_admin_anonymous_wrong_role_right_role(client, users):
    url = "/admin/indicators/keputusan/"
    assert client.get(url).status_code == 302
    client.force_login(users["staf_rehabilitasi"])
    assert client.get(url).status_code == 302  # not staff: sent to the admin login
    client.force_login(users["admin"])
    r = client.get(url)
    assert r.status_code == 200
    assert "061 Tahun 2023" in r.content.decode()


@pytest.mark.django_db
def test_english_through_language_switch(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert r.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html


@pytest.mark.django_db
def test_session_cookie_flags(client, users, settings):
    # HttpOnly and SameSite come from kinerja/settings.py; Secure follows SECURE_COOKIES (below),
    # off in the test settings (plain HTTP test client).
    r = client.post(reverse("login"), {"username": "kadis", "password": PASSWORD})
    cookie = r.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert cookie["secure"] == ""


def _settings_in_a_fresh_process(env: dict[str, str]) -> dict:
    """Import kinerja.settings in a new interpreter with `env` (unset keys removed): the
    environment wiring itself, not a value a test wrote into django.conf.settings."""
    names = ("SECURE_COOKIES", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    code = (
        "import json, kinerja.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    full = {k: v for k, v in os.environ.items() if k not in ("SECURE_COOKIES", "DEBUG")}
    full |= {"SECRET_KEY": "uji-" + "x" * 40} | env
    out = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("env", "secure"),
    [
        ({}, True),  # production default: secure cookies
        ({"DEBUG": "true"}, False),  # development over plain HTTP
        ({"SECURE_COOKIES": "false"}, False),
        ({"SECURE_COOKIES": "0"}, False),
        ({"SECURE_COOKIES": "true", "DEBUG": "true"}, True),
        ({"SECURE_COOKIES": "1"}, True),
        ({"SECURE_COOKIES": " Yes "}, True),
    ],
)
def test_secure_cookies_follow_the_environment(env, secure):
    assert _settings_in_a_fresh_process(env) == {
        "SECURE_COOKIES": secure,
        "SESSION_COOKIE_SECURE": secure,
        "CSRF_COOKIE_SECURE": secure,
    }


@pytest.mark.django_db
def test_years_are_never_printed_with_a_thousands_separator(client):
    html = client.get("/").content.decode()
    assert "2021–2026" in html and "2.021" not in html


@pytest.mark.django_db
def test_indonesian_first_whatever_the_browser_language(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_region_names_tag():
    from django.template import Context, Template

    t = Template("{% load kinerja_format %}{% wilayah a %}|{% wilayah b %}|{% wilayah c %}")
    html = t.render(Context({"a": "63.72.04.1003", "b": None, "c": "99.99"}))
    assert html == "Komet (63.72.04.1003)|–|99.99"


@pytest.mark.django_db
def test_home_table_numbers_its_rows_not_tidak(client):
    """The decree's table heads its first column "No" (nomor); Django's catalogue translated the
    word "No" as "Tidak" (issue 17)."""
    html = client.get("/").content.decode()
    assert '<th scope="col">No</th>' in html
    assert '<th scope="col">Tidak</th>' not in html
