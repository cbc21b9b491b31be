"""Indonesian formats: 87,50 · 1.234.567 · 31 Januari 2023."""

from decimal import Decimal

from django import template

from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.numbers import format_angka, format_persen

register = template.Library()


@register.filter
def tanggal(value) -> str:
    return tanggal_indonesia(value)


@register.filter
def persen(value: Decimal | float | None) -> str:
    # A missing template variable arrives as "": show it as no value, never fail the page.
    return format_persen(value if value != "" else None)


@register.filter
def angka(value: int | None) -> str:
    return format_angka(int(value) if value not in (None, "") else None)
