"""Budget lines and efficiency (capaian kinerja vs penyerapan anggaran) of a year."""

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.lib.dates import today
from kinerja.organisation.permissions import Area, require_view

from ..achievement import penyerapan
from ..models import Anggaran
from ..selectors import efficiency


@login_required
def budget_page(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.ANGGARAN)
    # By default the latest year that has budget lines (not an empty current year).
    latest = Anggaran.objects.aggregate(t=Max("tahun"))["t"] or today().year
    try:
        tahun = int(request.GET.get("tahun") or latest)
    except ValueError:
        tahun = latest
    if not 2000 <= tahun <= 2100:
        tahun = latest
    lines = [
        {"a": a, "penyerapan": penyerapan(a.pagu, a.realisasi)}
        for a in Anggaran.objects.filter(tahun=tahun)
    ]
    return render(
        request,
        "performance/budget.html",
        {"tahun": tahun, "lines": lines, "efisiensi": efficiency(tahun)},
    )
