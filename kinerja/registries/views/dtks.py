"""DTKS members per period (Perlindungan dan Jaminan Sosial)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from kinerja.organisation.permissions import Area, require_view_records

from .. import selectors
from ..access import get_dtks_for_user, get_orang_for_user, require_add
from ..editing import dtks_anggota_save
from ..forms import DtksAnggotaForm, DtksFilter
from ..models import DtksAnggota
from .common import Column, edit_page, render_list

EXPORT = [
    Column("periode", lambda r: f"{r.periode.periode:%Y-%m}"),
    Column("nik", lambda r: r.nik, nik=True),
    Column("no_kk", lambda r: r.no_kk, nik=True),  # masked like NIK (row 12)
    Column("nama", lambda r: r.orang.nama),
    Column("kode_wilayah", lambda r: r.orang.kelurahan_id),
    Column("desil", lambda r: r.desil),
]


@login_required
def dtks_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.DTKS)
    periodes = list(selectors.dtks_periode_list())
    choices = [(f"{p.periode:%Y-%m}", f"{p.periode:%Y-%m} ({p.jumlah})") for p in periodes]
    form = DtksFilter(request.GET or None, periode_choices=choices)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    # Members are always shown per period: the latest one unless another is chosen.
    wanted = d.get("periode") or (choices[0][0] if choices else None)
    periode = next((p for p in periodes if f"{p.periode:%Y-%m}" == wanted), None)
    if not d.get("periode") and periode is not None:
        form.initial["periode"] = wanted
    qs = (
        selectors.dtks_list(
            periode=periode, q=d.get("q"), wilayah=d.get("wilayah"), desil=d.get("desil")
        )
        if periode is not None
        else DtksAnggota.objects.none()
    )
    return render_list(
        request,
        "registries/dtks_list.html",
        form=form,
        qs=qs,
        context={"periode": periode, "periodes": periodes},
        export=(EXPORT, "dtks", True),
    )


def _form(request: HttpRequest, orang, instance: DtksAnggota | None) -> HttpResponse:
    form = DtksAnggotaForm(
        request.POST if request.method == "POST" else None, instance=instance, orang=orang
    )
    return edit_page(
        request,
        form,
        lambda anggota: dtks_anggota_save(
            anggota,
            orang=orang,
            periode_bulan=form.cleaned_data.get("periode_bulan"),
            user=request.user,
        ),
        title=("Ubah anggota DTKS" if instance else "Tambah ke DTKS") + f": {orang}",
        success_url=lambda _: reverse("registri:orang_detail", args=[orang.pk]) + "#dtks",
        cancel_url=reverse("registri:orang_detail", args=[orang.pk]),
    )


@login_required
def dtks_add(request: HttpRequest, orang_pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, orang_pk)
    require_add(request.user, Area.DTKS)
    return _form(request, orang, None)


@login_required
def dtks_edit(request: HttpRequest, pk: int) -> HttpResponse:
    anggota = get_dtks_for_user(request.user, pk, change=True)
    return _form(request, anggota.orang, anggota)
