"""The log of looks at personal data (UU 27/2022), for the auditor, the Kepala Dinas and admin."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.audit.models import AksesDataPribadi
from kinerja.organisation.permissions import Area, require_view

from ..forms import AksesFilter


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@login_required
def akses_log(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.AUDIT)
    form = AksesFilter(request.GET or None, jenis_choices=AksesDataPribadi.Jenis.choices)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    qs = AksesDataPribadi.objects.all()
    if d.get("pengguna"):
        qs = qs.filter(nama_pengguna__iexact=d["pengguna"].strip())
    if d.get("jenis"):
        qs = qs.filter(jenis=d["jenis"])
    # Whole days in the deployment's time zone.
    if d.get("dari"):
        qs = qs.filter(waktu__gte=_start_of(d["dari"]))
    if d.get("sampai"):
        qs = qs.filter(waktu__lt=_start_of(d["sampai"] + dt.timedelta(days=1)))
    page = Paginator(qs.order_by("-waktu", "-pk"), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "registries/akses_log.html",
        {"form": form, "page_obj": page, "rows": page.object_list},
    )
