"""People: the list, the person page (logged), adding and correcting, revealing a NIK (logged)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib.htmx import HtmxHttpRequest
from kinerja.organisation.permissions import (
    Area,
    can_change,
    can_erase_person,
    can_run_subject_report,
    can_see_nik,
)

from .. import selectors
from ..access import (
    can_change_orang,
    get_dtks_for_user,
    get_orang_for_user,
    get_psks_for_user,
    orang_visible,
    require_change_orang,
    require_view_orang,
    scoped,
)
from ..editing import orang_save
from ..forms import OrangFilter, OrangForm, OrangUbahForm
from ..models import Orang
from .common import Column, edit_page, render_list

EXPORT = [
    Column("nik", lambda o: o.nik, nik=True),
    Column("id_lokal", lambda o: o.id_lokal),
    Column("nama", lambda o: o.nama),
    Column("jenis_kelamin", lambda o: o.jenis_kelamin),
    Column("tanggal_lahir", lambda o: o.tanggal_lahir),
    Column("kode_wilayah", lambda o: o.kelurahan_id),
]


@login_required
def orang_list(request: HttpRequest) -> HttpResponseBase:
    require_view_orang(request.user)
    form = OrangFilter(request.GET or None)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    # D60: only the people of the registries this user reads, for the list, its search and export.
    qs = orang_visible(
        request.user,
        selectors.orang_list(
            q=d.get("q"), wilayah=d.get("wilayah"), jenis_kelamin=d.get("jenis_kelamin")
        ),
    )
    return render_list(
        request,
        "registries/orang_list.html",
        form=form,
        qs=qs,
        context={"can_add": can_change_orang(request.user)},
        export=(EXPORT, "orang", True),
    )


@login_required
def orang_detail(request: HttpRequest, pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, pk)
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.BUKA_ORANG,
        objek=f"orang #{orang.pk}",
        request=request,
        orang=orang,
    )
    data = selectors.person_page(request.user, orang)
    user = request.user
    return render(
        request,
        "registries/orang_detail.html",
        {
            "orang": orang,
            "data": data,
            "lihat_nik": can_see_nik(user),
            "ubah_orang": can_change_orang(user),
            "pdp": {"laporan": can_run_subject_report(user), "hapus": can_erase_person(user)},
            "ubah": {
                "ppks": can_change(user, Area.PPKS),
                "layanan": can_change(user, Area.LAYANAN_REHAB)
                or can_change(user, Area.LAYANAN_LINJAMSOS),
                "dtks": can_change(user, Area.DTKS),
                "korban": can_change(user, Area.KORBAN),
            },
        },
    )


def _orang_form(request: HttpRequest, instance: Orang | None) -> HttpResponse:
    form_class = OrangUbahForm if instance else OrangForm
    form = form_class(request.POST if request.method == "POST" else None, instance=instance)
    return edit_page(
        request,
        form,
        lambda orang: orang_save(
            orang, user=request.user, alasan=form.cleaned_data.get("alasan", "")
        ),
        title="Ubah data orang" if instance else "Tambah orang",
        success_url=lambda orang: reverse("registri:orang_detail", args=[orang.pk]),
        cancel_url=reverse("registri:orang_detail", args=[instance.pk])
        if instance
        else reverse("registri:orang_list"),
    )


@login_required
def orang_add(request: HttpRequest) -> HttpResponse:
    require_change_orang(request.user)
    return _orang_form(request, None)


@login_required
def orang_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _orang_form(request, get_orang_for_user(request.user, pk, change=True))


def _reveal(
    request: HtmxHttpRequest,
    nik: str,
    objek: str,
    back: str,
    *,
    label: str = "NIK",
    orang: Orang | None = None,
) -> HttpResponse:
    """NIK and KK alike (D23, row 12): POST, roles of D3 only, logged as `lihat_nik`."""
    if not can_see_nik(request.user):
        raise PermissionDenied(f"Peran Anda tidak melihat {label} lengkap.")
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.LIHAT_NIK,
        objek=objek,
        request=request,
        orang=orang,
    )
    template = "registries/_nik_full.html" if request.htmx else "registries/nik_full.html"
    return render(request, template, {"nik": nik, "back": back, "label": label})


@login_required
@require_POST
def orang_nik(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, pk)
    back = request.POST.get("next") or reverse("registri:orang_detail", args=[orang.pk])
    return _reveal(
        request, orang.nik or "", f"NIK orang #{orang.pk}", _safe(request, back), orang=orang
    )


@login_required
@require_POST
def orang_kk(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    orang = get_orang_for_user(request.user, pk)
    back = request.POST.get("next") or reverse("registri:orang_detail", args=[orang.pk])
    return _reveal(
        request, orang.no_kk, f"KK orang #{orang.pk}", _safe(request, back), label="nomor KK",
        orang=orang,
    )  # fmt: skip


@login_required
@require_POST
def dtks_kk(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    anggota = get_dtks_for_user(request.user, pk)
    back = request.POST.get("next") or reverse("registri:dtks_list")
    return _reveal(
        request, anggota.no_kk, f"KK anggota DTKS #{anggota.pk}", _safe(request, back),
        label="nomor KK",
    )  # fmt: skip


@login_required
@require_POST
def psks_nik(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    psks = get_psks_for_user(request.user, pk)
    back = request.POST.get("next") or reverse("registri:psks_list")
    # A PSKS person is often also a registered person: link the look to them (data-subject report).
    orang = scoped(Orang.objects.filter(nik=psks.nik)).first() if psks.nik else None
    return _reveal(
        request, psks.nik, f"NIK PSKS {psks.kode_psks}", _safe(request, back), orang=orang
    )


def _safe(request: HttpRequest, url: str) -> str:
    ok = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if ok else reverse("registri:index")
