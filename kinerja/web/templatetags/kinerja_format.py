"""Indonesian formats: 87,50 · 1.234.567 · 31 Januari 2023."""

from decimal import Decimal

from django import template

from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.numbers import format_angka, format_persen
from kinerja.web.labels import ROMAWI, periode_tulis, status_nama, waktu_indonesia

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


def _region_names(context) -> dict[str, str]:
    """All region names, read once per rendered page (`render_context` lives for one render)."""
    names = context.render_context.get("kinerja_wilayah")
    if names is None:
        from kinerja.regions.models import Wilayah

        names = dict(Wilayah.objects.values_list("kode", "nama"))
        context.render_context["kinerja_wilayah"] = names
    return names


@register.simple_tag(takes_context=True)
def wilayah(context, kode: str | None) -> str:
    """`{% wilayah kode %}`: `63.72.04.1003` -> `Komet (63.72.04.1003)`; one query per page."""
    if not kode:
        return "–"
    nama = _region_names(context).get(kode)
    return f"{nama} ({kode})" if nama else kode


@register.filter
def periode(value) -> str:
    """`Triwulan IV 2025` / `Tahun 2025` from a Periode or its label (`2025-Q4`)."""
    return periode_tulis(value)


@register.filter
def status(value) -> str:
    """A workflow state in words (`approved` -> `Disetujui`)."""
    return status_nama(value)


@register.filter
def waktu(value) -> str:
    """Local date and time in Indonesian: `14 Maret 2025 10.30`."""
    return waktu_indonesia(value)


@register.filter
def romawi(value) -> str:
    """A quarter's number in Roman numerals (`4` -> `IV`), as in `Triwulan IV 2025`."""
    try:
        return ROMAWI[int(value)]
    except (KeyError, TypeError, ValueError):
        return str(value)
