"""PPKS registrations (Rehabilitasi Sosial)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from kinerja.organisation.permissions import Area, require_view_records

from .. import selectors
from ..access import get_orang_for_user, get_ppks_for_user, require_add
from ..editing import ppks_save
from ..forms import PpksFilter, PpksForm
from ..models import Ppks
from .common import Column, edit_page, render_list

EXPORT = [
    Column("nik", lambda r: r.orang.nik, nik=True),
    Column("id_lokal", lambda r: r.orang.id_lokal),
    Column("nama", lambda r: r.orang.nama),
    Column("kode_wilayah", lambda r: r.orang.kelurahan_id),
    Column("jenis_ppks", lambda r: r.jenis_id),
    Column("tanggal_daftar", lambda r: r.tanggal_daftar),
    Column("tanggal_selesai", lambda r: r.tanggal_selesai),
    Column("lokasi", lambda r: r.lokasi),
]


@login_required
def ppks_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.PPKS)
    form = PpksFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.ppks_list(
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        jenis=d.get("jenis"),
        lokasi=d.get("lokasi"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request, "registries/ppks_list.html", form=form, qs=qs, export=(EXPORT, "ppks", True)
    )


def _form(request: HttpRequest, orang, instance: Ppks | None) -> HttpResponse:
    return edit_page(
        request,
        PpksForm(
            request.POST if request.method == "POST" else None, instance=instance, orang=orang
        ),
        lambda ppks: ppks_save(ppks, orang=orang, user=request.user),
        title=("Ubah registrasi PPKS" if instance else "Tambah registrasi PPKS") + f": {orang}",
        success_url=lambda ppks: reverse("registri:orang_detail", args=[orang.pk]) + "#ppks",
        cancel_url=reverse("registri:orang_detail", args=[orang.pk]),
    )


@login_required
def ppks_add(request: HttpRequest, orang_pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, orang_pk)
    require_add(request.user, Area.PPKS)
    return _form(request, orang, None)


@login_required
def ppks_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ppks = get_ppks_for_user(request.user, pk, change=True)
    return _form(request, ppks.orang, ppks)
