"""Capaian with exact realisasi, half-up rounding, and the band scale."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import AuditEntry
from kinerja.performance.achievement import (
    DEFAULT_BANDS,
    band_label,
    capaian,
    penyerapan,
    realisasi_exact,
    round_half_up,
)
from kinerja.performance.services.bands import band_scale, band_scale_clean, band_scale_set


def test_capaian_uses_exact_realisasi_not_the_rounded_value():
    # 1/3 = 33.333...%; rounded realisasi 33.33 / 33.3333 would give 99.99, exact gives 100.00
    assert capaian(realisasi_exact(1, 3), Decimal("33.3333")) == Decimal("100.00")
    assert capaian(realisasi_exact(2, 3), Decimal("80")) == Decimal("83.33")


def test_capaian_lower_is_better():
    # (2 x 20 - 25) / 20 x 100 = 75
    assert capaian(realisasi_exact(25, 100), Decimal(20), "turun") == Decimal("75.00")
    # far worse than target goes negative, not clipped
    assert capaian(realisasi_exact(90, 100), Decimal(20), "turun") == Decimal("-250.00")


@pytest.mark.parametrize(
    ("real", "target"),
    [(None, Decimal(80)), (realisasi_exact(1, 2), None), (realisasi_exact(1, 2), Decimal(0))],
)
def test_capaian_null_cases(real, target):
    assert capaian(real, target) is None


def test_realisasi_without_denominator_is_none():
    assert realisasi_exact(0, 0) is None


def test_round_half_up_exact_halves():
    assert round_half_up(Fraction(1, 8)) == Decimal("0.13")  # 0.125
    assert round_half_up(Fraction(-1, 8)) == Decimal("-0.13")
    assert round_half_up(Fraction(100045, 1000)) == Decimal("100.05")


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("91", "sangat tinggi"), ("150", "sangat tinggi"), ("90.99", "tinggi"), ("76", "tinggi"),
        ("75.99", "sedang"), ("66", "sedang"), ("65.99", "rendah"), ("51", "rendah"),
        ("50.99", "sangat rendah"), ("0", "sangat rendah"), ("-20", "sangat rendah"),
    ],
)  # fmt: skip
def test_default_bands_on_rounded_achievement(value, label):
    assert band_label(Decimal(value), DEFAULT_BANDS) == label


def test_band_of_none_is_none():
    assert band_label(None) is None


def test_penyerapan():
    assert penyerapan(1_000_000, 875_000) == Decimal("87.50")
    assert penyerapan(0, 5) is None
    assert penyerapan(100, None) is None


@pytest.mark.django_db
def test_default_scale_is_seeded():
    assert band_scale() == list(DEFAULT_BANDS)


@pytest.mark.django_db
def test_perencana_changes_the_scale_audited(users):
    scale = band_scale_clean([("90", "A"), ("", "C"), ("70,5", "B")])
    band_scale_set(scale=scale, actor=users["perencana"])
    assert band_scale() == [(Decimal("90"), "A"), (Decimal("70.5"), "B"), (None, "C")]
    assert band_label(Decimal("70.50"), band_scale()) == "B"
    entry = AuditEntry.objects.filter(objek_jenis="skala_capaian").get()
    assert entry.nama_pengguna == "perencana"


@pytest.mark.parametrize(
    "rows",
    [
        [("90", "A"), ("90", "B"), ("", "C")],  # duplicate bound
        [("90", "A"), ("80", "B")],  # no catch-all
        [("90", ""), ("", "C")],  # label missing
        [("abc", "A"), ("", "C")],  # not a number
        [("", "C")],  # only a catch-all
    ],
)
def test_bad_scales_are_refused(rows):
    with pytest.raises(ValidationError):
        band_scale_clean(rows)
