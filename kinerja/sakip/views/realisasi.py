"""An indicator's page: its periods, the typed value and evidence form, the approval steps, and
the evidence download (attachment only, every download in the access log)."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib import parsing
from kinerja.lib.berkas import attachment_response
from kinerja.organisation.permissions import Area, can_read_evidence, require_view, workflow_refusal
from kinerja.performance.models import Status
from kinerja.performance.services.workflow import TRANSITIONS

from ..models import BuktiDukung, JenisIndikator, Realisasi
from ..selectors import indikator_periods
from ..services.bukti import BuktiRefused, bukti_path, bukti_upload
from ..services.realisasi import (
    RealisasiRefused,
    bukti_remove,
    entry_refusal,
    realisasi_save,
    realisasi_transition,
)
from .common import get_indikator, year_param

AKSI_TOMBOL = {
    "submit": "Ajukan",
    "verify": "Verifikasi",
    "approve": "Setujui dan bekukan",
    "reopen": "Buka kembali",
}


def _bidang(ind) -> str:
    return ind.bidang.kode if ind.bidang else ""


def _page(
    request: HttpRequest,
    ind,
    tahun: int,
    errors: list[str],
    form: dict[str, str],
    status: int = 200,
) -> HttpResponse:
    rows = indikator_periods(ind, tahun) if ind.jenis == JenisIndikator.DIKETIK else []
    for row in rows:
        row.can_entry = entry_refusal(request.user, ind, tahun, row.periode) is None and (
            row.realisasi is None or row.realisasi.status == Status.DRAFT
        )
        row.aksi = [
            (a, AKSI_TOMBOL[a])
            for a, (allowed, _) in TRANSITIONS.items()
            if row.realisasi is not None
            and row.realisasi.status in allowed
            and workflow_refusal(request.user, a, _bidang(ind)) is None
        ]
    return render(
        request,
        "sakip/indikator.html",
        {
            "ind": ind,
            "tahun": tahun,
            "rows": rows,
            "errors": errors,
            "form": form,
            "can_read_evidence": can_read_evidence(request.user, _bidang(ind)),
        },
        status=status,
    )


@login_required
def indikator_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    ind = get_indikator(pk)
    return _page(request, ind, year_param(request, ind.renstra), [], {})


@login_required
@require_POST
def realisasi_save_view(request: HttpRequest, pk: int, tahun: int, periode: int) -> HttpResponse:
    """Save a typed value (and, optionally, one evidence file with it) for a quarter or month."""
    ind = get_indikator(pk)
    refusal = entry_refusal(request.user, ind, tahun, periode)
    if refusal:
        raise PermissionDenied(refusal)
    form: dict[str, str] = {
        "periode": str(periode),
        "nilai": str(request.POST.get("nilai", "")),
        "catatan": str(request.POST.get("catatan", "")),
    }
    errors: list[str] = []
    nilai: Decimal | None = None
    try:
        nilai = parsing.angka(form["nilai"], label="Realisasi") if form["nilai"].strip() else None
    except parsing.ParseError as exc:
        errors.append(f"{exc}.")
    if nilai is None and not errors:
        errors.append("Realisasi wajib diisi (angka, desimal boleh memakai koma).")
    upload = request.FILES.get("bukti")
    if not errors and nilai is not None:
        try:
            with transaction.atomic():  # a refused file keeps the value unsaved too
                row = realisasi_save(
                    indikator=ind,
                    tahun=tahun,
                    periode=periode,
                    nilai=nilai,
                    catatan=form["catatan"],
                    user=request.user,
                )
                if upload is not None:
                    bukti_upload(
                        realisasi=row,
                        name=upload.name or "",
                        chunks=upload.chunks(),
                        user=request.user,
                    )
        except (RealisasiRefused, BuktiRefused) as exc:
            errors.append(str(exc))
    if errors:
        return _page(request, ind, tahun, errors, form, status=400)
    messages.success(request, f"Realisasi {ind.kode} periode {periode} {tahun} disimpan.")
    return redirect(f"{reverse('sakip:indikator', args=[ind.pk])}?tahun={tahun}")


@login_required
@require_POST
def realisasi_action(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    row = get_object_or_404(
        Realisasi.objects.select_related("indikator__renstra"),
        pk=pk,
        indikator__renstra__kode_kabkota=settings.KINERJA_KODE_WILAYAH,
    )
    try:
        realisasi_transition(
            aksi=aksi, realisasi=row, user=request.user, alasan=request.POST.get("alasan", "")
        )
    except RealisasiRefused as exc:
        if exc.kind == "role":
            raise PermissionDenied(str(exc)) from None
        ind = get_indikator(row.indikator_id)
        return _page(
            request, ind, row.tahun, [str(exc)], {}, status=400 if exc.kind == "input" else 409
        )
    messages.success(
        request,
        f"Realisasi {row.indikator.kode} periode {row.periode} {row.tahun}: {aksi} berhasil.",
    )
    return redirect_indikator(row)


def redirect_indikator(row: Realisasi) -> HttpResponse:
    return redirect(f"{reverse('sakip:indikator', args=[row.indikator_id])}?tahun={row.tahun}")


@login_required
@require_POST
def bukti_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related("realisasi__indikator__bidang"), pk=pk, aktif=True
    )
    try:
        bukti_remove(bukti=bukti, user=request.user)
    except RealisasiRefused as exc:
        raise PermissionDenied(str(exc)) from None
    messages.success(request, f"Bukti {bukti.nama_file} dilepas.")
    return redirect_indikator(bukti.realisasi)


@login_required
def bukti_download(request: HttpRequest, pk: int) -> FileResponse:
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related("realisasi__indikator__bidang"), pk=pk
    )
    ind = bukti.realisasi.indikator
    if not can_read_evidence(request.user, _bidang(ind)):
        raise PermissionDenied("Bukti dukung ini milik bidang lain; Anda tidak berhak membukanya.")
    path = bukti_path(bukti)
    if not path.is_file():
        raise Http404("Berkas bukti tidak ditemukan di server.")
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.UNDUH_BUKTI,
        objek=f"bukti {bukti.pk} {bukti.nama_file} ({ind.kode} {bukti.realisasi.tahun}/{bukti.realisasi.periode})",
        request=request,
    )
    return attachment_response(path.open("rb"), nama_file=bukti.nama_file, jenis=bukti.jenis)
