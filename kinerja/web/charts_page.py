"""One IKU in charts: realisasi against target per quarter, by kecamatan and kelurahan, and the
numerator and denominator over the years. Each chart has its table and SVG/PNG/CSV downloads."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.indicators.engine import Periode, compute_figures
from kinerja.indicators.selectors import catalogue_years, renstra_years, years_until_now
from kinerja.lib.cells import safe_row
from kinerja.lib.charts import Series, chart_svg, svg_to_png
from kinerja.lib.dates import today
from kinerja.performance.periods import ROMAWI, periode_nama
from kinerja.performance.selectors import capaian_for
from kinerja.performance.services.catalogue import indikator_for
from kinerja.regions.models import Wilayah

from .dashboard import _periode


@dataclass
class Grafik:
    slug: str
    judul: str
    kolom: list[str]
    baris: list[list[object]]
    svg: str


def _lists(rows: Sequence[tuple[object, ...]]) -> list[list[object]]:
    """The table's rows as lists (rows are built as typed tuples for the chart)."""
    return [list(r) for r in rows]


def _triwulan(kode: str, tahun: int) -> Grafik:
    rows = []
    for q in (1, 2, 3, 4):
        c = capaian_for(kode, Periode(tahun, q))
        rows.append((f"TW {ROMAWI[q]}", c.realisasi if c else None, c.target if c else None))
    svg = chart_svg(
        title=f"{kode} {tahun}: realisasi dan target per triwulan (kumulatif)",
        categories=[r[0] for r in rows],
        series=[
            Series("Realisasi", [r[1] for r in rows]),
            Series("Target PK", [r[2] for r in rows], kind="line", color="#e07b00"),
        ],
    )
    return Grafik(
        "triwulan",
        "Per triwulan",
        ["Triwulan", "Realisasi (%)", "Target PK (%)"],
        _lists(rows),
        svg,
    )


def _wilayah(kode: str, periode: Periode, tingkat: str) -> Grafik:
    names = dict(Wilayah.objects.filter(tingkat=tingkat).values_list("kode", "nama"))
    figs = [
        f
        for f in compute_figures(periode.tahun, periode.triwulan, level="kelurahan", kode=kode)
        if f.tingkat == tingkat
    ]
    rows = [(names.get(f.wilayah, f.wilayah), f.numerator, f.denominator, f.value) for f in figs]
    svg = chart_svg(
        title=f"{kode} {periode_nama(periode)} per {tingkat}",
        categories=[r[0] for r in rows],
        series=[Series("Realisasi", [r[3] for r in rows])],
        width=900 if tingkat == "kelurahan" else 720,
        height=360 if tingkat == "kelurahan" else 300,
    )
    return Grafik(
        tingkat,
        f"Per {tingkat}",
        [tingkat.title(), "Pembilang", "Penyebut", "Nilai (%)"],
        _lists(rows),
        svg,
    )


def _tahunan(kode: str, last_year: int) -> Grafik:
    rows = []
    for y in range(renstra_years(last_year).start, last_year + 1):
        c = capaian_for(kode, Periode(y))
        fig = c.reported if c else None
        rows.append((str(y), fig.numerator if fig else None, fig.denominator if fig else None))
    svg = chart_svg(
        title=f"{kode}: pembilang dan penyebut per tahun",
        categories=[r[0] for r in rows],
        series=[
            Series("Pembilang", [r[1] for r in rows]),
            Series("Penyebut", [r[2] for r in rows]),
        ],
        y_label="jumlah",
    )
    return Grafik(
        "tahunan", "Pembilang dan penyebut", ["Tahun", "Pembilang", "Penyebut"], _lists(rows), svg
    )


@login_required
def grafik_iku(request: HttpRequest, kode: str) -> HttpResponse:
    periode, warning = _periode(request)
    ind = indikator_for(kode, periode)
    if ind is None:
        raise Http404("Indikator tidak dikenal untuk periode ini.")
    grafik = [
        _triwulan(ind.kode, periode.tahun),
        _wilayah(ind.kode, periode, "kecamatan"),
        _wilayah(ind.kode, periode, "kelurahan"),
        _tahunan(ind.kode, min(periode.tahun, today().year)),
    ]
    unduh, fmt = request.GET.get("unduh"), request.GET.get("format")
    if unduh:
        g = next((g for g in grafik if g.slug == unduh), None)
        if g is None or fmt not in ("svg", "png", "csv"):
            raise Http404("Unduhan tidak dikenal.")
        return _download(g, fmt, f"{ind.kode}-{g.slug}-{periode.label}")
    ctx = {
        "ind": ind,
        "periode": periode,
        "periode_nama": periode_nama(periode),
        "warning": warning,
        "grafik": grafik,
        "years": list(years_until_now(catalogue_years())),
    }
    return render(request, "web/grafik.html", ctx)


def _download(g: Grafik, fmt: str, name: str) -> HttpResponse:
    if fmt == "svg":
        response = HttpResponse(g.svg, content_type="image/svg+xml")
    elif fmt == "png":
        response = HttpResponse(svg_to_png(g.svg), content_type="image/png")
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(safe_row(g.kolom))
        # Region names come from the region tables, editable by people: never a live formula.
        writer.writerows(safe_row(r) for r in g.baris)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
