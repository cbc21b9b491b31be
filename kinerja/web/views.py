"""Public home page and the signed-in landing page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.indicators.selectors import keputusan_in_force, sasaran_with_indikator
from kinerja.organisation.permissions import Area, can_change, can_view


def home(request: HttpRequest) -> HttpResponse:
    keputusan = keputusan_in_force()
    sasaran = list(sasaran_with_indikator(keputusan)) if keputusan else []
    return render(request, "web/home.html", {"keputusan": keputusan, "sasaran": sasaran})


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    user = request.user
    areas = [
        {"area": area, "ubah": can_change(user, area)} for area in Area if can_view(user, area)
    ]
    return render(request, "web/beranda.html", {"areas": areas})
