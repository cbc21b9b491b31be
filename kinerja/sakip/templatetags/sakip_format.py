from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def nilai(value: Decimal | None) -> str:
    """12.5000 -> '12,5'; 100.0000 -> '100'; None -> '–' (a typed value or target)."""
    if value is None or value == "":
        return "–"
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}".replace(",", ".")
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"
