"""Inbox, the period page of an indicator, approval steps with a confirmation page, analysis."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.indicators.engine import Change, unit_keluarga, why_changed
from kinerja.indicators.selectors import renstra_years
from kinerja.organisation.permissions import (
    Area,
    Identitas,
    can_edit_analysis,
    can_read_audit_log,
    require_view,
    workflow_refusal,
)
from kinerja.registries.access import identitas_unit

from ..models import Analisis, Status
from ..periods import periode_nama
from ..selectors import against_renstra_final, capaian_for, inbox, recent_periods, trend
from ..services.analysis import FIELDS as ANALYSIS_FIELDS
from ..services.analysis import analisis_save
from ..services.workflow import AKSI_NAMA, TRANSITIONS, WorkflowRefused, workflow_check
from ..services.workflow import workflow_transition as transition
from ..why import describe
from .common import get_indikator_periode

AKSI_TOMBOL = {
    "submit": "Ajukan",
    "verify": "Verifikasi",
    "approve": "Setujui dan bekukan",
    "reopen": "Buka kembali",
}


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    items = [
        {"indikator": ind, "periode": p, "nama": periode_nama(p), "status": Status(s).label}
        for ind, p, s in inbox(request.user, recent_periods())
    ]
    return render(
        request,
        "performance/inbox.html",
        {"items": items, "can_audit": can_read_audit_log(request.user)},
    )


@login_required
def period_page(request: HttpRequest, kode: str, periode: str) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    ind, p = get_indikator_periode(kode, periode)
    c = capaian_for(ind.kode, p)
    if c is None:  # not after get_indikator_periode, which found the indicator in force
        raise Http404(f"Indikator {kode} tidak ada dalam katalog yang berlaku.")
    changes: list[Change] = []
    total = 0
    if c.approval and c.status == Status.APPROVED and c.approval.beku_ref:
        changes, total = why_changed(int(c.approval.beku_ref), ind.kode, p)
    # D60: outside the units' registry the changes are listed without unit or person ids.
    anonim = bool(changes) and (
        identitas_unit(request.user, unit_keluarga(ind.kode, p)) == Identitas.TERSEMBUNYI
    )
    if anonim:
        label: dict[int, int] = {}
        changes = [
            replace(ch, unit_id=label.setdefault(ch.unit_id, len(label) + 1), orang_id=None)
            for ch in changes
        ]
    actions = [
        {"aksi": a, "label": AKSI_TOMBOL[a]}
        for a in TRANSITIONS
        if workflow_refusal(request.user, a, ind.bidang.kode) is None
        and workflow_check(aksi=a, kode=ind.kode, periode=p, user=request.user, alasan="-") is None
    ]
    analisis = Analisis.objects.filter(
        indikator_kode=ind.kode, tahun=p.tahun, triwulan=p.triwulan
    ).first()
    return render(
        request,
        "performance/period.html",
        {
            "c": c,
            "ind": ind,
            "periode": p,
            "nama": periode_nama(p),
            "a3": against_renstra_final(c),
            "trend": trend(ind.kode, renstra_years(p.tahun)) if p.triwulan is None else [],
            "renstra": renstra_years(p.tahun),
            "changes": changes
            if anonim
            else describe(changes, c.approval.disetujui_pada if c.approval else None),
            "changes_total": total,
            "anonim": anonim,
            "actions": actions,
            "steps": c.approval.langkah.select_related("pengguna") if c.approval else [],
            "analisis": analisis,
            "can_analyse": can_edit_analysis(request.user, ind.bidang.kode),
        },
    )


@login_required
def action(request: HttpRequest, kode: str, periode: str, aksi: str) -> HttpResponse:
    """GET: the confirmation page. POST (with konfirmasi=ya): the step itself."""
    ind, p = get_indikator_periode(kode, periode)
    if aksi not in TRANSITIONS:
        return render(
            request, "performance/refused.html", {"message": "Aksi tidak dikenal."}, status=404
        )
    refusal = workflow_refusal(request.user, aksi, ind.bidang.kode)
    if refusal:
        raise PermissionDenied(refusal)
    context = {"ind": ind, "periode": p, "nama": periode_nama(p), "aksi": aksi,
               "aksi_nama": AKSI_NAMA[aksi], "tombol": AKSI_TOMBOL[aksi]}  # fmt: skip
    if request.method == "POST":
        alasan = request.POST.get("alasan", "")
        if request.POST.get("konfirmasi") != "ya":
            context |= {"error": "Centang konfirmasi untuk melanjutkan.", "alasan": alasan}
            return render(request, "performance/confirm.html", context, status=400)
        try:
            row = transition(aksi=aksi, kode=ind.kode, periode=p, user=request.user, alasan=alasan)
        except WorkflowRefused as exc:
            if exc.kind == "role":
                raise PermissionDenied(str(exc)) from None
            context |= {"error": str(exc), "alasan": alasan}
            return render(
                request,
                "performance/confirm.html",
                context,
                status=409 if exc.kind == "state" else 400,
            )
        messages.success(
            request, f"{ind.kode} {periode_nama(p)}: status kini {row.get_status_display()}."
        )
        return redirect("performance:period", kode=ind.kode, periode=p.label)
    problem = workflow_check(aksi=aksi, kode=ind.kode, periode=p, user=request.user, alasan="-")
    if problem:
        context["error"] = problem
        return render(request, "performance/confirm.html", context, status=409)
    context["c"] = capaian_for(ind.kode, p)
    return render(request, "performance/confirm.html", context)


@login_required
@require_POST
def analysis_save(request: HttpRequest, kode: str, periode: str) -> HttpResponse:
    ind, p = get_indikator_periode(kode, periode)
    if not can_edit_analysis(request.user, ind.bidang.kode):
        raise PermissionDenied("Analisis ditulis oleh bidang penanggung jawab atau Perencana.")
    # Only the parts the request carries are written; a part not sent keeps its text.
    texts = {f: request.POST[f][:10000] for f in ANALYSIS_FIELDS if f in request.POST}
    try:
        _, changed = analisis_save(kode=ind.kode, periode=p, actor=request.user, **texts)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("performance:period", kode=ind.kode, periode=p.label)
    messages.success(request, "Analisis disimpan." if changed else "Tidak ada perubahan.")
    return redirect("performance:period", kode=ind.kode, periode=p.label)
