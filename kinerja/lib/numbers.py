"""Rounding and Indonesian number formats."""

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percentage(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator x 100, half up to two decimals; no value for a zero denominator."""
    if not denominator:
        return None
    return round_half_up(Decimal(numerator) * 100 / Decimal(denominator))


def format_angka(value: int | None) -> str:
    if value is None:
        return "–"
    return f"{value:,}".replace(",", ".")


def format_persen(value: Decimal | float | None, places: int = 2) -> str:
    """87.5 -> '87,50'."""
    if value is None:
        return "–"
    q = round_half_up(Decimal(str(value)), places)
    whole, _, frac = f"{q:.{places}f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = format_angka(int(whole.lstrip("-")))
    return f"{sign}{whole},{frac}" if places else f"{sign}{whole}"
