"""Reads behind the dashboards: which period to show, each IKU's card, its trend."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.db.models import Max

from kinerja.audit.models import AuditEntry
from kinerja.indicators.engine import (
    KualitasData,
    Periode,
    cached_call,
    data_quality,
    kota_figures,
)
from kinerja.indicators.models import Indikator
from kinerja.indicators.selectors import catalogue_years, renstra_years
from kinerja.lib.charts import Series, chart_svg
from kinerja.lib.dates import today
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import bidang_kode
from kinerja.performance.selectors import Capaian, capaian_many
from kinerja.performance.services.catalogue import keputusan_for
from kinerja.registries.models import Layanan


def latest_data_periode() -> Periode:
    """The latest quarter that has begun and holds any service, else the current quarter."""
    now = today()
    # A scan of every service: kept under the registries' change counter, like the figures (D221).
    last = cached_call(
        "tanggal_layanan_terakhir",
        (now.isoformat(),),
        lambda: Layanan.objects.filter(tanggal__lte=now).aggregate(m=Max("tanggal"))["m"],
    )
    last = last or now
    return Periode(last.year, (last.month - 1) // 3 + 1)


def periode_from_query(tahun: str | None, triwulan: str | None) -> Periode | None:
    """The period asked for in the URL, or None when the values are not a valid period."""
    try:
        year = int(tahun) if tahun else None
        quarter = int(triwulan) if triwulan else None
        if year is None or year not in catalogue_years():
            return None
        return Periode(year, quarter)
    except ValueError:
        return None


@dataclass
class Kartu:
    """One IKU on a dashboard."""

    capaian: Capaian
    trend: list[Capaian] = field(default_factory=list)
    kualitas: KualitasData | None = None

    @property
    def indikator(self) -> Indikator:
        return self.capaian.indikator

    @property
    def band_css(self) -> str:
        return (self.capaian.band or "kosong").replace(" ", "-")

    def chart(self) -> str:
        years = [str(c.periode.tahun) for c in self.trend]
        return chart_svg(
            title=f"{self.indikator.kode}: realisasi dan target PK per tahun",
            categories=years,
            series=[
                Series("Realisasi", [c.realisasi for c in self.trend]),
                Series("Target PK", [c.target for c in self.trend], kind="line", color="#e07b00"),
            ],
            width=520,
            height=240,
        )


def indikator_for_user(user, periode: Periode) -> list[Indikator]:
    keputusan = keputusan_for(periode)
    if keputusan is None:
        return []
    qs = keputusan.indikator.select_related("bidang", "keputusan").order_by("urutan")
    if getattr(user, "role", None) in (Role.STAF, Role.KABID):
        qs = qs.filter(bidang__kode=bidang_kode(user))
    return list(qs)


def kartu_list(user, periode: Periode, *, with_quality: bool = False) -> list[Kartu]:
    """The cards of `user`'s indicators. Cached under the registries' change counter (inside
    cached_call) and the audit log's last entry, which every change to targets, approvals, analyses,
    band scales and definitions writes: a card is never older than the data behind it."""
    inds = indikator_for_user(user, periode)
    last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    key = (tuple(i.pk for i in inds), periode.label, with_quality, today().isoformat(), last_audit)
    return cached_call("kartu", key, lambda: _kartu_list(inds, periode, with_quality))


def _kartu_list(inds: list[Indikator], periode: Periode, with_quality: bool) -> list[Kartu]:
    cards = []
    last_year = min(periode.tahun, today().year)
    years = [Periode(y) for y in range(renstra_years(periode.tahun).start, last_year + 1)]
    # Every card's figures (the period and each year of the trend) asked of the engine at once:
    # one refresh of the summaries and one read per indicator and year, not one per figure (D220).
    kodes = [i.kode for i in inds]
    live = kota_figures(kodes, [periode, *years])
    capaian = capaian_many(kodes, [periode, *years], live)
    for ind in inds:
        c = capaian.get((ind.kode, periode.label))
        if c is None:
            continue
        trend = [capaian.get((ind.kode, y.label)) for y in years]
        kualitas = None
        if with_quality:
            kualitas = cached_call(
                "kualitas", (ind.kode, periode.label), partial(_quality, ind.kode, periode)
            )
        cards.append(Kartu(c, [t for t in trend if t is not None], kualitas))
    return cards


def _quality(kode: str, periode: Periode) -> KualitasData | None:
    try:
        return data_quality(kode, periode)
    except LookupError:  # an indicator of the catalogue without a computable definition
        return None


def trend_rows(kartu: Kartu) -> list[dict[str, Decimal | int | str | None]]:
    return [
        {
            "tahun": c.periode.tahun,
            "pembilang": c.reported.numerator if c.reported else None,
            "penyebut": c.reported.denominator if c.reported else None,
            "realisasi": c.realisasi,
            "target": c.target,
            "capaian": c.achievement,
            "predikat": c.band,
            "status": c.status,
        }
        for c in kartu.trend
    ]
