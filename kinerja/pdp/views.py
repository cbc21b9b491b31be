"""/pdp/: the data-subject report (Kepala Dinas, Admin) and erasing a person (Admin), D85-D86."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import can_erase_person, can_run_subject_report
from kinerja.registries.access import scoped
from kinerja.registries.models import Orang

from .forms import HapusForm, LaporanForm
from .render import report_pdf
from .selectors import orang_cari
from .services import is_erased, orang_erase, report_run


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def laporan(request: HttpRequest) -> HttpResponse:
    # POST only carries the NIK: it never lands in a URL, a server log or the browser history.
    if not can_run_subject_report(request.user):
        raise PermissionDenied(
            "Hanya Kepala Dinas dan Administrator yang membuat laporan subjek data."
        )
    form = LaporanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identitas = form.cleaned_data["identitas"].strip()
        if form.cleaned_data.get("orang"):
            orang = scoped(Orang.objects.filter(pk=form.cleaned_data["orang"])).first()
        else:
            orang = orang_cari(identitas)
        if orang is None:
            form.add_error("identitas", "Tidak ada orang dengan NIK atau ID lokal ini.")
        else:
            fmt = "pdf" if request.POST.get("format") == "pdf" else "html"
            report = report_run(orang=orang, user=request.user, request=request, format=fmt)
            pembuat = str(request.user)  # User.__str__: the full name, else the username
            if fmt == "pdf":
                response = HttpResponse(
                    report_pdf(report, pembuat=pembuat), content_type="application/pdf"
                )
                response["Content-Disposition"] = (
                    f'attachment; filename="laporan-subjek-data-orang-{orang.pk}.pdf"'
                )
                return response
            return render(
                request,
                "pdp/laporan.html",
                {"r": report, "pembuat": pembuat, "identitas": identitas, "orang_id": orang.pk},
            )
    return render(request, "pdp/laporan_form.html", {"form": form})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_erase_person(request.user):
        raise PermissionDenied("Hanya Administrator yang boleh menghapus identitas orang.")
    orang = get_object_or_404(scoped(Orang.objects.all()), pk=pk)
    form: HapusForm | None  # None once erased: nothing left to erase
    form = HapusForm(request.POST if request.method == "POST" else None)
    if is_erased(orang):
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            hasil = orang_erase(orang=orang, user=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Identitas orang ini telah dihapus dan diganti pseudonim {hasil.pseudonim}. "
                "Rekaman layanan, registrasi dan angka beku tetap ada.",
            )
            return redirect("registri:orang_detail", pk=orang.pk)
    return render(
        request,
        "pdp/hapus.html",
        {"orang": orang, "form": form, "nik": mask_nik(orang.nik)},
    )
