from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def nilai(value: Decimal | None, isian: str = "") -> str:
    """12.5000 -> '12,5'; 1200.0000 -> '1.200' (`|nilai:"isian"`: '1200', for a form field, which
    reads `.` as the decimal point); None -> '–' (a typed value or target)."""
    if value is None or value == "":
        return "–"
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    if not isian:
        whole = sign + f"{int(whole.lstrip('-') or 0):,}".replace(",", ".")
        sign = ""
    whole = whole if not isian else whole.lstrip("-")
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"
