"""The documents: one page listing them for a chosen period; a download queues the document for the
background worker and shows its progress page, then the file (D170).

Every signed-in role may download: the documents hold aggregate figures only, no personal data, so
downloads are not written to the audit log (the drill-down exports, which hold NIK, are).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinerja.indicators.selectors import catalogue_years, years_until_now
from kinerja.lib.dates import today

from . import jobs
from .render import CONTENT_TYPES
from .services import BUILDERS
from .tasks import make_document

# (kind, name, what it holds, needs a quarter)
DOCUMENTS = (
    ("iku", "Indikator Kinerja Utama (IKU)", "Lampiran keputusan IKU yang berlaku", False),
    ("pk", "Perjanjian Kinerja (PK)", "Pernyataan, target tahunan dan triwulan, program", False),
    ("pk-jabatan", "PK seluruh jabatan", "PK terbaru tiap jabatan, Kepala Dinas s.d. Seksi", False),
    ("lkjip", "LKjIP", "Laporan kinerja tahunan: Bab I-IV dan Ikhtisar Eksekutif", False),
    ("spm", "Laporan SPM Bidang Sosial", "IKU-2 per jenis PPKS dan IKU-4, kumulatif", True),
    ("rekap", "Rekap per wilayah", "Semua IKU per kecamatan dan kelurahan, dua bacaan", True),
    (
        "lke",
        "Lembar Kerja Evaluasi (LKE)",
        "Penilaian mandiri dan nilai evaluator per kriteria",
        False,
    ),
)


def _period(request: HttpRequest) -> tuple[int, int | None] | None:
    """The year and quarter asked for; None when they are not a valid period."""
    try:
        tahun = int(request.GET.get("tahun") or today().year - 1)
        tw = request.GET.get("triwulan") or ""
        triwulan = int(tw) if tw else None
    except ValueError:
        return None
    if tahun not in years_until_now(catalogue_years()) or triwulan not in (None, 1, 2, 3, 4):
        return None
    return tahun, triwulan


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    warning = None
    if period is None:
        warning = _("Periode tidak valid; ditampilkan tahun lalu.")
        period = (today().year - 1, None)
    tahun, triwulan = period
    query = f"tahun={tahun}" + (f"&triwulan={triwulan}" if triwulan else "")
    context = {
        "tahun": tahun,
        "triwulan": triwulan,
        "warning": warning,
        "query": query,
        "documents": DOCUMENTS,
        "formats": ("pdf", "docx", "xlsx"),
        "years": years_until_now(catalogue_years()),
    }
    return render(request, "reports/daftar.html", context)


@login_required
@require_GET
def unduh(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """Queue the document for the background worker and go to its progress page (D170)."""
    if kind not in BUILDERS or fmt not in CONTENT_TYPES:
        raise Http404(_("Dokumen tidak dikenal."))
    period = _period(request)
    if period is None:
        return HttpResponseBadRequest(_("Periode tidak valid."))
    tahun, triwulan = period
    assert request.user.pk is not None  # login_required
    token = jobs.create(user_id=request.user.pk, kind=kind, fmt=fmt, tahun=tahun, triwulan=triwulan)
    make_document.enqueue(token)
    return redirect("dokumen:tugas", token=token)


def _job_of(request: HttpRequest, token: str) -> dict:
    job = jobs.read(token)
    if job is None:
        raise Http404(_("Permintaan dokumen tidak ditemukan atau sudah dihapus."))
    if job["user_id"] != request.user.pk:
        raise PermissionDenied(_("Dokumen ini diminta oleh pengguna lain."))
    return job


@login_required
@require_GET
def tugas(request: HttpRequest, token: str) -> HttpResponse:
    """The progress page: reloads itself every 2 seconds until the document is ready."""
    job = _job_of(request, token)
    nama = dict((k, n) for k, n, *_ in DOCUMENTS).get(job["kind"], job["kind"])
    context = {"job": job, "token": token, "nama": nama, "file_name": jobs.file_name(job)}
    return render(request, "reports/tugas.html", context)


@login_required
@require_GET
def tugas_unduh(request: HttpRequest, token: str) -> HttpResponseBase:
    job = _job_of(request, token)
    path = jobs.file_path(token, job)
    if job["status"] != jobs.SELESAI or not path.is_file():
        return redirect("dokumen:tugas", token=token)
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[job["fmt"]])
    response["Content-Disposition"] = f'attachment; filename="{jobs.file_name(job)}"'
    return response
