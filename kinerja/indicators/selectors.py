"""Reads of the IKU catalogue."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from .models import Indikator, Keputusan, SasaranStrategis


def keputusan_in_force(
    date: dt.date | None = None, kode_wilayah: str | None = None
) -> Keputusan | None:
    from kinerja.lib.dates import today

    return Keputusan.objects.in_force_on(
        date or today(), kode_wilayah or settings.KINERJA_KODE_WILAYAH
    )


def sasaran_with_indikator(keputusan: Keputusan) -> QuerySet[SasaranStrategis]:
    return keputusan.sasaran.prefetch_related(
        Prefetch("indikator", queryset=Indikator.objects.select_related("bidang"))
    )


def indikator_in_force(kode: str, date: dt.date, kode_wilayah: str | None = None) -> Indikator:
    """The definition of indicator `kode` in force on `date` (raises Indikator.DoesNotExist)."""
    keputusan = keputusan_in_force(date, kode_wilayah)
    if keputusan is None:
        raise Indikator.DoesNotExist(f"Tidak ada katalog IKU yang berlaku pada {date}")
    return keputusan.indikator.get(kode=kode)
