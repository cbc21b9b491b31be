"""Disaster events and their victims (Perlindungan dan Jaminan Sosial)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from kinerja.organisation.permissions import Area, can_change, require_view_records

from .. import selectors
from ..access import get_bencana_for_user, get_korban_for_user, get_orang_for_user, require_add
from ..editing import bencana_save, korban_save
from ..forms import BencanaFilter, BencanaForm, KorbanFilter, KorbanForm
from ..models import Korban
from .common import Column, edit_page, render_list

BENCANA_EXPORT = [
    Column("kode_kejadian", lambda r: r.kode_kejadian),
    Column("jenis", lambda r: r.jenis),
    Column("sub_jenis", lambda r: r.sub_jenis),
    Column("tanggal_kejadian", lambda r: r.tanggal_kejadian),
    Column("kode_wilayah", lambda r: r.wilayah_id),
    Column("mulai_tanggap_darurat", lambda r: r.mulai_tanggap_darurat),
    Column("selesai_tanggap_darurat", lambda r: r.selesai_tanggap_darurat),
    Column("jumlah_korban", lambda r: r.jumlah_korban),
]
KORBAN_EXPORT = [
    Column("kode_kejadian", lambda r: r.bencana.kode_kejadian),
    Column("nik", lambda r: r.orang.nik, nik=True),
    Column("id_lokal", lambda r: r.orang.id_lokal),
    Column("nama", lambda r: r.orang.nama),
    Column("kondisi", lambda r: r.kondisi),
]


@login_required
def bencana_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.BENCANA)
    form = BencanaFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.bencana_list(
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        jenis=d.get("jenis"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request,
        "registries/bencana_list.html",
        form=form,
        qs=qs,
        context={"can_add": can_change(request.user, Area.BENCANA)},
        export=(BENCANA_EXPORT, "bencana", False),
    )


def _bencana_form(request: HttpRequest, instance) -> HttpResponse:
    return edit_page(
        request,
        BencanaForm(request.POST if request.method == "POST" else None, instance=instance),
        lambda bencana: bencana_save(bencana, user=request.user),
        title="Ubah kejadian bencana" if instance else "Tambah kejadian bencana",
        success_url=lambda b: reverse("registri:bencana_list") + f"?q={b.kode_kejadian}",
        cancel_url=reverse("registri:bencana_list"),
    )


@login_required
def bencana_add(request: HttpRequest) -> HttpResponse:
    require_add(request.user, Area.BENCANA)
    return _bencana_form(request, None)


@login_required
def bencana_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _bencana_form(request, get_bencana_for_user(request.user, pk, change=True))


@login_required
def korban_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.KORBAN)
    form = KorbanFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.korban_list(
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        kondisi=d.get("kondisi"),
        bencana=d.get("bencana"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request,
        "registries/korban_list.html",
        form=form,
        qs=qs,
        export=(KORBAN_EXPORT, "korban", True),
    )


def _korban_form(request: HttpRequest, orang, instance: Korban | None) -> HttpResponse:
    return edit_page(
        request,
        KorbanForm(
            request.POST if request.method == "POST" else None, instance=instance, orang=orang
        ),
        lambda korban: korban_save(korban, orang=orang, user=request.user),
        title=("Ubah data korban" if instance else "Catat sebagai korban") + f": {orang}",
        success_url=lambda _: reverse("registri:orang_detail", args=[orang.pk]) + "#korban",
        cancel_url=reverse("registri:orang_detail", args=[orang.pk]),
    )


@login_required
def korban_add(request: HttpRequest, orang_pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, orang_pk)
    require_add(request.user, Area.KORBAN)
    return _korban_form(request, orang, None)


@login_required
def korban_edit(request: HttpRequest, pk: int) -> HttpResponse:
    korban = get_korban_for_user(request.user, pk, change=True)
    return _korban_form(request, korban.orang, korban)
