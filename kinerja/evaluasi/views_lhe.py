"""The LHE of a year with its recommendations, and each recommendation's follow-up."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.lib.berkas import ACCEPT
from kinerja.organisation.models import Bidang, Role
from kinerja.organisation.permissions import can_read_evidence, has_role

from .models import JenisBukti, Lhe, Rekomendasi, StatusTindakLanjut
from .services import bukti as bukti_service
from .services.tindak_lanjut import (
    boleh_menindaklanjuti,
    lhe_simpan,
    rekomendasi_tambah,
    tautkan_tindak_lanjut,
    tindak_lanjut_ubah,
    unggah_tindak_lanjut,
)
from .views import _evaluasi, _require_read


def _tanggal(teks: str, nama: str) -> dt.date:
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        raise ValidationError(f"{nama} bukan tanggal yang sah.") from None


@login_required
def lhe_tahun(request: HttpRequest, tahun: int) -> HttpResponse:
    _require_read(request.user)
    evaluasi = _evaluasi(tahun)
    lhe = Lhe.objects.filter(evaluasi=evaluasi).first()
    error = ""
    if request.method == "POST":
        if not has_role(request.user, Role.AUDITOR):
            raise PermissionDenied("Hanya evaluator (Inspektorat) yang mencatat LHE.")
        p = request.POST
        try:
            if p.get("bagian") == "rekomendasi":
                if lhe is None:
                    raise ValidationError("Catat LHE lebih dahulu.")
                rekomendasi_tambah(
                    user=request.user,
                    lhe=lhe,
                    teks=p.get("teks", ""),
                    bidang_kode_=p.get("bidang", ""),
                    batas_waktu=_tanggal(p.get("batas_waktu", ""), "Batas waktu"),
                )
            else:
                lhe_simpan(
                    user=request.user,
                    evaluasi=evaluasi,
                    nomor=p.get("nomor", ""),
                    tanggal=_tanggal(p.get("tanggal", ""), "Tanggal LHE"),
                    ringkasan=p.get("ringkasan", ""),
                )
        except ValidationError as e:
            error = e.messages[0]
        else:
            messages.success(request, "Tersimpan.")
            return redirect("evaluasi:lhe", tahun=tahun)
    return render(
        request,
        "evaluasi/lhe.html",
        {
            "evaluasi": evaluasi,
            "lhe": lhe,
            "rekomendasi": lhe.rekomendasi.select_related("bidang") if lhe else [],
            "evaluator": has_role(request.user, Role.AUDITOR),
            "bidang": Bidang.objects.all(),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def rekomendasi_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_read(request.user)
    row = get_object_or_404(Rekomendasi.objects.select_related("lhe__evaluasi", "bidang"), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("bagian") == "berkas":
                upload = request.FILES.get("berkas")
                unggah_tindak_lanjut(
                    user=request.user,
                    rekomendasi=row,
                    name=(upload.name or "") if upload else "",
                    chunks=upload.chunks() if upload else [],
                )
            elif request.POST.get("bagian") == "bukti":
                tautkan_tindak_lanjut(
                    user=request.user,
                    rekomendasi=row,
                    jenis=request.POST.get("jenis", ""),
                    acuan=request.POST.get("acuan", ""),
                )
            else:
                tindak_lanjut_ubah(
                    user=request.user,
                    rekomendasi=row,
                    rencana=request.POST.get("rencana", ""),
                    status=request.POST.get("status", ""),
                )
        except ValidationError as e:
            error = e.messages[0]
        else:
            messages.success(request, "Tersimpan.")
            return redirect("evaluasi:rekomendasi", pk=pk)
    return render(
        request,
        "evaluasi/rekomendasi.html",
        {
            "r": row,
            "boleh": boleh_menindaklanjuti(request.user, row),
            "status_pilihan": StatusTindakLanjut.choices,
            "bukti": [(b, bukti_service.periksa(b)) for b in row.bukti.all()],
            "jenis_bukti": [c for c in JenisBukti.choices if c[0] != JenisBukti.BERKAS],
            "boleh_unduh": can_read_evidence(request.user, row.bidang.kode),
            "accept": ACCEPT,
            "maks_mb": settings.KINERJA_BUKTI_MAKS_MB,
            "error": error,
        },
        status=400 if error else 200,
    )
