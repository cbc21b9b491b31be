"""The auditor reads the log: filtered by person, object and date, and checks the chain."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.lib import parsing
from kinerja.organisation.permissions import can_read_audit_log

from .models import AuditEntry
from .services import akses_verify, audit_verify


def _date(text: str, errors: list[str], label: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return parsing.tanggal(text, label=label)
    except parsing.ParseError as exc:
        errors.append(str(exc))
        return None


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied("Jejak audit hanya untuk Auditor, Kepala Dinas dan Admin.")
    g = request.GET
    errors: list[str] = []
    entries = AuditEntry.objects.order_by("-id")
    if pengguna := g.get("pengguna", "").strip():
        entries = entries.filter(nama_pengguna__iexact=pengguna)
    if objek := g.get("objek", "").strip():
        entries = entries.filter(
            Q(objek_jenis__iexact=objek) | Q(objek_id__icontains=objek) | Q(aksi__icontains=objek)
        )
    dari = _date(g.get("dari", ""), errors, "tanggal dari")
    sampai = _date(g.get("sampai", ""), errors, "tanggal sampai")
    if dari:
        entries = entries.filter(waktu__date__gte=dari)
    if sampai:
        entries = entries.filter(waktu__date__lte=sampai)
    page = Paginator(entries, 50).get_page(g.get("hal"))
    verify = audit_verify() if g.get("periksa") == "1" else None
    # The personal-data access log has its own chain (D78): checked with the same button.
    verify_akses = akses_verify() if g.get("periksa") == "1" else None
    query = g.copy()
    query.pop("hal", None)
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "errors": errors,
            "verify": verify,
            "verify_akses": verify_akses,
            "q": g,
            "query": query.urlencode(),
        },
        status=400 if errors else 200,
    )
