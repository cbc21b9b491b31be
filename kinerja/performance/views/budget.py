"""Budget lines and efficiency (capaian kinerja vs penyerapan anggaran) of a year."""

from django.contrib.auth.decorators import login_required
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
    try:
        tahun = int(request.GET.get("tahun") or today().year)
    except ValueError:
        tahun = today().year
    if not 2000 <= tahun <= 2100:
        tahun = today().year
    lines = [
        {"a": a, "penyerapan": penyerapan(a.pagu, a.realisasi)}
        for a in Anggaran.objects.filter(tahun=tahun)
    ]
    return render(
        request,
        "performance/budget.html",
        {"tahun": tahun, "lines": lines, "efisiensi": efficiency(tahun)},
    )
