"""Real chromium: a clerk signs in, searches a person, opens the person page, reveals the NIK."""

import pytest

from conftest import PASSWORD
from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.tests.web_fixtures import NIK_BUDI, data  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_searches_a_person_and_opens_the_page(page, users, data, artifacts_dir):  # noqa: F811
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("staf_rehabilitasi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")

    page.get_by_role("link", name="Registri").first.click()
    page.get_by_role("link", name="Orang").first.click()
    page.get_by_role("textbox", name="Cari").fill("budi")
    page.get_by_role("button", name="Terapkan").click()
    table = page.get_by_role("table")
    assert "6372********0001" in table.inner_text()
    assert NIK_BUDI not in page.content()
    page.screenshot(path=f"{artifacts_dir}/registri-orang-cari.png", full_page=True)

    page.get_by_role("link", name="Budi Santoso").click()
    page.get_by_role("heading", name="Budi Santoso", level=1).wait_for()
    main = page.locator("main")
    assert "Registrasi PPKS" in main.inner_text()
    assert "Penyandang disabilitas" in main.inner_text()
    assert "Keanggotaan DTKS" not in main.inner_text()  # another Bidang's section

    # The reveal swaps the masked NIK in place (htmx, no inline script) and is logged.
    page.get_by_role("button", name="Tampilkan NIK lengkap: Budi Santoso").click()
    page.get_by_text(NIK_BUDI).wait_for()
    assert page.url.endswith(f"/registri/orang/{data.budi.pk}/")
    page.screenshot(path=f"{artifacts_dir}/registri-orang.png", full_page=True)
    jenis = set(AksesDataPribadi.objects.values_list("jenis", flat=True))
    assert jenis == {"buka_orang", "lihat_nik"}


def test_person_page_on_a_phone(page, users, data, artifacts_dir):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("auditor")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")
    page.goto("/registri/ppks/")
    assert page.get_by_role("heading", name="Registrasi PPKS").is_visible()
    assert "tampilkan NIK" not in page.content()
    page.screenshot(path=f"{artifacts_dir}/registri-ppks-hp.png", full_page=True)
