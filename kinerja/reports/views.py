"""Download the documents: one page listing them for a chosen period, one view per file.

Every signed-in role may download: the documents hold aggregate figures only, no personal data, so
downloads are not written to the audit log (the drill-down exports, which hold NIK, are).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinerja.indicators.selectors import catalogue_years
from kinerja.lib.dates import today

from .render import CONTENT_TYPES
from .services import BUILDERS, render_document

# (kind, name, what it holds, needs a quarter)
DOCUMENTS = (
    ("iku", "Indikator Kinerja Utama (IKU)", "Lampiran keputusan IKU yang berlaku", False),
    ("pk", "Perjanjian Kinerja (PK)", "Pernyataan, target tahunan dan triwulan, program", False),
    ("pk-jabatan", "PK seluruh jabatan", "PK terbaru tiap jabatan, Kepala Dinas s.d. Seksi", False),
    ("lkjip", "LKjIP", "Laporan kinerja tahunan: Bab I-IV dan Ikhtisar Eksekutif", False),
    ("spm", "Laporan SPM Bidang Sosial", "IKU-2 per jenis PPKS dan IKU-4, kumulatif", True),
    ("rekap", "Rekap per wilayah", "Semua IKU per kecamatan dan kelurahan, dua bacaan", True),
)


def _period(request: HttpRequest) -> tuple[int, int | None] | None:
    """The year and quarter asked for; None when they are not a valid period."""
    try:
        tahun = int(request.GET.get("tahun") or today().year - 1)
        tw = request.GET.get("triwulan") or ""
        triwulan = int(tw) if tw else None
    except ValueError:
        return None
    if tahun not in catalogue_years() or triwulan not in (None, 1, 2, 3, 4):
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
        "years": catalogue_years(),
    }
    return render(request, "reports/daftar.html", context)


@login_required
@require_GET
def unduh(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in BUILDERS or fmt not in CONTENT_TYPES:
        raise Http404(_("Dokumen tidak dikenal."))
    period = _period(request)
    if period is None:
        return HttpResponseBadRequest(_("Periode tidak valid."))
    tahun, triwulan = period
    try:
        data = render_document(kind, fmt, year=tahun, quarter=triwulan)
    except ValueError as exc:  # no catalogue in force that year
        raise Http404(str(exc)) from exc
    name = f"{kind}-{tahun}" + (f"-tw{triwulan}" if triwulan else "") + f".{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
