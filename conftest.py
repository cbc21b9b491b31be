"""Shared fixtures: one user per role (healthchecks' alice/bob/charlie, Kinerja style) and a browser."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Hashing 10 passwords per test with PBKDF2 would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Per-process memory cache, emptied for every test: rolled-back tests may reuse history ids.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"},
        "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"},
    }
    from django.core.cache import caches

    caches["figures"].clear()
    settings.AXES_ENABLED = True
    settings.SECURE_COOKIES = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Two-factor sign-in is off for the suite (force_login, browser journeys through the login form);
    # kinerja/web/tests/test_twofactor.py turns it on.
    settings.KINERJA_2FA_WAJIB = False


@pytest.fixture
def make_user(db):
    from kinerja.organisation.services import user_create

    def _make(username: str, role: str, bidang: str | None = None):
        return user_create(username=username, role=role, bidang_kode=bidang, password=PASSWORD).user

    return _make


@pytest.fixture
def users(make_user):
    """One account per role, staff and kabid bound to their Bidang."""
    return {
        "perencana": make_user("perencana", "perencana"),
        "staf_pemberdayaan": make_user("staf_pemberdayaan", "staf", "pemberdayaan"),
        "staf_rehabilitasi": make_user("staf_rehabilitasi", "staf", "rehabilitasi"),
        "staf_linjamsos": make_user("staf_linjamsos", "staf", "linjamsos"),
        "kabid_pemberdayaan": make_user("kabid_pemberdayaan", "kabid", "pemberdayaan"),
        "kabid_rehabilitasi": make_user("kabid_rehabilitasi", "kabid", "rehabilitasi"),
        "kabid_linjamsos": make_user("kabid_linjamsos", "kabid", "linjamsos"),
        "kadis": make_user("kadis", "kadis"),
        "auditor": make_user("auditor", "auditor"),
        "admin": make_user("admin", "admin"),
    }


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. Fails (never skips) when chromium is missing."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), f"{CHROMIUM} missing: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def reseed() -> None:
    """Re-run the reference-data migrations (idempotent): transactional tests flush the database."""
    import importlib

    from django.apps import apps

    for module in (
        "kinerja.regions.migrations.0002_banjarbaru_regions",
        "kinerja.organisation.migrations.0002_dinas_sosial_banjarbaru",
        "kinerja.indicators.migrations.0003_keputusan_061_2023",
        "kinerja.indicators.migrations.0005_definisi_iku_keputusan_061",
        "kinerja.registries.migrations.0002_code_lists",
        "kinerja.performance.migrations.0002_default_band_scale",
    ):
        importlib.import_module(module).load(apps, None)


@pytest.fixture
def seeded_transactional_db(transactional_db):
    reseed()


@pytest.fixture
def page(browser, live_server, seeded_transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def artifacts_dir():
    path = os.path.join(os.path.dirname(__file__), "test-artifacts")
    os.makedirs(path, exist_ok=True)
    return path
