"""What every registry list shares: the filter form, pagination in the URL, a logged CSV export."""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.lib.cells import safe_row
from kinerja.lib.dates import today
from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import can_see_nik

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    nik: bool = False  # masked in the export for roles that do not see full NIK


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_csv(
    request: HttpRequest, qs: QuerySet, columns: list[Column], *, name: str, personal: bool
) -> StreamingHttpResponse:
    """The filtered list as CSV (UTF-8 with BOM, opens in Excel); personal data exports are logged."""
    full_nik = can_see_nik(request.user)
    if personal:
        log_akses(
            user=request.user,
            jenis=AksesDataPribadi.Jenis.EKSPOR,
            objek=f"{name}: {request.GET.urlencode()}",  # masked, then cut, by log_akses
            jumlah=qs.count(),
            request=request,
        )
    writer = csv.writer(_Echo())

    def rows() -> Iterable[str]:
        yield "\ufeff" + writer.writerow([c.header for c in columns])
        for obj in qs.iterator(chunk_size=2000):
            values = []
            for c in columns:
                v = c.value(obj)
                if c.nik and not full_nik:
                    v = mask_nik(v)
                values.append("" if v is None else v)
            yield writer.writerow(safe_row(values))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{today():%Y%m%d}.csv"'
    return response


def render_list(
    request: HttpRequest,
    template: str,
    *,
    form,
    qs: QuerySet,
    context: dict | None = None,
    export: tuple[list[Column], str, bool] | None = None,
) -> HttpResponseBase:
    """Render a filtered, paginated list; `?ekspor=csv` streams the whole filtered list instead."""
    if export is not None and request.GET.get("ekspor") == "csv":
        columns, name, personal = export
        return export_csv(request, qs, columns, name=name, personal=personal)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "page_obj": page,
        "rows": page.object_list,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "can_export": export is not None,
        "lihat_nik": can_see_nik(request.user),
    }
    ctx.update(context or {})
    return render(request, template, ctx)


def edit_page(
    request: HttpRequest,
    form,
    save: Callable[[Any], Any],
    *,
    title: str,
    success_url: Callable[[Any], str],
    cancel_url: str,
    context: dict | None = None,
) -> HttpResponse:
    """Thin add/correct flow: bound form, service call, message and redirect, or the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Data tersimpan.")
            return redirect(success_url(obj))
    ctx = {"form": form, "title": title, "cancel_url": cancel_url}
    ctx.update(context or {})
    return render(request, "registries/form.html", ctx)
