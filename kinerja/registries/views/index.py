"""The registries this user may open, with their sizes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kinerja.organisation.permissions import Area, can_change, can_view, can_view_records

from ..access import can_view_orang, layanan_visible, scoped
from ..models import Bencana, DtksAnggota, Korban, Layanan, Orang, Pelatihan, Ppks, Psks
from .unggah import KIND_AREA, can_upload


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    cards = []

    def add(title: str, url: str, qs, area: Area | None, description: str) -> None:
        cards.append(
            {
                "title": title,
                "url": reverse(url),
                "count": qs.count(),
                "ubah": can_change(user, area) if area else False,
                "description": description,
            }
        )

    if can_view_orang(user):
        add("Orang", "registri:orang_list", scoped(Orang.objects), None,
            "Semua orang yang dikenal Dinas, dengan NIK atau ID lokal.")  # fmt: skip
    if can_view_records(user, Area.PPKS):
        add("PPKS", "registri:ppks_list", scoped(Ppks.objects), Area.PPKS,
            "Registrasi Pemerlu Pelayanan Kesejahteraan Sosial.")  # fmt: skip
    if can_view_records(user, Area.LAYANAN_REHAB) or can_view_records(user, Area.LAYANAN_LINJAMSOS):
        add("Layanan dan bantuan", "registri:layanan_list",
            layanan_visible(user, scoped(Layanan.objects)), None,
            "Layanan dan bantuan yang diterima orang.")  # fmt: skip
    if can_view_records(user, Area.PSKS):
        add("PSKS", "registri:psks_list", scoped(Psks.objects), Area.PSKS,
            "Potensi dan Sumber Kesejahteraan Sosial: orang dan lembaga.")  # fmt: skip
    if can_view_records(user, Area.PELATIHAN):
        add("Pelatihan PSKS", "registri:pelatihan_list", scoped(Pelatihan.objects),
            Area.PELATIHAN, "Peserta kegiatan peningkatan kemampuan.")  # fmt: skip
    if can_view_records(user, Area.DTKS):
        add("DTKS", "registri:dtks_list", scoped(DtksAnggota.objects), Area.DTKS,
            "Anggota DTKS/DTSEN per periode.")  # fmt: skip
    if can_view_records(user, Area.BENCANA):
        add("Kejadian bencana", "registri:bencana_list", scoped(Bencana.objects), Area.BENCANA,
            "Kejadian bencana alam dan sosial.")  # fmt: skip
    if can_view_records(user, Area.KORBAN):
        add("Korban bencana", "registri:korban_list", scoped(Korban.objects), Area.KORBAN,
            "Korban per kejadian.")  # fmt: skip
    return render(
        request,
        "registries/index.html",
        {
            "cards": cards,
            "lihat_log": can_view(user, Area.AUDIT),
            "bisa_unggah": any(can_upload(user, kind) for kind in KIND_AREA),
        },
    )
