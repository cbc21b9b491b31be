"""Issue 13 item 4: the Renstra years come from the catalogue, so a second decree is data, not code.

A decree for 2027-2031 is loaded beside No. 061/2023; every year list (dashboard, charts, documents,
target grid, the background warm-up) and every Renstra span then follows the catalogue.
"""

import datetime as dt
import re

import pytest

from kinerja.indicators import tasks
from kinerja.indicators.models import Keputusan
from kinerja.indicators.selectors import catalogue_years, renstra_years, years_until_now
from kinerja.indicators.services import keputusan_amend


@pytest.fixture
def renstra_2027(db):
    v1 = Keputusan.objects.get(kode_wilayah="63.72", versi=1)
    v2 = keputusan_amend(
        base=v1,
        nomor="005 Tahun 2027",
        tanggal_ditetapkan=dt.date(2026, 12, 20),
        berlaku_mulai=dt.date(2027, 1, 1),
        catatan="IKU Renstra 2027-2031",
        changes={},
    )
    Keputusan.objects.filter(pk=v2.pk).update(periode_awal=2027, periode_akhir=2031)
    return v2


def _options(html: str, name: str) -> list[int]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return [int(v) for v in re.findall(r'<option value="(\d{4})"', select.group(1))]


def test_one_decree_gives_its_own_years(db):
    assert catalogue_years() == range(2021, 2027)
    assert renstra_years(2024) == range(2021, 2027)
    assert renstra_years(2035) == range(2021, 2027)  # outside every Renstra: all catalogue years


def test_a_second_decree_widens_every_year_list(renstra_2027):
    assert catalogue_years() == range(2021, 2032)
    assert renstra_years(2024) == range(2021, 2027)
    assert renstra_years(2029) == range(2027, 2032)


def test_years_until_now_stop_at_this_year(renstra_2027, monkeypatch):
    monkeypatch.setattr("kinerja.lib.dates.today", lambda: dt.date(2028, 5, 1))
    assert years_until_now(catalogue_years()) == range(2021, 2029)


def test_background_warm_up_follows_the_catalogue(renstra_2027, monkeypatch):
    monkeypatch.setattr("kinerja.lib.dates.today", lambda: dt.date(2028, 5, 1))
    seen: list[int] = []
    monkeypatch.setattr(tasks, "periods_of_year", lambda y: seen.append(y) or [])
    monkeypatch.setattr(tasks, "compute_periods", lambda periods, *a, **k: [])
    tasks.warm_figures_now()
    assert seen == list(range(2021, 2029))


def test_pages_offer_the_second_renstra_years(renstra_2027, client, users, monkeypatch):
    client.force_login(users["kadis"])
    dash = client.get("/beranda/?tahun=2030").content.decode()
    assert _options(dash, "tahun") == list(range(2021, 2032))
    # Documents: the catalogue's years up to this year only (D176), here 2030.
    monkeypatch.setattr("kinerja.lib.dates.today", lambda: dt.date(2030, 6, 1))
    docs = client.get("/dokumen/?tahun=2030").content.decode()
    assert _options(docs, "tahun") == list(range(2021, 2031))
    assert "tidak valid" not in docs
    assert "tidak valid" in client.get("/dokumen/?tahun=2031").content.decode()


def test_target_grid_shows_the_renstra_of_this_year(renstra_2027, client, users, monkeypatch):
    client.force_login(users["perencana"])
    monkeypatch.setattr("kinerja.performance.views.targets.today", lambda: dt.date(2027, 3, 1))
    html = client.get("/kinerja/target/").content.decode()
    assert "Renstra 2027–2031" in html
    assert 'name="t-IKU-2-2031-renstra-0"' in html
    assert 'name="t-IKU-2-2026-renstra-0"' not in html
