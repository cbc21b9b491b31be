"""Figures asked together (D220): `kota_figures` gives exactly the figures `compute_figures` gives
one by one, also right after a registry change (one refresh of the summaries for the lot)."""

import pytest
from django.core.cache import caches

from kinerja.indicators.engine import Periode, compute_figures, kota_figures
from kinerja.indicators.engine.cache import CACHE_ALIAS

from .factories import layanan, orang, ppks
from .test_ringkasan import _make_world

CODES = ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]
PERIODS = [Periode(2025, 4), Periode(2025, 1), Periode(2025), Periode(2024), Periode(2023, 2)]


def _one_by_one() -> dict:
    caches[CACHE_ALIAS].clear()
    return {
        (f.indikator, p.label): f
        for p in PERIODS
        for kode in CODES
        for f in compute_figures(p.tahun, p.triwulan, "kota", kode=kode)
    }


@pytest.mark.django_db
def test_together_equals_one_by_one_also_after_a_registry_change():
    _make_world()
    together = kota_figures(CODES, PERIODS)
    assert together == _one_by_one()
    assert len(together) == len(CODES) * len(PERIODS)

    p = orang(jk="P", lahir="1980-01-01")  # a new PPKS served in Triwulan IV
    ppks(p, "gelandangan", daftar="2025-10-01")
    layanan(p, "permakanan", "2025-11-01")
    after = kota_figures(CODES, PERIODS)  # read through the refresh of the summaries
    assert after == _one_by_one()
    q4 = ("IKU-2", "2025-Q4")
    assert (after[q4].numerator, after[q4].denominator) == (
        together[q4].numerator + 1, together[q4].denominator + 1,
    )  # fmt: skip


@pytest.mark.django_db
def test_only_the_codes_and_periods_asked():
    _make_world()
    got = kota_figures(["IKU-2", "IKU-9"], [Periode(2025, 4)], bacaan="literal")
    assert list(got) == [("IKU-2", "2025-Q4")]
    [f] = compute_figures(2025, 4, "kota", "literal", kode="IKU-2")
    assert got[("IKU-2", "2025-Q4")] == f
