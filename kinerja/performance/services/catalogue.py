"""Which catalogue definition applies to an indicator code in a period."""

import datetime as dt

from django.conf import settings

from kinerja.indicators.models import Indikator, Keputusan

from ..periods import Periode


def keputusan_for(periode: Periode) -> Keputusan | None:
    """The catalogue version in force on end(W) (contract section 2)."""
    return Keputusan.objects.in_force_on(periode.akhir, settings.KINERJA_KODE_WILAYAH)


def indikator_for(kode: str, periode: Periode) -> Indikator | None:
    """The definition of `kode` in force on end(W), with its Bidang; codes are case-insensitive."""
    keputusan = keputusan_for(periode)
    if keputusan is None:
        return None
    return (
        keputusan.indikator.select_related("bidang", "keputusan", "sasaran")
        .filter(kode__iexact=kode.strip())
        .first()
    )


def kode_list(on: dt.date | None = None) -> list[str]:
    """IKU codes of the catalogue in force on `on` (today when None), in the decree's order."""
    from kinerja.indicators.selectors import keputusan_in_force

    keputusan = keputusan_in_force(on)
    if keputusan is None:
        return []
    return list(keputusan.indikator.order_by("urutan").values_list("kode", flat=True))


def indikator_in_force_list(on: dt.date | None = None) -> list[Indikator]:
    from kinerja.indicators.selectors import keputusan_in_force

    keputusan = keputusan_in_force(on)
    if keputusan is None:
        return []
    return list(keputusan.indikator.select_related("bidang", "sasaran").order_by("urutan"))
