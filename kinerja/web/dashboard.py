"""The signed-in landing page: one dashboard, arranged by role; chart downloads."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.evaluasi.services.tindak_lanjut import tindak_lanjut_terbuka
from kinerja.indicators.engine import Periode
from kinerja.indicators.selectors import catalogue_years
from kinerja.lib.cells import safe_text
from kinerja.lib.charts import svg_to_png
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import Area, can_view, has_role
from kinerja.performance.models.persetujuan import Status
from kinerja.performance.periods import ROMAWI, periode_nama, periode_selesai
from kinerja.performance.selectors import inbox
from kinerja.sakip.dasbor import pk_panel

from .selectors import (
    kartu_list,
    latest_data_periode,
    periode_from_query,
    trend_rows,
)


def _periode(request: HttpRequest) -> tuple[Periode, str | None]:
    tahun, triwulan = request.GET.get("tahun"), request.GET.get("triwulan")
    if not tahun and not triwulan:
        return latest_data_periode(), None
    periode = periode_from_query(tahun, triwulan)
    if periode is None:
        return (
            latest_data_periode(),
            "Periode tidak valid; ditampilkan periode terakhir yang berisi data.",
        )
    return periode, None


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    user = request.user
    periode, warning = _periode(request)
    is_bidang = has_role(user, Role.STAF, Role.KABID)
    cards = kartu_list(user, periode, with_quality=is_bidang or has_role(user, Role.AUDITOR))
    pending = [
        (ind, p, Status(status).label)
        for ind, p, status in inbox(user, [periode, Periode(periode.tahun)])
        if periode_selesai(p)
    ]
    context = {
        "periode": periode,
        "periode_nama": periode_nama(periode),
        "warning": warning,
        "cards": cards,
        "pending": pending,
        "is_bidang": is_bidang,
        "can_audit": can_view(user, Area.AUDIT),
        "can_targets": has_role(user, Role.PERENCANA, Role.ADMIN),
        "years": list(catalogue_years()),
        "tindak_lanjut": list(tindak_lanjut_terbuka(user)[:10]),
        "triwulan_romawi": [(str(q), r) for q, r in ROMAWI.items()],
        "pk_panel": pk_panel(user, periode.tahun, periode.triwulan),
    }
    return render(request, "web/dasbor.html", context)


@login_required
def grafik(request: HttpRequest, kode: str, fmt: str) -> HttpResponse:
    """The trend chart of one IKU as SVG, PNG or its numbers as CSV."""
    periode, _ = _periode(request)
    card = next((c for c in kartu_list(request.user, periode) if c.indikator.kode == kode), None)
    if card is None:
        raise Http404("Indikator tidak ditemukan untuk periode ini.")
    name = f"{kode}-tren-{periode.label}"
    if fmt == "svg":
        response = HttpResponse(card.chart(), content_type="image/svg+xml")
    elif fmt == "png":
        response = HttpResponse(svg_to_png(card.chart()), content_type="image/png")
    elif fmt == "csv":
        out = io.StringIO()
        rows = trend_rows(card)
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["tahun"])
        writer.writeheader()
        # The band (predikat) label is typed in the band scale form: never a live formula.
        writer.writerows({k: safe_text(v) for k, v in row.items()} for row in rows)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("Format tidak dikenal.")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
