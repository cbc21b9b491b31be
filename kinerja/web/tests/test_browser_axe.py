"""axe-core (from npm: package.json, installed by `make setup`, never a CDN) on every page type at
1366 and 390 px: no violation of impact serious or critical, none of the moderate ones fixed here
(scroll regions focusable, distinct landmark labels), and no sideways scroll at phone width."""

import importlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PASSWORD
from kinerja.indicators.tests.factories import layanan
from kinerja.performance.models import JenisTarget, Target

from .test_drilldown import approve, build_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [(1366, 900), (390, 844)]
FIXED_MODERATE = {"scrollable-region-focusable", "landmark-unique", "region", "heading-order"}

# Every page type, as the role that sees it whole.
PAGES = {
    None: ["/", "/publik/", "/masuk/"],
    "kadis": [
        "/beranda/",
        "/akses-saya/",
        "/kinerja/kotak-masuk/",
        "/kinerja/iku/IKU-2/2025-Q1/",
        "/kinerja/iku/IKU-2/2025/",
        "/kinerja/iku/IKU-2/2025-Q1/reopen/",
        "/angka/IKU-2/2025-Q1/",
        "/grafik/IKU-2/",
        "/kinerja/anggaran/",
        "/dokumen/",
        "/kinerja/audit/",
    ],
    "perencana": ["/kinerja/target/", "/kinerja/skala/"],
    "staf_rehabilitasi": [
        "/registri/",
        "/registri/orang/",
        "/registri/ppks/",
        "/registri/layanan/",
        "/registri/unggah/",
        "/registri/unggah/layanan/",
        "/registri/orang/tambah/",
        "/angka/IKU-2/2025-Q1/",
    ],
}


@pytest.fixture
def world(page, users):
    from django.apps import apps

    importlib.import_module("kinerja.indicators.migrations.0005_definisi_iku_keputusan_061").load(
        apps, None
    )
    case = build_case()
    approve(users)
    layanan(case["budi"], "permakanan", "2025-02-10")
    Target.objects.create(
        indikator_kode="IKU-2", tahun=2025, triwulan=1, jenis=JenisTarget.PK, nilai=Decimal("40")
    )
    return case


def login(page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")


def audit(page) -> list[str]:
    """axe's violations that count here, as `rule (impact): target` lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result
        if v["impact"] in ("serious", "critical") or v["id"] in FIXED_MODERATE
    ]


def overflow(page) -> int:
    """How far the page scrolls sideways, in CSS pixels."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def axe_page(browser, live_server, seeded_transactional_db):
    # axe is injected as an inline script: the page's own CSP (script-src 'self') would block it.
    context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_axe_core_comes_from_npm_not_a_cdn():
    assert AXE.is_file(), "node_modules/axe-core missing: run `make setup` (npm ci)"
    lock = json.loads((AXE.parents[2] / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/axe-core"]
    assert pinned["version"] == json.loads(AXE.with_name("package.json").read_text())["version"]
    assert pinned["integrity"].startswith("sha512-")


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_type_passes_axe_at_both_widths(axe_page, users, world, role):
    page = axe_page
    if role:
        login(page, role)
    failures = []
    for path in PAGES[role]:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            failures += [f"{path} @{width}: {v}" for v in audit(page)]
            if width == 390 and (dx := overflow(page)) > 0:
                failures.append(f"{path} @390: scrolls {dx} px sideways")
    assert failures == [], "\n".join(failures)


def test_menu_toggle_opens_the_navigation_at_phone_width(axe_page, users, world):
    page = axe_page
    login(page, "kadis")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/beranda/")
    toggle = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Navigasi utama")
    assert toggle.is_visible() and not nav.is_visible()
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/beranda/")
    assert not toggle.is_visible() and nav.is_visible()


SHOTS = [  # (role, path, file name) for docs/tampilan.md
    ("kadis", "/beranda/", "dasbor"),
    ("kadis", "/kinerja/iku/IKU-2/2025-Q1/", "periode"),
    (None, "/publik/?tahun=2025", "publik"),
]


def test_screenshots_for_the_docs(axe_page, users, world, artifacts_dir):
    """Desktop and phone screenshots of the dashboard, a period page and the public page."""
    page = axe_page
    login(page, "kadis")
    for role, path, name in SHOTS:
        if role is None:
            page.context.clear_cookies()
        for width, height, suffix in ((1366, 900, "desktop"), (390, 844, "ponsel")):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(path)
            assert overflow(page) == 0
            page.screenshot(path=f"{artifacts_dir}/tampilan-{name}-{suffix}.png", full_page=True)
