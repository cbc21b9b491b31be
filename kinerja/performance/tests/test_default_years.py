"""Pages open on a year that has data; the inbox asks only for ended periods; the document year
list stops at this year. Anonymous, wrong role, right role, bad input."""

import datetime as dt

import pytest

from kinerja.indicators.selectors import catalogue_years
from kinerja.performance.models import Anggaran
from kinerja.performance.periods import Periode, periode_selesai

pytestmark = pytest.mark.django_db


def test_a_period_ends_on_its_last_day():
    assert not periode_selesai(Periode(2026, 4), dt.date(2026, 12, 31))
    assert periode_selesai(Periode(2026, 4), dt.date(2027, 1, 1))
    assert periode_selesai(Periode(2026, 1), dt.date(2026, 4, 1))
    assert not periode_selesai(Periode(2026, 1), dt.date(2026, 3, 31))
    assert not periode_selesai(Periode(2026), dt.date(2026, 12, 31))
    assert periode_selesai(Periode(2025), dt.date(2026, 1, 1))


def test_inbox_never_asks_for_a_period_not_ended(client, users, monkeypatch):
    monkeypatch.setattr("kinerja.performance.selectors.today", lambda: dt.date(2025, 11, 20))
    client.force_login(users["staf_rehabilitasi"])
    html = client.get("/kinerja/kotak-masuk/").content.decode()
    assert "Triwulan III 2025" in html  # ended 30 September
    assert "Triwulan IV 2025" not in html and "Tahun 2025" not in html


def test_budget_opens_on_the_latest_year_with_lines(client, users):
    Anggaran.objects.create(tahun=2024, kode_program="1.06.01", nama_program="Program A", pagu=10)
    assert client.get("/kinerja/anggaran/").status_code == 302  # anonymous: to the login page
    client.force_login(users["staf_rehabilitasi"])
    assert client.get("/kinerja/anggaran/").context["tahun"] == 2024
    assert client.get("/kinerja/anggaran/", {"tahun": "x"}).context["tahun"] == 2024
    assert client.get("/kinerja/anggaran/", {"tahun": "2023"}).context["tahun"] == 2023


def test_document_years_stop_at_this_year(client, users, monkeypatch):
    last = catalogue_years()[-1]
    monkeypatch.setattr("kinerja.lib.dates.today", lambda: dt.date(last - 1, 6, 1))
    client.force_login(users["perencana"])
    years = list(client.get("/dokumen/").context["years"])
    assert years == list(range(catalogue_years().start, last))
    assert client.get("/dokumen/pk.xlsx", {"tahun": str(last)}).status_code == 400
