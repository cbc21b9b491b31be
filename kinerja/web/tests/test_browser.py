"""Real chromium, driven by Playwright: the home page, a login per role, a refused password."""

import pytest

from conftest import PASSWORD
from kinerja.indicators.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_shows_the_five_iku(page, artifacts_dir):
    page.goto("/")
    names = page.locator(".iku-nama").all_inner_texts()
    expected = list(Indikator.objects.filter(keputusan__versi=1).values_list("nama", flat=True))
    assert [n.strip() for n in names] == expected
    page.screenshot(path=f"{artifacts_dir}/home.png", full_page=True)


@pytest.mark.parametrize(
    "username",
    ["perencana", "staf_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin"],
)
def test_login_per_role(page, users, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")
    assert users[username].get_role_display() in page.locator("main").inner_text()


def test_wrong_password_refused_in_indonesian(page, users, artifacts_dir):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("kadis")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").last.click()
    alert = page.get_by_role("alert")
    assert "Nama pengguna atau kata sandi salah" in alert.inner_text()
    assert page.url.endswith("/masuk/")
    page.screenshot(path=f"{artifacts_dir}/login-salah.png")
