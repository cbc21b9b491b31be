"""Getters shared by the tree's views: a year from the query string, a node or indicator or 404."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kinerja.lib.dates import today

from ..models import IndikatorKinerja, Renstra, Simpul


def year_param(request: HttpRequest, renstra: Renstra | None = None) -> int:
    """`?tahun=`; without it this year (inside `renstra`'s period when one is given)."""
    raw = (request.GET.get("tahun") or "").strip()
    if raw:
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise BadRequest(
                f"Tahun '{raw[:20]}' tidak valid; tulis empat angka, mis. {today().year}."
            )
        return int(raw)
    year = today().year
    if renstra is not None and year not in renstra.tahun:
        return renstra.periode_akhir if year > renstra.periode_akhir else renstra.periode_awal
    return year


def get_simpul(pk: int) -> Simpul:
    return get_object_or_404(
        Simpul.objects.select_related("renstra", "induk", "bidang"),
        pk=pk,
        renstra__kode_kabkota=_kabkota(),
    )


def get_indikator(pk: int) -> IndikatorKinerja:
    return get_object_or_404(
        IndikatorKinerja.objects.select_related("renstra", "simpul", "bidang"),
        pk=pk,
        renstra__kode_kabkota=_kabkota(),
    )


def _kabkota() -> str:
    from django.conf import settings

    return settings.KINERJA_KODE_WILAYAH
