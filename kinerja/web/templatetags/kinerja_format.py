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


def _region_names() -> dict[str, str]:
    from kinerja.indicators.engine.cache import cached_call
    from kinerja.regions.models import Wilayah

    return cached_call("wilayah", (), lambda: dict(Wilayah.objects.values_list("kode", "nama")))


@register.filter
def wilayah(kode: str | None) -> str:
    """`63.72.04.1003` -> `Komet (63.72.04.1003)`; cached under the change counter (regions bump it)."""
    if not kode:
        return "–"
    nama = _region_names().get(kode)
    return f"{nama} ({kode})" if nama else kode
