"""Two-factor sign-in (D87): required for the roles that see full NIK, optional for the others."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from kinerja.audit.models import AuditEntry

SETUP = "/akun/dua-faktor/"
VERIFY = "/akun/dua-faktor/verifikasi/"
PAGES = [
    "/beranda/",
    "/registri/",
    "/registri/ppks/",
    "/registri/orang/",
    "/kinerja/kotak-masuk/",
    "/dokumen/",
    "/angka/IKU-2/2025-Q2/",
]


@pytest.fixture(autouse=True)
def _twofactor_on(settings):
    settings.KINERJA_2FA_WAJIB = True


def _code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _login_form(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for url in (SETUP, VERIFY):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staf_rehabilitasi", "kabid_linjamsos", "admin"])
def test_nik_roles_must_set_up_before_any_page(client, users, role):
    r = _login_form(client, role)
    assert r.status_code == 302
    r = client.get(r["Location"])  # /beranda/
    assert r.status_code == 302 and r["Location"].startswith(SETUP)
    for url in PAGES:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"
    r = client.get("/api/iku/")
    assert r.status_code == 403 and "Verifikasi dua langkah" in r.json()["detail"]

    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<?xml" not in html
    assert "no-store" in page["Cache-Control"]
    secret = re.search(r'<code class="rahasia">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=users[role])
    assert not device.confirmed
    assert secret.replace(" ", "") in device.config_url

    r = client.post(SETUP, {"kode": _code(device), "next": "/registri/ppks/"})
    assert r.status_code == 302 and r["Location"] == "/registri/ppks/"
    device.refresh_from_db()
    assert device.confirmed
    for url in PAGES:
        assert client.get(url).status_code in (200, 403), url  # past 2FA; D20 decides the rest
    assert client.get("/beranda/").status_code == 200
    assert AuditEntry.objects.filter(aksi="2fa_aktif", objek_id=str(users[role].pk)).exists()


@pytest.mark.django_db
def test_force_login_staf_is_held_too(client, users):
    client.force_login(users["staf_linjamsos"])
    r = client.get("/beranda/")
    assert r.status_code == 302 and r["Location"].startswith(SETUP)
    assert "Beranda" not in r.content.decode()


@pytest.mark.django_db
def test_bad_codes_are_refused_with_a_reason(client, users):
    client.force_login(users["staf_rehabilitasi"])
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=users["staf_rehabilitasi"])
    for bad, message in (
        ("", "Kode terdiri dari 6 angka"),
        ("abcdef", "Kode terdiri dari 6 angka"),
    ):
        r = client.post(SETUP, {"kode": bad})
        assert r.status_code == 200 and message in r.content.decode()
    wrong = f"{(int(_code(device)) + 1) % 1000000:06d}"
    r = client.post(SETUP, {"kode": wrong})
    assert "Kode salah atau sudah kedaluwarsa" in r.content.decode()
    # django-otp throttles: right after a wrong code even the right one waits.
    r = client.post(SETUP, {"kode": _code(device)})
    assert "Kode salah dimasukkan 1 kali berturut-turut" in r.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/beranda/").status_code == 302
    device.throttle_reset()
    assert client.post(SETUP, {"kode": _code(device)}).status_code == 302
    assert client.get("/beranda/").status_code == 200


@pytest.mark.django_db
def test_with_a_device_the_next_sign_in_asks_for_the_code(client, users):
    user = users["kabid_rehabilitasi"]
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    r = _login_form(client, "kabid_rehabilitasi")
    r = client.get(r["Location"])
    assert r.status_code == 302 and r["Location"].startswith(VERIFY)
    assert client.get(SETUP).status_code == 302  # no second device while one is confirmed
    assert client.get("/registri/ppks/").status_code == 302
    r = client.post(VERIFY, {"kode": "000000", "next": "/registri/ppks/"})
    assert r.status_code == 200 and "Kode salah" in r.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    r = client.post(VERIFY, {"kode": _code(device), "next": "https://contoh.example/curi"})
    assert r.status_code == 302 and r["Location"] == "/beranda/"  # no open redirect
    assert client.get("/registri/ppks/").status_code == 200
    assert "Verifikasi dua langkah aktif" in client.get(SETUP).content.decode()


@pytest.mark.django_db
def test_logout_works_before_verifying(client, users):
    client.force_login(users["admin"])
    assert client.get("/beranda/").status_code == 302
    r = client.post(reverse("logout"))
    assert r.status_code == 302
    r = client.get("/beranda/")
    assert r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["perencana", "kadis", "auditor"])
def test_other_roles_may_go_without(client, users, role):
    r = _login_form(client, role)
    assert client.get(r["Location"]).status_code == 200
    # ... and may choose it: then their next sign-in asks for the code too.
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=users[role])
    assert client.post(SETUP, {"kode": _code(device)}).status_code == 302
    client.post(reverse("logout"))
    r = _login_form(client, role)
    assert client.get(r["Location"])["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_setting_off_requires_nothing(client, users, settings):
    settings.KINERJA_2FA_WAJIB = False
    client.force_login(users["staf_rehabilitasi"])
    assert client.get("/beranda/").status_code == 200
    assert client.get("/registri/ppks/").status_code == 200


@pytest.mark.django_db
def test_demo_users_get_a_device_where_required(capsys):
    call_command("demo_users")
    out = capsys.readouterr().out
    for username in ("staf.rehabilitasi", "kabid.linjamsos", "admin"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert device.config_url.split("secret=")[1].split("&")[0] in out.replace(" ", "")
    assert not TOTPDevice.objects.filter(user__username="perencana").exists()
    call_command("demo_users")  # again: the same devices, no second one
    assert TOTPDevice.objects.filter(user__username="admin").count() == 1


@pytest.mark.django_db
def test_api_basic_auth_is_refused_where_a_second_factor_is_needed(client, users):
    import base64

    def basic(username):
        token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
        return client.get("/api/iku/", HTTP_AUTHORIZATION=f"Basic {token}")

    r = basic("staf_rehabilitasi")
    assert r.status_code in (401, 403)
    assert "kata sandi saja tidak cukup" in r.json()["detail"]
    assert basic("perencana").status_code == 200
    TOTPDevice.objects.create(user=users["perencana"], name="x", confirmed=True)
    assert basic("perencana").status_code in (401, 403)


@pytest.mark.browser
def test_browser_sign_in_with_a_code(page, make_user, artifacts_dir):
    make_user("staf_browser", "staf", "rehabilitasi")
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("staf_browser")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/akun/dua-faktor/?next=%2Fberanda%2F")
    assert page.locator("figure.qr svg").count() == 1
    page.screenshot(path=f"{artifacts_dir}/dua-faktor-pasang.png", full_page=True)
    page.goto("/registri/ppks/")
    assert "/akun/dua-faktor/" in page.url  # held until the code is given
    device = TOTPDevice.objects.get(user__username="staf_browser")
    page.get_by_label("Kode dari aplikasi").fill(_code(device))
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_url("**/registri/ppks/")
    assert "PPKS" in page.locator("main").inner_text()
