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
        Prefetch(
            "indikator",
            queryset=Indikator.objects.select_related("bidang").prefetch_related("definisi"),
        )
    )


def indikator_in_force(kode: str, date: dt.date, kode_wilayah: str | None = None) -> Indikator:
    """The definition of indicator `kode` in force on `date` (raises Indikator.DoesNotExist)."""
    keputusan = keputusan_in_force(date, kode_wilayah)
    if keputusan is None:
        raise Indikator.DoesNotExist(f"Tidak ada katalog IKU yang berlaku pada {date}")
    return keputusan.indikator.get(kode=kode)


# --- The years the catalogue covers (issue 13 item 4: no Renstra year written into code) ---------


def catalogue_years(kode_wilayah: str | None = None) -> range:
    """Every year some catalogue version of the kab/kota covers (first Renstra year to last).

    A second Renstra loaded as data (its own decree, say 2027-2031) widens this range by itself. With
    no catalogue at all, the current year alone, so pages still have a year to show.
    """
    from django.db.models import Max, Min

    from kinerja.lib.dates import today

    span = Keputusan.objects.filter(
        kode_wilayah=kode_wilayah or settings.KINERJA_KODE_WILAYAH
    ).aggregate(awal=Min("periode_awal"), akhir=Max("periode_akhir"))
    if span["awal"] is None:
        year = today().year
        return range(year, year + 1)
    return range(span["awal"], span["akhir"] + 1)


def renstra_years(tahun: int, kode_wilayah: str | None = None) -> range:
    """The years of the Renstra period that holds `tahun` (the latest catalogue version naming a
    period that contains it); all catalogue years when none does."""
    keputusan = (
        Keputusan.objects.filter(
            kode_wilayah=kode_wilayah or settings.KINERJA_KODE_WILAYAH,
            periode_awal__lte=tahun,
            periode_akhir__gte=tahun,
        )
        .order_by("-versi")
        .first()
    )
    if keputusan is None:
        return catalogue_years(kode_wilayah)
    return range(keputusan.periode_awal, keputusan.periode_akhir + 1)


def years_until_now(years: range) -> range:
    """`years` cut at this year: the years that may hold realisasi."""
    from kinerja.lib.dates import today

    return range(years.start, min(years.stop, today().year + 1))
