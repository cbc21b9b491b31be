"""The perencana's target grid: indicators x years, Renstra, PK year and PK quarters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.indicators.selectors import renstra_years
from kinerja.lib.dates import today
from kinerja.lib.numbers import format_persen
from kinerja.organisation.permissions import Area, can_edit_targets, require_view

from ..periods import ROMAWI
from ..selectors import targets_map
from ..services.catalogue import indikator_in_force_list
from ..services.targets import TargetInput, target_clean, target_grid_save

# (jenis, triwulan, label) per grid row of an indicator
ROWS = (
    [("renstra", None, "Renstra")]
    + [("pk", None, "PK tahunan")]
    + [("pk", q, f"PK Triwulan {ROMAWI[q]}") for q in (1, 2, 3, 4)]
)


def _name(kode: str, tahun: int, jenis: str, triwulan: int | None) -> str:
    return f"t-{kode}-{tahun}-{jenis}-{triwulan or 0}"


def _show(value) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


@login_required
def target_grid(request: HttpRequest) -> HttpResponse:
    require_view(request.user, Area.TARGET)
    editable = can_edit_targets(request.user)
    if request.method == "POST" and not editable:
        raise PermissionDenied("Hanya Perencana yang boleh mengubah target.")
    indikator = indikator_in_force_list()
    years = list(renstra_years(today().year))
    stored = targets_map(years)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        cleaned: list[tuple[tuple[str, int, int | None, str], TargetInput | None]] = []
        for ind in indikator:
            for tahun in years:
                for jenis, tw, _ in ROWS:
                    if jenis == "renstra" and tw is not None:
                        continue
                    name = _name(ind.kode, tahun, jenis, tw)
                    if name not in request.POST:
                        # A cell the form did not send is left as it is; only a cell sent
                        # empty deletes its target (issue 12: missing is not empty).
                        continue
                    raw = request.POST[name].strip()
                    posted[name] = raw
                    key = (ind.kode, tahun, tw, jenis)
                    if not raw:
                        cleaned.append((key, None))
                        continue
                    try:
                        data = target_clean(
                            indikator=ind.kode, tahun=tahun, triwulan=tw, jenis=jenis, target=raw
                        )
                    except ValidationError as exc:
                        errors[name] = "; ".join(exc.messages)
                        continue
                    cleaned.append((key, data))
        if errors:
            messages.error(
                request,
                f"{len(errors)} isian tidak valid; tidak ada yang disimpan. Perbaiki lalu simpan lagi.",
            )
        else:
            changed, deleted = target_grid_save(cells=cleaned, actor=request.user)
            messages.success(request, f"Target disimpan: {changed} diubah, {deleted} dihapus.")
            return redirect("performance:target_grid")
    table = []
    for ind in indikator:
        rows = []
        for jenis, tw, label in ROWS:
            cells = []
            for tahun in years:
                name = _name(ind.kode, tahun, jenis, tw)
                value = (
                    posted[name]
                    if name in posted
                    else _show(stored.get((ind.kode, tahun, tw, jenis)))
                )
                cells.append(
                    {"name": name, "value": value, "error": errors.get(name), "tahun": tahun}
                )
            rows.append({"label": label, "cells": cells})
        table.append({"indikator": ind, "rows": rows})
    return render(
        request,
        "performance/target_grid.html",
        {
            "table": table,
            "years": years,
            "editable": editable,
            "errors": errors,
            "fmt": format_persen,
        },
        status=400 if errors else 200,
    )
