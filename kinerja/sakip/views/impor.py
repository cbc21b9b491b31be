"""The Perencana's pages: Renstra list and creation, Renstra Perubahan, the template, the tree
import, locking."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.lib.dates import today
from kinerja.organisation.permissions import can_keep_tree

from ..models import Renstra
from ..selectors import renstra_all
from ..services.impor import FileUnusable, pohon_impor
from ..services.perubahan import renstra_perubahan
from ..services.renstra import RenstraRefused, renstra_create, renstra_lock
from ..templat import template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_keeper(user) -> None:
    if not can_keep_tree(user):
        raise PermissionDenied("Hanya Perencana yang mengelola Renstra dan pohon kinerja.")


def _year(value: str, label: str, errors: list[str]) -> int:
    value = (value or "").strip()
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        errors.append(f"{label} harus tahun empat angka.")
        return 0
    return int(value)


@login_required
def renstra_page(request: HttpRequest) -> HttpResponse:
    """The Renstra list; a POST creates one (name and period)."""
    _require_keeper(request.user)
    errors: list[str] = []
    form = {"nama": "", "periode_awal": "", "periode_akhir": ""}
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        awal = _year(form["periode_awal"], "Tahun awal", errors)
        akhir = _year(form["periode_akhir"], "Tahun akhir", errors)
        if not form["nama"]:
            errors.append("Nama Renstra wajib diisi.")
        if not errors:
            try:
                renstra = renstra_create(
                    nama=form["nama"], periode_awal=awal, periode_akhir=akhir, user=request.user
                )
            except RenstraRefused as exc:
                errors.append(str(exc))
            else:
                messages.success(request, f"{renstra} dibuat; impor pohon kinerjanya.")
                return redirect("sakip:impor", pk=renstra.pk)
    return _renstra_render(request, form=form, errors=errors)


def _renstra_render(
    request: HttpRequest,
    *,
    form: dict | None = None,
    errors: list[str] | None = None,
    perubahan: dict | None = None,
) -> HttpResponse:
    """The Renstra page; `perubahan` = the refused Renstra Perubahan form (its Renstra, values,
    errors), shown again beside its version."""
    bad = bool(errors or (perubahan and perubahan["errors"]))
    return render(
        request,
        "sakip/renstra.html",
        {
            "semua_renstra": renstra_all(),
            "form": form or {"nama": "", "periode_awal": "", "periode_akhir": ""},
            "errors": errors or [],
            "perubahan": perubahan or {},
        },
        status=400 if bad else 200,
    )


@login_required
@require_POST
def renstra_perubahan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A Renstra Perubahan of version `pk`: the year it applies from and the reason (D250-D252)."""
    _require_keeper(request.user)
    renstra = get_object_or_404(Renstra.objects.of_kabkota(), pk=pk)
    errors: list[str] = []
    values = {k: request.POST.get(k, "").strip() for k in ("berlaku_mulai", "alasan")}
    berlaku = _year(values["berlaku_mulai"], "Tahun berlaku", errors)
    if not errors:
        try:
            new = renstra_perubahan(
                renstra=renstra, berlaku_mulai=berlaku, alasan=values["alasan"], user=request.user
            )
        except RenstraRefused as exc:
            errors.append(str(exc))
        else:
            messages.success(
                request,
                f"{new} dibuat dengan salinan pohon {renstra}; berlaku mulai {new.berlaku_mulai}.",
            )
            return redirect("sakip:renstra")
    return _renstra_render(request, perubahan={"renstra": renstra.pk, "errors": errors, **values})


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    _require_keeper(request.user)
    renstra = None
    if request.GET.get("renstra", "").isdigit():
        renstra = get_object_or_404(Renstra.objects.of_kabkota(), pk=int(request.GET["renstra"]))
    body = template_xlsx(renstra, settings.KINERJA_KODE_WILAYAH)
    name = (
        f"pohon-kinerja-{renstra.periode_awal}-{renstra.periode_akhir}"
        if renstra
        else "templat-pohon-kinerja"
    )
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def impor_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_keeper(request.user)
    renstra = get_object_or_404(Renstra.objects.of_kabkota(), pk=pk)
    hasil, error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if upload is None:
            error = "Pilih file XLSX pohon kinerja."
        elif not (upload.name or "").lower().endswith(".xlsx"):
            error = "File harus XLSX (templat pohon kinerja)."
        elif (upload.size or 0) > settings.KINERJA_IMPOR_MAKS_MB * 1024 * 1024:
            error = f"File lebih dari {settings.KINERJA_IMPOR_MAKS_MB} MB."
        else:
            try:
                hasil = pohon_impor(
                    renstra=renstra,
                    source=upload,
                    user=request.user,
                    dry_run=bool(request.POST.get("uji")),
                )
            except FileUnusable as exc:
                error = f"{exc} Tidak ada yang disimpan."
    return render(
        request,
        "sakip/impor.html",
        {"renstra": renstra, "hasil": hasil, "error": error, "uji": bool(request.POST.get("uji"))},
        status=400 if error else 200,
    )


@login_required
@require_POST
def renstra_lock_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_keeper(request.user)
    renstra = get_object_or_404(Renstra.objects.of_kabkota(), pk=pk)
    if request.POST.get("konfirmasi") != "kunci":
        messages.error(request, "Centang konfirmasi untuk mengunci Renstra.")
        return redirect("sakip:renstra")
    try:
        renstra_lock(renstra=renstra, user=request.user)
    except RenstraRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{renstra} dikunci pada {today():%d-%m-%Y}.")
    return redirect("sakip:renstra")
