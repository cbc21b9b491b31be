"""Personal data in templates: `{{ orang.nik|nik_mask }}`."""

from django import template

from kinerja.lib.privacy import mask_nik

register = template.Library()


@register.filter
def nik_mask(value: str | None) -> str:
    return mask_nik(value)
