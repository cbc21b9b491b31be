"""The public page `/publik/`: approved figures only, no personal data, small numbers hidden.

Figures come from the unit list frozen at approval (never the live registries), for the kota and each
kecamatan. A figure whose denominator is below `MIN_PENYEBUT` shows `< 5` in place of its numerator,
denominator and value (contract section 4). When only one kecamatan of a period is hidden, it could be
worked out from the kota figure minus the others; the next smallest kecamatan is then hidden too
(complementary suppression, shown as `*`).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from kinerja.indicators.engine import Figure, Periode, definitions_in_force, frozen_figures
from kinerja.lib.charts import Series, chart_svg
from kinerja.lib.dates import tanggal_indonesia, today
from kinerja.performance.achievement import capaian, realisasi_exact
from kinerja.performance.models import JenisTarget, Persetujuan, Status
from kinerja.performance.periods import ROMAWI
from kinerja.performance.selectors import targets_map
from kinerja.regions.models import Wilayah

MIN_PENYEBUT = 5
TRIWULAN = [
    ("", "Semua triwulan dan tahunan"),
    *((str(q), f"Triwulan {ROMAWI[q]}") for q in ROMAWI),
]
TRIWULAN.append(("tahun", "Tahunan"))


def periode_pendek(p: Periode) -> str:
    return f"Triwulan {ROMAWI[p.triwulan]}" if p.triwulan else "Tahunan"


@dataclass(frozen=True)
class Sel:
    """One public cell: hidden (`kecil`) when the denominator is below MIN_PENYEBUT."""

    numerator: int | None
    denominator: int | None
    value: Decimal | None
    kecil: bool = False
    ada: bool = True  # False: no approved figure for this period
    pelengkap: bool = False  # hidden so that a hidden neighbour cannot be worked out

    @classmethod
    def of(cls, fig: Figure | None) -> "Sel":
        if fig is None:
            return cls(None, None, None, ada=False)
        if fig.denominator < MIN_PENYEBUT:
            return cls(None, None, None, kecil=True)
        return cls(fig.numerator, fig.denominator, fig.value)


@dataclass
class IkuPublik:
    kode: str
    nama: str
    periodes: list[Periode]
    disetujui: dict[str, dt.datetime | None]  # periode label -> approval date
    baris: list[tuple[str, str, list[Sel]]] = field(default_factory=list)  # (kode, nama, cells)
    target: list[Decimal | None] = field(default_factory=list)  # the kota's PK target per period
    capaian: list[Decimal | None] = field(default_factory=list)  # the kota's achievement per period
    grafik: str = ""

    @property
    def kolom(self) -> list[str]:
        return [periode_pendek(p) for p in self.periodes]

    @property
    def catatan(self) -> list[str]:
        """`Triwulan I: disetujui 3 Juli 2025`, per approved period, in the deployment's date."""
        return [
            f"{periode_pendek(p)}: disetujui {tanggal_indonesia(timezone.localdate(tgl))}"
            for p in self.periodes
            if (tgl := self.disetujui.get(p.label)) is not None
        ]


class PeriodeFilter(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int, required=False)
    triwulan = forms.ChoiceField(label="Periode", choices=TRIWULAN, required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tahun"]).choices = [(y, str(y)) for y in years]


def approved_years() -> list[int]:
    rows = Persetujuan.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH, status=Status.APPROVED
    ).values_list("tahun", flat=True)
    # The latest year with an approved figure comes first: it is what the page shows by default.
    return sorted(set(rows), reverse=True) or [today().year]


def _periodes(tahun: int, triwulan: str) -> list[Periode]:
    if triwulan == "tahun":
        return [Periode(tahun)]
    if triwulan:
        return [Periode(tahun, int(triwulan))]
    return [Periode(tahun, q) for q in (1, 2, 3, 4)] + [Periode(tahun)]


def public_figures(periodes: list[Periode]) -> list[IkuPublik]:
    """Per IKU in force at the last period: kota and kecamatan figures of approved periods only."""
    k = settings.KINERJA_KODE_WILAYAH
    approvals = Persetujuan.objects.filter(
        kode_kabkota=k,
        status=Status.APPROVED,
        tahun__in={p.tahun for p in periodes},
    ).exclude(beku_ref="")
    by_key = {(a.indikator_kode, a.tahun, a.triwulan): a for a in approvals}
    if not by_key:
        return []
    regions = [(k, "Kota")] + [
        (kode, f"Kec. {nama}")
        for kode, nama in Wilayah.objects.in_kabkota(k).kecamatan().values_list("kode", "nama")
    ]
    targets = targets_map({p.tahun for p in periodes})
    result = []
    for ind in definitions_in_force(max(p.akhir for p in periodes)):
        frozen: dict[str, dict[str, Figure]] = {}
        disetujui = {}
        for p in periodes:
            a = by_key.get((ind.kode, p.tahun, p.triwulan))
            if a is None:
                continue
            figs = frozen_figures(int(a.beku_ref), ind.kode, p, "kecamatan", "default")
            frozen[p.label] = {f.wilayah: f for f in figs}
            disetujui[p.label] = a.disetujui_pada
        if not frozen:
            continue
        item = IkuPublik(ind.kode, ind.indikator.nama, periodes, disetujui)
        for kode, nama in regions:
            cells = [
                Sel.of(frozen[p.label].get(kode)) if p.label in frozen else Sel.of(None)
                for p in periodes
            ]
            item.baris.append((kode, nama, cells))
        _hide_complements(item)
        _target_capaian(item, targets, ind.indikator.polaritas)
        item.grafik = _chart(item, regions)
        result.append(item)
    return result


def _target_capaian(item: IkuPublik, targets: dict, polaritas: str) -> None:
    """Beside the kota's realisation: its PK target and achievement, only where the kota figure is
    shown (an approved figure, not hidden as small)."""
    kota = item.baris[0][2]
    for p, sel in zip(item.periodes, kota, strict=True):
        shown = sel.ada and not sel.kecil
        t = targets.get((item.kode, p.tahun, p.triwulan, JenisTarget.PK)) if shown else None
        item.target.append(t)
        exact = realisasi_exact(sel.numerator, sel.denominator) if shown else None
        item.capaian.append(capaian(exact, t, polaritas))


def _hide_complements(item: IkuPublik) -> None:
    """Per period: one hidden kecamatan beside a shown kota total -> hide the smallest shown one."""
    kota, kecamatan = item.baris[0], item.baris[1:]
    for i in range(len(item.periodes)):
        if not kota[2][i].ada or kota[2][i].kecil:
            continue
        if sum(1 for _, _, cells in kecamatan if cells[i].kecil) != 1:
            continue
        shown = [cells for _, _, cells in kecamatan if cells[i].ada and not cells[i].kecil]
        if shown:
            smallest = min(shown, key=lambda cells: cells[i].denominator or 0)
            smallest[i] = Sel(None, None, None, kecil=True, pelengkap=True)


def _chart(item: IkuPublik, regions: list[tuple[str, str]]) -> str:
    """Bars per region, one series per period; hidden (< 5) and unapproved figures draw no bar."""
    series = []
    for i, p in enumerate(item.periodes):
        if p.label not in item.disetujui:
            continue
        values = [cells[i].value for _, _, cells in item.baris]
        series.append(Series(periode_pendek(p), values, "bar"))
    svg = chart_svg(
        title=f"{item.kode} per wilayah (%)",
        categories=[nama.replace("Kec. ", "") for _, nama in regions],
        series=series,
        y_max=100,
    )
    return mark_safe(svg)  # noqa: S308 - built from our own numbers (chart ids are unique)


def chosen(request: HttpRequest) -> tuple[PeriodeFilter, int, list[Periode]]:
    """The filter, its year and periods: the latest year with an approved figure by default."""
    years = approved_years()
    form = PeriodeFilter(request.GET or None, years=years)
    form.is_valid()
    d = getattr(form, "cleaned_data", {})
    tahun = d.get("tahun") or years[0]
    return form, tahun, _periodes(tahun, d.get("triwulan") or "")


def publik(request: HttpRequest) -> HttpResponse:
    """Open to everyone: no login, no personal data."""
    form, tahun, periodes = chosen(request)
    nama = (
        periode_pendek(periodes[0]) + f" {tahun}"
        if len(periodes) == 1
        else f"Tahun {tahun} (triwulan dan tahunan)"
    )
    ctx = {
        "form": form,
        "iku": public_figures(periodes),
        "periodes": periodes,
        "periode_nama": nama,
        "min_penyebut": MIN_PENYEBUT,
        "query": request.GET.urlencode(),
    }
    return render(request, "web/publik.html", ctx)
