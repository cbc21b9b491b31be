"""Real chromium: a clerk opens a figure's drill-down page and filters it; the public page."""

import importlib

import pytest

from conftest import PASSWORD

from .test_drilldown import approve, build_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kasus(page, users):
    """The drill-down's hand-made case. conftest's reseed() (after a transactional flush) does not
    reload the IKU definitions, so load them here (the data migration's loader is idempotent)."""
    from django.apps import apps

    importlib.import_module("kinerja.indicators.migrations.0005_definisi_iku_keputusan_061").load(
        apps, None
    )
    return build_case()


def login(page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")


def test_clerk_opens_a_figure_and_filters_its_units(page, users, kasus, artifacts_dir):
    login(page, "staf_rehabilitasi")
    page.goto("/angka/IKU-2/2025-Q1/")
    assert "33,33 %" in page.locator("section[aria-labelledby=angka]").inner_text()
    table = page.get_by_role("table", name="Unit penyebut")
    assert table.locator("tbody tr").count() == 6
    assert "6372********0001" in table.inner_text()

    page.get_by_label("Status").select_option(label="Bukan pembilang")
    page.get_by_label("Jenis kelamin").select_option(label="Laki-laki")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**status=bukan**")
    assert "jenis_kelamin=L" in page.url
    rows = page.get_by_role("table", name="Unit penyebut").locator("tbody tr")
    assert rows.count() == 2
    text = rows.all_inner_texts()
    assert any("Budi Tanpalayanan" in t and "Belum ada layanan yang dihitung" in t for t in text)
    assert any("Dodi Sebelumregistrasi" in t and "di luar masa registrasi" in t for t in text)
    page.screenshot(path=f"{artifacts_dir}/rincian-angka.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{artifacts_dir}/rincian-angka-ponsel.png", full_page=True)


def test_public_page_in_a_browser_shows_only_approved_figures(page, users, kasus, artifacts_dir):
    approve(users)
    page.goto("/publik/?tahun=2025")
    main = page.locator("main").inner_text()
    assert "IKU-2" in main and "33,33 %" in main and "< 5" in main
    assert "Ani Served" not in page.content()
    page.screenshot(path=f"{artifacts_dir}/publik.png", full_page=True)
