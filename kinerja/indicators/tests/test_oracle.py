"""The engine against an independent Python counter of the contract, over 50 random worlds, and
10 more (`dtsen-N`) whose catalogue turns on the DTSEN options of IKU-3B (section 6, D139).

Every IKU, every period (Q1..Q4 and the year, of two of 2024, 2025 and 2026 picked by the seed,
so that the worlds together cover all three), every region of the kelurahan level (kota, kecamatan, kelurahan), both readings and both splits. Each world is one
test (one transaction, rolled back); its seed is in the test id, so a failure reruns alone:
`pytest kinerja/indicators/tests/test_oracle.py -k "seed-17"`.
"""

import datetime as dt
import random

import pytest
from django.conf import settings

from kinerja.indicators.engine.figures import compute_figures, compute_periods
from kinerja.indicators.engine.periods import Periode, periods_of_year

from .dunia_acak import TAHUN, Pembuat
from .oracle import Penghitung, baca_dunia, nilai

SPLITS = (None, "jenis_kelamin", "kelompok_umur")
WORLDS = 50
# Worlds whose catalogue is amended with the DTSEN options of IKU-3B (contract section 6).
WORLDS_DTSEN = 10


def _engine(figures) -> dict:
    return {
        (f.periode.label, f.indikator, f.bacaan, f.wilayah, f.split, f.split_value): (
            f.numerator,
            f.denominator,
        )
        for f in figures
    }


def _expected(counter: Penghitung, aturan_pada, tahun: int) -> dict:
    out = {}
    for p in periods_of_year(tahun):
        for key, counts in counter.angka(p.tahun, p.triwulan, aturan_pada).items():
            out[(p.label, *key)] = counts
    return out


def _differences(expected: dict, got: dict) -> list:
    keys = sorted(expected.keys() | got.keys(), key=str)
    return [(k, expected.get(k), got.get(k)) for k in keys if expected.get(k) != got.get(k)]


@pytest.mark.parametrize(
    "seed", [f"seed-{i}" for i in range(WORLDS)] + [f"dtsen-{i}" for i in range(WORLDS_DTSEN)]
)
def test_engine_agrees_with_the_independent_counter(db, seed):
    rng = random.Random(seed)
    today = dt.date.today()
    aturan_pada = Pembuat(rng, today, dtsen=seed.startswith("dtsen")).dunia()
    counter = Penghitung(baca_dunia(settings.KINERJA_KODE_WILAYAH, today))
    compared = 0
    years = sorted(rng.sample(TAHUN, 2))
    for tahun in years:
        expected = _expected(counter, aturan_pada, tahun)
        got = {}
        for split in SPLITS:
            figures = compute_periods(
                periods_of_year(tahun), "kelurahan", ("default", "literal"), split=split
            )
            for f in figures:
                assert f.value == nilai(f.numerator, f.denominator), f
            got |= _engine(figures)
        diff = _differences(expected, got)
        assert not diff, f"{seed} {tahun}: {len(diff)} differ, first: {diff[:8]}"
        compared += len(got)
    # The product's single-period door gives the same figures as the year's batch.
    tahun, triwulan = rng.choice(years), rng.choice((1, 2, 3, 4, None))
    bacaan, split = rng.choice(("default", "literal")), rng.choice(SPLITS)
    label = Periode(tahun, triwulan).label
    one = compute_figures(tahun, triwulan, "kelurahan", bacaan, split=split)
    expected = _expected(counter, aturan_pada, tahun)
    assert _engine(one) == {
        k: v for k, v in expected.items() if k[0] == label and k[2] == bacaan and k[4] == split
    }
    # 2 years x 5 periods x 5 IKU x 2 readings x 26 regions x (1 + 3 + 5 split values)
    assert compared == 2 * 5 * 5 * 2 * 26 * 9
