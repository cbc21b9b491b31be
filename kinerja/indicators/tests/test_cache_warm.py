"""The figure cache: per-period entries, warmed in the background, never stale."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.indicators.engine.figures import compute_figures, compute_periods
from kinerja.indicators.engine.periods import periods_of_year
from kinerja.indicators.models import Ringkasan, RingkasanUnit
from kinerja.indicators.tasks import warm_figures, warm_figures_now
from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)


@pytest.fixture
def person(db):
    o = Orang.objects.create(id_lokal="G-1", nama="Gelandangan Satu", kelurahan_id="63.72.04.1003")
    Ppks.objects.create(orang=o, jenis_id="gelandangan", tanggal_daftar=dt.date(2024, 6, 1))
    return o


def _iku2(tahun, triwulan=None):
    (f,) = [f for f in compute_figures(tahun, triwulan) if f.indikator == "IKU-2"]
    return f.numerator, f.denominator


def test_a_year_computed_once_serves_each_period(person, django_assert_max_num_queries):
    compute_periods(periods_of_year(2025), "kota")
    entries = len(caches["figures"]._cache)
    assert entries >= 5 * 5  # five indicators, five periods each
    with django_assert_max_num_queries(40):  # lookups only: no counting query per indicator
        assert _iku2(2025, 2) == (0, 1)


def test_raw_sql_update_is_seen_at_once(person):
    s = Layanan.objects.create(orang=person, jenis_id="permakanan", tanggal=dt.date(2025, 2, 1))
    assert _iku2(2025, 1) == (1, 1)
    Layanan.objects.filter(pk=s.pk).update(tanggal=dt.date(2025, 5, 1))  # no signal, no history
    assert _iku2(2025, 1) == (0, 1)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("UPDATE registries_layanan SET tanggal = %s", [dt.date(2025, 3, 1)])
    assert _iku2(2025, 1) == (1, 1)


REGISTRY_TABLES = [
    m._meta.db_table
    for m in (Orang, Ppks, Layanan, Psks, Pelatihan, DtksAnggota, DtksPeriode, Korban, Bencana)
] + [RingkasanUnit._meta.db_table, Ringkasan._meta.db_table]


def _counting_queries(call) -> list[str]:
    """The queries of `call` that read a registry or a unit summary: counting, not a cache hit."""
    with CaptureQueriesContext(connection) as ctx:
        call()
    return [q["sql"] for q in ctx.captured_queries if any(t in q["sql"] for t in REGISTRY_TABLES)]


def _every_figure_of(year: int) -> list:
    return [
        compute_figures(year, q, "kelurahan", bacaan)
        for q in (1, 2, 3, 4, None)
        for bacaan in ("default", "literal")
    ]


def test_warm_task_fills_the_cache(person, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Layanan.objects.create(orang=person, jenis_id="permakanan", tanggal=dt.date(2024, 7, 2))
    # Cold: the figures of 2024 are counted from the registries.
    assert _counting_queries(lambda: compute_figures(2024, 3, "kelurahan"))
    caches["figures"].clear()
    assert warm_figures_now([2025]) == 5 * 5 * 26 * 2
    result = warm_figures.enqueue([2024])
    assert result.return_value == 5 * 5 * 26 * 2
    # Warm: every period, level and reading of both years is answered from the cache alone...
    assert _counting_queries(lambda: _every_figure_of(2024)) == []
    assert _counting_queries(lambda: _every_figure_of(2025)) == []
    # ... with the right figures (IKU-2: registered June 2024, served July 2024, not in 2025) ...
    assert [_iku2(2024, q) for q in (1, 2, 3, None)] == [(0, 0), (0, 1), (1, 1), (1, 1)]
    assert _iku2(2025) == (0, 1)
    # ... and a year that was not warmed is still counted.
    assert _counting_queries(lambda: compute_figures(2023, None, "kelurahan"))
