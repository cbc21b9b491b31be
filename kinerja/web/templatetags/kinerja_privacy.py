"""Personal data in templates: `{{ orang.nik|nik_mask }}`."""

from django import template

from kinerja.lib.privacy import mask_identifiers, mask_nik

register = template.Library()


@register.filter
def nik_mask(value: str | None) -> str:
    return mask_nik(value)


@register.filter
def samarkan(value: str | None) -> str:
    """Every NIK/KK inside a text masked: log entries stored before they were masked (row 5)."""
    return mask_identifiers(value)
