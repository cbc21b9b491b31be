"""Capaian (achievement) and its band: pure functions, exact arithmetic.

capaian = realisasi / target x 100 (higher is better) or (2 x target - realisasi) / target x 100
(lower is better), where realisasi is the *exact* numerator / denominator x 100, not the rounded
figure shown; only the achievement itself is rounded, half up, to two decimals (contract section 3).
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from kinerja.indicators.models import Polaritas

# The contract's default scale, closing the gaps of Permendagri 86/2017's bands.
DEFAULT_BANDS: tuple[tuple[Decimal | None, str], ...] = (
    (Decimal(91), "sangat tinggi"),
    (Decimal(76), "tinggi"),
    (Decimal(66), "sedang"),
    (Decimal(51), "rendah"),
    (None, "sangat rendah"),
)


def realisasi_exact(numerator: int | None, denominator: int | None) -> Fraction | None:
    """numerator / denominator x 100 as an exact fraction; None when the denominator is 0."""
    if not denominator or numerator is None:
        return None
    return Fraction(numerator * 100, denominator)


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact fraction half up (away from zero at .5, like Decimal's ROUND_HALF_UP)."""
    scale = 10**places
    sign = -1 if value < 0 else 1
    scaled = abs(value) * scale
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return (Decimal(sign * whole) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def capaian(
    realisasi: Fraction | Decimal | None, target: Decimal | None, polaritas: str = Polaritas.NAIK
) -> Decimal | None:
    """Achievement in percent, rounded half up to 2 decimals; None without value or target, or target 0."""
    if realisasi is None or target is None or target == 0:
        return None
    r = realisasi if isinstance(realisasi, Fraction) else Fraction(realisasi)
    t = Fraction(target)
    ratio = (2 * t - r) / t * 100 if polaritas == Polaritas.TURUN else r / t * 100
    return round_half_up(ratio)


def band_label(
    achievement: Decimal | None, scale: Sequence[tuple[Decimal | None, str]] = DEFAULT_BANDS
) -> str | None:
    """The label of the first band (highest lower bound first) whose bound the achievement reaches."""
    if achievement is None:
        return None
    catch_all = None
    for lower, label in sorted(
        scale, key=lambda b: (b[0] is None, -(b[0] if b[0] is not None else 0))
    ):
        if lower is None:
            catch_all = label
        elif achievement >= lower:
            return label
    return catch_all


def penyerapan(pagu: int | None, realisasi: int | None) -> Decimal | None:
    """Budget absorption: realisasi / pagu x 100, half up to 2 decimals; None without pagu."""
    if not pagu or realisasi is None:
        return None
    return round_half_up(Fraction(realisasi * 100, pagu))
