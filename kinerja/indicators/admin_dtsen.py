"""The catalogue screen that records an amending decree with the DTSEN options of IKU-3B.

Contract section 6: the options are off in catalogue version 1 and set in a new version, so no figure
of an earlier version changes. The screen hangs off a version's admin page (`Versi perubahan: opsi
DTSEN`) and writes through `services.keputusan_amend`, which validates and audits (D137).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.organisation.permissions import Area, can_change

from .models import Definisi, Keputusan
from .services import keputusan_amend

KODE = "IKU-3B"
DESIL = [("", "Kosong (semua anggota DTKS)")] + [(str(i), f"Desil {i}") for i in range(1, 11)]


TANGGAL = {"invalid": "Tanggal tidak dikenal; tulis 2025-04-01 atau 01/04/2025."}


class OpsiDtsenForm(forms.Form):
    nomor = forms.CharField(label="Nomor keputusan perubahan", max_length=100)
    tanggal_ditetapkan = forms.DateField(label="Tanggal ditetapkan", error_messages=TANGGAL)
    berlaku_mulai = forms.DateField(label="Berlaku mulai", error_messages=TANGGAL)
    catatan = forms.CharField(label="Catatan perubahan", required=False, widget=forms.Textarea)
    desil_maks = forms.TypedChoiceField(
        label="Desil maksimal (desil_maks)",
        choices=DESIL,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Desil maksimal harus 1 sampai 10, atau kosong."},
        help_text="Penyebut hanya anggota DTKS dengan desil sampai batas ini; tanpa desil tetap"
        " dihitung.",
    )
    bansos_per_keluarga = forms.BooleanField(
        label="Bansos per keluarga (bansos_per_keluarga)",
        required=False,
        help_text="Layanan kepada seorang anggota KK dihitung untuk setiap anggota KK itu.",
    )


def opsi_dtsen_view(request: HttpRequest, object_id: str) -> HttpResponse:
    """GET: the form with the base version's current options; POST: a new version."""
    if not can_change(request.user, Area.KATALOG):
        raise PermissionDenied("Hanya perencana dan admin yang mengubah katalog IKU.")
    base = get_object_or_404(Keputusan, pk=object_id)
    current = Definisi.objects.filter(
        indikator__keputusan=base, indikator__kode=KODE, bacaan="default"
    ).first()
    if current is None:
        messages.error(request, f"Versi {base.versi} tidak punya definisi {KODE}.")
        return redirect("admin:indicators_keputusan_change", base.pk)
    initial = {
        "desil_maks": current.desil_maks or "",
        "bansos_per_keluarga": current.bansos_per_keluarga,
    }
    form = OpsiDtsenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            new = keputusan_amend(
                base=base,
                nomor=c["nomor"],
                tanggal_ditetapkan=c["tanggal_ditetapkan"],
                berlaku_mulai=c["berlaku_mulai"],
                catatan=c["catatan"],
                changes={},
                definisi_changes={
                    KODE: {
                        "desil_maks": c["desil_maks"],
                        "bansos_per_keluarga": c["bansos_per_keluarga"],
                    }
                },
                actor=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, f"Versi katalog {new.versi} dicatat dengan opsi DTSEN {KODE}."
            )
            return redirect("admin:indicators_keputusan_change", new.pk)
    return render(
        request,
        "admin/indicators/keputusan/opsi_dtsen.html",
        {"form": form, "base": base, "kode": KODE, "title": f"Versi perubahan: opsi DTSEN {KODE}"},
        status=400 if request.method == "POST" else 200,
    )
