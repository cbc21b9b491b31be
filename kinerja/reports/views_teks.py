"""The LKjIP's yearly texts, written by the Perencana on screen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.indicators.selectors import catalogue_years
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import has_role

from .models import TeksLkjip
from .teks import FIELDS, teks_lkjip_simpan

LABELS = {
    "kata_pengantar": "Kata pengantar",
    "struktur_organisasi": "Struktur organisasi (Bab I)",
    "sdm": "Sumber daya manusia (Bab I)",
    "isu_strategis": "Isu strategis (Bab I)",
}
BATAS = 20_000  # characters per text


@login_required
def teks_lkjip(request: HttpRequest, tahun: int) -> HttpResponse:
    if not has_role(request.user, Role.PERENCANA, Role.KADIS, Role.AUDITOR, Role.ADMIN):
        raise PermissionDenied("Teks LKjIP disusun Perencana.")
    if tahun not in catalogue_years():
        raise Http404("Tahun di luar periode Renstra.")
    error = ""
    if request.method == "POST":
        if not has_role(request.user, Role.PERENCANA):
            raise PermissionDenied("Hanya Perencana yang menulis teks LKjIP.")
        data = {f: request.POST[f] for f in FIELDS if f in request.POST}
        terlalu = [LABELS[f] for f, v in data.items() if len(v) > BATAS]
        if terlalu:
            error = (
                f"Teks terlalu panjang (batas {BATAS:,} karakter): {', '.join(terlalu)}.".replace(
                    ",", ".", 1
                )
            )
        else:
            teks_lkjip_simpan(user=request.user, tahun=tahun, data=data)
            messages.success(request, "Teks LKjIP tersimpan.")
            return redirect("dokumen:teks_lkjip", tahun=tahun)
    row = TeksLkjip.objects.filter(tahun=tahun).first()
    fields = [(f, LABELS[f], request.POST.get(f) if error else getattr(row, f, "")) for f in FIELDS]
    return render(
        request,
        "reports/teks_lkjip.html",
        {
            "tahun": tahun,
            "fields": fields,
            "boleh": has_role(request.user, Role.PERENCANA),
            "error": error,
        },
        status=400 if error else 200,
    )
