"""Public home page and the signed-in landing page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.indicators.selectors import keputusan_in_force, sasaran_with_indikator
from kinerja.organisation.permissions import Area, can_change, can_view


def home(request: HttpRequest) -> HttpResponse:
    keputusan = keputusan_in_force()
    sasaran = list(sasaran_with_indikator(keputusan)) if keputusan else []
    return render(request, "web/home.html", {"keputusan": keputusan, "sasaran": sasaran})


# The rights in words (the glossary's), never the code (`layanan_rehab`).
AREA_NAMA = {
    Area.KATALOG: "Katalog IKU dan definisinya",
    Area.TARGET: "Target Renstra dan Perjanjian Kinerja",
    Area.ANGGARAN: "Anggaran",
    Area.PPKS: "Registri PPKS",
    Area.LAYANAN_REHAB: "Layanan rehabilitasi sosial",
    Area.PSKS: "Registri PSKS",
    Area.PELATIHAN: "Pelatihan PSKS",
    Area.DTKS: "DTKS",
    Area.LAYANAN_LINJAMSOS: "Layanan perlindungan dan jaminan sosial",
    Area.BENCANA: "Kejadian bencana",
    Area.KORBAN: "Korban bencana",
    Area.AUDIT: "Jejak audit dan log akses",
    Area.PENGGUNA: "Pengguna dan peran",
}


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    user = request.user
    areas = [
        {"area": area, "nama": AREA_NAMA[area], "ubah": can_change(user, area)}
        for area in Area
        if can_view(user, area)
    ]
    return render(request, "web/beranda.html", {"areas": areas})
