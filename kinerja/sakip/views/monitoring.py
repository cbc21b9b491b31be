"""The monitoring of the rencana aksi: one page per Bidang (its Kepala Bidang's, Kepala Seksi's and
functional officials' PKs) and one for the Kepala Dinas (the Kepala Dinas's, Sekretaris's and
Kepala Bidang's PKs), late and off-track quarters highlighted; the action taken per quarter."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.organisation.models import Bidang, Role
from kinerja.organisation.permissions import bidang_kode, has_role

from ..models import Jabatan, JenisJabatan
from ..monitoring import batas_tinggi, monitoring
from ..pk_selectors import pk_latest
from ..services.pk import PKRefused
from ..services.tindak_lanjut import tindak_lanjut_refusal, tindak_lanjut_save
from .common import get_indikator, year_param

PIMPINAN = (JenisJabatan.KEPALA_DINAS, JenisJabatan.SEKRETARIS, JenisJabatan.KEPALA_BIDANG)
BIDANG_ROLES = (Role.STAF, Role.KABID)


def _bidang(request: HttpRequest) -> Bidang | None:
    """`?bidang=`: a Bidang's page; none: the Kepala Dinas's. Staf and Kepala Bidang see only
    their own Bidang's page; the Perencana, Kepala Dinas, auditor and admin see all."""
    raw = (request.GET.get("bidang") or "").strip()
    own = bidang_kode(request.user) if has_role(request.user, *BIDANG_ROLES) else None
    if not raw:
        if own is not None:
            raise PermissionDenied("Halaman pemantauan Kepala Dinas bukan untuk Bidang.")
        return None
    bidang = Bidang.objects.filter(
        organisasi__kode_wilayah=settings.KINERJA_KODE_WILAYAH, kode=raw
    ).first()
    if bidang is None:
        raise BadRequest(f"Bidang '{raw[:20]}' tidak dikenal.")
    if own is not None and own != bidang.kode:
        raise PermissionDenied("Anda hanya dapat memantau Bidang Anda sendiri.")
    return bidang


@login_required
def monitoring_page(request: HttpRequest) -> HttpResponse:
    bidang = _bidang(request)
    tahun = year_param(request)
    jabatan = Jabatan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH)
    if bidang is None:
        jabatan = jabatan.filter(jenis__in=PIMPINAN)
    else:
        jabatan = jabatan.filter(bidang=bidang).exclude(jenis=JenisJabatan.SEKRETARIS)
    pks = list(pk_latest(list(jabatan.values_list("pk", flat=True)), tahun))
    blocks = monitoring(pks, tahun)
    lines = [b for blok in blocks for b in blok.baris]
    cells = [c for b in lines for c in b.triwulan]
    return render(
        request,
        "sakip/monitoring.html",
        {
            "tahun": tahun,
            "bidang": bidang,
            "blocks": blocks,
            "batas": batas_tinggi(),
            "terlambat": sum(c.terlambat for c in cells),
            "meleset": sum(c.meleset for c in cells),
            "semua_bidang": Bidang.objects.filter(
                organisasi__kode_wilayah=settings.KINERJA_KODE_WILAYAH
            ),
            "tl_url": reverse("sakip:tindak_lanjut", args=[0, 0, 0]).removesuffix("0/0/0/"),
            "csrf": get_token(request),
            "can_act": {b.indikator_id for b in lines if _can_act(request, b.bidang_kode)},
        },
    )


def _can_act(request: HttpRequest, bidang: str) -> bool:
    """Whether the user types the action of an indicator of `bidang` ("" for a computed IKU)."""
    if not bidang:
        return has_role(request.user, Role.PERENCANA, Role.ADMIN)
    return has_role(request.user, *BIDANG_ROLES) and bidang_kode(request.user) == bidang


@login_required
@require_POST
def tindak_lanjut_view(request: HttpRequest, pk: int, tahun: int, triwulan: int) -> HttpResponse:
    ind = get_indikator(pk)
    if (refusal := tindak_lanjut_refusal(request.user, ind)) is not None:
        raise PermissionDenied(refusal)
    try:
        tindak_lanjut_save(
            indikator=ind,
            tahun=tahun,
            triwulan=triwulan,
            uraian=request.POST.get("uraian", ""),
            user=request.user,
        )
    except PKRefused as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    messages.success(request, f"Tindak lanjut {ind.kode} triwulan {triwulan} disimpan.")
    back = reverse("sakip:monitoring") + f"?tahun={tahun}"
    if ind.bidang is not None and has_role(request.user, *BIDANG_ROLES):
        back += f"&bidang={ind.bidang.kode}"
    return redirect(back)
