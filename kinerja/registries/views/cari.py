"""The search results page behind the header's search box (D167)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses

from ..search import MIN_LENGTH, cari


@login_required
def cari_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    if len(q) < MIN_LENGTH:
        message = (
            f"Ketik sedikitnya {MIN_LENGTH} huruf atau angka: NIK, nama, ID lokal, kode PSKS "
            "atau kode kejadian."
        )
        return render(
            request,
            "registries/cari.html",
            {"q": q, "hasil": None, "message": message},
            status=400 if q else 200,
        )
    hasil = cari(request.user, q)
    if hasil.personal or hasil.nik_ditolak:
        # The query is stored masked (log_akses); what was found is counted.
        log_akses(
            user=request.user,
            jenis=AksesDataPribadi.Jenis.CARI,
            objek=f"cari: {hasil.q}",
            jumlah=hasil.personal,
            request=request,
        )
    return render(request, "registries/cari.html", {"q": hasil.q, "hasil": hasil})
