"""PSKS units and their training (Pemberdayaan Sosial)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from kinerja.organisation.permissions import Area, can_change, require_view_records

from .. import selectors
from ..access import get_pelatihan_for_user, get_psks_for_user, require_add
from ..editing import kegiatan_save, pelatihan_save, psks_save
from ..forms import KegiatanForm, PelatihanFilter, PelatihanForm, PsksFilter, PsksForm
from .common import Column, edit_page, render_list

PSKS_EXPORT = [
    Column("kode_psks", lambda r: r.kode_psks),
    Column("jenis_psks", lambda r: r.jenis_id),
    Column("bentuk", lambda r: r.bentuk),
    Column("nama", lambda r: r.nama),
    Column("nik", lambda r: r.nik, nik=True),
    Column("kode_wilayah", lambda r: r.kelurahan_id),
    Column("tanggal_daftar", lambda r: r.tanggal_daftar),
    Column("tanggal_selesai", lambda r: r.tanggal_selesai),
]
PELATIHAN_EXPORT = [
    Column("kode_kegiatan", lambda r: r.kegiatan.kode_kegiatan),
    Column("nama_kegiatan", lambda r: r.kegiatan.nama_kegiatan),
    Column("tanggal", lambda r: r.tanggal),
    Column("kode_psks", lambda r: r.psks.kode_psks),
    Column("nama_psks", lambda r: r.psks.nama),
]


@login_required
def psks_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.PSKS)
    form = PsksFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.psks_list(
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        jenis=d.get("jenis"),
        bentuk=d.get("bentuk"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request,
        "registries/psks_list.html",
        form=form,
        qs=qs,
        context={"can_add": can_change(request.user, Area.PSKS)},
        export=(PSKS_EXPORT, "psks", True),
    )


def _psks_form(request: HttpRequest, instance) -> HttpResponse:
    return edit_page(
        request,
        PsksForm(request.POST if request.method == "POST" else None, instance=instance),
        lambda psks: psks_save(psks, user=request.user),
        title="Ubah PSKS" if instance else "Tambah PSKS",
        success_url=lambda psks: reverse("registri:psks_list") + f"?q={psks.kode_psks}",
        cancel_url=reverse("registri:psks_list"),
    )


@login_required
def psks_add(request: HttpRequest) -> HttpResponse:
    require_add(request.user, Area.PSKS)
    return _psks_form(request, None)


@login_required
def psks_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _psks_form(request, get_psks_for_user(request.user, pk, change=True))


@login_required
def pelatihan_list(request: HttpRequest) -> HttpResponseBase:
    require_view_records(request.user, Area.PELATIHAN)
    form = PelatihanFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = selectors.pelatihan_list(
        q=d.get("q"),
        wilayah=d.get("wilayah"),
        jenis=d.get("jenis"),
        w=selectors.window(**form.period_kwargs()) if d else selectors.window(),
    )
    return render_list(
        request,
        "registries/pelatihan_list.html",
        form=form,
        qs=qs,
        context={"can_add": can_change(request.user, Area.PELATIHAN)},
        export=(PELATIHAN_EXPORT, "pelatihan", False),
    )


def _pelatihan_form(request: HttpRequest, instance) -> HttpResponse:
    return edit_page(
        request,
        PelatihanForm(request.POST if request.method == "POST" else None, instance=instance),
        lambda pelatihan: pelatihan_save(pelatihan, user=request.user),
        title="Ubah peserta pelatihan" if instance else "Tambah peserta pelatihan",
        success_url=lambda _: reverse("registri:pelatihan_list"),
        cancel_url=reverse("registri:pelatihan_list"),
    )


@login_required
def pelatihan_add(request: HttpRequest) -> HttpResponse:
    require_add(request.user, Area.PELATIHAN)
    return _pelatihan_form(request, None)


@login_required
def pelatihan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _pelatihan_form(request, get_pelatihan_for_user(request.user, pk, change=True))


@login_required
def kegiatan_add(request: HttpRequest) -> HttpResponse:
    require_add(request.user, Area.PELATIHAN)
    return edit_page(
        request,
        KegiatanForm(request.POST if request.method == "POST" else None),
        lambda kegiatan: kegiatan_save(kegiatan, user=request.user),
        title="Tambah kegiatan pelatihan",
        success_url=lambda _: reverse("registri:pelatihan_add"),
        cancel_url=reverse("registri:pelatihan_list"),
    )
