"""The auditor reads the log: who, when and what in words, filtered, exported, and the chains'
last check shown with a button to check again."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.lib.numbers import format_angka
from kinerja.organisation.permissions import can_read_audit_log, can_see_nik

from .checks import last_check
from .export import audit_xlsx
from .forms import AuditFilterForm
from .models import AksesDataPribadi
from .selectors import audit_entries
from .services import log_akses
from .tasks import check_chains
from .wording import entri, waktu_indonesia

logger = logging.getLogger(__name__)
PAGE_SIZE = 50
EXPORT_MAX = 20_000  # entries in one XLSX (a month of a busy Dinas is a few thousand)
REFUSED = "Jejak audit hanya untuk Auditor, Kepala Dinas dan Administrator."


def _require(user) -> None:
    if not can_read_audit_log(user):
        raise PermissionDenied(REFUSED)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    form = AuditFilterForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    d = form.cleaned_data if request.GET and valid else {}
    entries = audit_entries(
        pengguna=d.get("pengguna", ""),
        aksi=d.get("aksi", ""),
        objek=d.get("objek", ""),
        dari=d.get("dari"),
        sampai=d.get("sampai"),
    )
    export_refused = ""
    if valid and request.GET.get("ekspor") == "xlsx":
        count = entries.count()
        if count <= EXPORT_MAX:
            return _export(request, entries, count)
        # A bigger file would hold a web worker for minutes: narrow the filter instead (D163).
        export_refused = (
            f"Hasil saringan berisi {format_angka(count)} entri; unduhan XLSX paling banyak "
            f"{format_angka(EXPORT_MAX)} entri. Persempit rentang tanggal atau pilih pengguna."
        )
    page = Paginator(entries if valid else entries.none(), PAGE_SIZE).get_page(
        request.GET.get("hal")
    )
    query = request.GET.copy()
    for key in ("hal", "ekspor"):
        query.pop(key, None)
    check = last_check()
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "rows": [entri(e) for e in page.object_list],
            "query": query.urlencode(),
            "check": check,
            "check_waktu": waktu_indonesia(check.waktu) if check else "",
            "export_refused": export_refused,
        },
        status=200 if valid and not export_refused else 400,
    )


def _export(request: HttpRequest, entries, count: int) -> HttpResponse:
    """NIK inside the recorded values: full for the roles that see NIK (D3), masked for the rest;
    every export is logged as a look at personal data (it may carry NIK and names)."""
    full = can_see_nik(request.user)
    log_akses(
        user=request.user,
        jenis=AksesDataPribadi.Jenis.EKSPOR,
        objek=f"jejak audit: {request.GET.urlencode()}",
        jumlah=count,
        request=request,
    )
    return audit_xlsx(entries.iterator(chunk_size=2000), mask=not full, judul="Jejak audit")


@login_required
@require_POST
def audit_check(request: HttpRequest) -> HttpResponse:
    """Ask the worker to check both chains; the page shows the result once kept (D161)."""
    _require(request.user)
    try:
        check_chains.enqueue(request.user.pk)
    except Exception:
        logger.exception("Pemeriksaan rantai tidak dapat dijadwalkan")
        messages.error(request, "Pemeriksaan tidak dapat dijadwalkan; coba lagi sebentar lagi.")
    else:
        messages.info(
            request,
            "Pemeriksaan rantai berjalan di latar belakang; hasilnya tampil di halaman ini setelah "
            "selesai (muat ulang halaman).",
        )
    back = reverse("performance:audit_log")
    query = request.POST.get("kembali", "")
    return redirect(f"{back}?{query}" if query and "\n" not in query else back)
