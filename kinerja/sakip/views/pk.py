"""The PK pages: positions and their PKs of a year, one PK (targets, approval, PK Perubahan) and
its documents. The Perencana keeps the drafts, the Kepala Dinas approves and signs, every signed-in
role reads (the documents hold no personal data)."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.lib import parsing
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import Area, can_edit_targets, has_role, require_view
from kinerja.reports.builders.pk_jabatan import build_pk_jabatan
from kinerja.reports.render import CONTENT_TYPES, RENDERERS

from ..models import Jabatan, PerjanjianKinerja, StatusPK
from ..pk_selectors import anggaran_pk, perubahan_of, pk_latest
from ..services.pk import (
    TARGET_FIELDS,
    PKRefused,
    pihak_of,
    pk_approve,
    pk_draft,
    pk_hapus_draf,
    pk_revise,
    pk_targets_save,
)
from .common import year_param


def _jabatan_qs():
    return Jabatan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH)


def _get_pk(pk: int) -> PerjanjianKinerja:
    return get_object_or_404(
        PerjanjianKinerja.objects.select_related(
            "jabatan__atasan", "jabatan__bidang", "menggantikan"
        ),
        pk=pk,
        jabatan__kode_kabkota=settings.KINERJA_KODE_WILAYAH,
    )


def _refused(exc: PKRefused) -> int:
    return {"role": 403, "state": 409}.get(exc.kind, 400)


@login_required
def pk_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    tahun = year_param(request)
    jabatan = list(_jabatan_qs().select_related("atasan", "bidang"))
    latest = {p.jabatan_id: p for p in pk_latest([j.pk for j in jabatan], tahun)}
    rows = [(j, latest.get(j.pk)) for j in jabatan]
    return render(
        request,
        "sakip/pk_daftar.html",
        {"tahun": tahun, "rows": rows, "can_keep": can_edit_targets(request.user)},
    )


@login_required
@require_POST
def pk_draft_view(request: HttpRequest) -> HttpResponse:
    raw_j, raw_t = request.POST.get("jabatan", ""), request.POST.get("tahun", "")
    if not raw_j.isdigit() or not raw_t.isdigit():
        raise BadRequest("Jabatan atau tahun tidak valid.")
    jabatan = get_object_or_404(_jabatan_qs(), pk=int(raw_j))
    try:
        pk = pk_draft(jabatan=jabatan, tahun=int(raw_t), user=request.user)
    except PKRefused as exc:
        return HttpResponse(
            str(exc), status=_refused(exc), content_type="text/plain; charset=utf-8"
        )
    messages.success(
        request, f"Draf {pk} dibuat dengan {pk.indikator.count()} indikator dari pohon kinerja."
    )
    return redirect("sakip:pk", pk.pk)


def _page(
    request: HttpRequest, pk: PerjanjianKinerja, errors: list[str], status: int = 200
) -> HttpResponse:
    pertama, kedua = pihak_of(pk.jabatan)
    latest = not hasattr(pk, "perubahan")
    return render(
        request,
        "sakip/pk.html",
        {
            "pk": pk,
            "rows": pk.indikator.select_related("indikator__simpul"),
            "anggaran": anggaran_pk(pk),
            "perubahan": perubahan_of(pk),
            "pertama": pertama,
            "kedua": kedua,
            "errors": errors,
            "versi": PerjanjianKinerja.objects.filter(jabatan=pk.jabatan, tahun=pk.tahun).order_by(
                "versi"
            ),
            "can_edit": can_edit_targets(request.user) and pk.status == StatusPK.DRAFT,
            "can_approve": has_role(request.user, Role.KADIS) and pk.status == StatusPK.DRAFT,
            "can_revise": can_edit_targets(request.user)
            and pk.status == StatusPK.DISETUJUI
            and latest,
            "formats": tuple(RENDERERS),
        },
        status=status,
    )


@login_required
def pk_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    return _page(request, _get_pk(pk), [])


@login_required
@require_POST
def pk_targets_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _get_pk(pk)
    targets: dict[int, dict[str, Decimal | None]] = {}
    errors = []
    for row in doc.indikator.select_related("indikator"):
        values: dict[str, Decimal | None] = {}
        for f in TARGET_FIELDS:
            raw = (request.POST.get(f"{f}-{row.pk}") or "").strip().strip("–")
            try:
                values[f] = parsing.angka(raw, label="target") if raw else None
            except parsing.ParseError as exc:
                errors.append(f"{row.indikator.kode}: {exc}.")
        targets[row.pk] = values
    if errors:
        return _page(request, doc, errors, status=400)
    try:
        changed = pk_targets_save(pk=doc, targets=targets, user=request.user)
    except PKRefused as exc:
        return _page(request, doc, [str(exc)], status=_refused(exc))
    messages.success(request, f"Target {changed} indikator disimpan.")
    return redirect("sakip:pk", doc.pk)


@login_required
@require_POST
def pk_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _get_pk(pk)
    try:
        pk_approve(pk=doc, user=request.user)
    except PKRefused as exc:
        return _page(request, doc, [str(exc)], status=_refused(exc))
    messages.success(request, f"{doc} disetujui dan ditandatangani.")
    return redirect("sakip:pk", doc.pk)


@login_required
@require_POST
def pk_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _get_pk(pk)
    try:
        new = pk_revise(pk=doc, alasan=request.POST.get("alasan", ""), user=request.user)
    except PKRefused as exc:
        return _page(request, doc, [str(exc)], status=_refused(exc))
    messages.success(request, f"{new} dibuat; PK versi {doc.versi} tetap tersimpan.")
    return redirect("sakip:pk", new.pk)


@login_required
@require_POST
def pk_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _get_pk(pk)
    name, tahun = str(doc), doc.tahun
    try:
        pk_hapus_draf(pk=doc, alasan=request.POST.get("alasan", ""), user=request.user)
    except PKRefused as exc:
        return _page(request, doc, [str(exc)], status=_refused(exc))
    messages.success(request, f"{name} dihapus; jejak audit menyimpan isi dan alasannya.")
    return redirect(f"{reverse('sakip:pk_daftar')}?tahun={tahun}")


@login_required
def pk_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    if fmt not in RENDERERS:
        raise Http404("Format tidak dikenal.")
    doc = _get_pk(pk)
    data = RENDERERS[fmt](build_pk_jabatan(doc))
    name = f"pk-{doc.jabatan.kode}-{doc.tahun}-v{doc.versi}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
