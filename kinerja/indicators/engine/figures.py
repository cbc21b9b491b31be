"""Figures: stage 1 + stage 2 for any period, level, reading and split, live or from a frozen list."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from kinerja.lib.numbers import percentage
from kinerja.regions.models import Wilayah

from ..models import Hitung
from .aggregate import Counts, Result, aggregate_sql, run_aggregate
from .cache import cached_counts, cached_counts_many
from .definitions import IndicatorDefinition, definitions_in_force, kode_kabkota
from .periods import Periode
from .ringkasan import summarised
from .sqlrun import run_sql
from .totals import summary_counts, summary_counts_many
from .units import JENIS_KELAMIN, KELOMPOK_UMUR, unit_query

LEVELS = ("kota", "kecamatan", "kelurahan")
SPLIT_VALUES = {"jenis_kelamin": JENIS_KELAMIN, "kelompok_umur": KELOMPOK_UMUR}


@dataclass(frozen=True)
class Figure:
    """One figure (the product's only figure type), with what it needs to explain itself: the
    definition id and catalogue version. A figure read back from an approval's stored counts
    carries only its numerator and denominator."""

    numerator: int
    denominator: int
    periode: Periode
    indikator: str = ""
    wilayah: str = ""
    tingkat: str = "kota"
    bacaan: str = "default"
    definisi_id: int | None = None
    keputusan_versi: int | None = None
    split: str | None = None
    split_value: str | None = None

    @property
    def value(self) -> Decimal | None:
        """Rounded half up to two decimals; None for a zero denominator (contract section 2)."""
        return percentage(self.numerator, self.denominator)

    @property
    def exact(self) -> Fraction | None:
        """The unrounded realisasi, from which capaian is computed (contract section 3)."""
        if not self.denominator:
            return None
        return Fraction(self.numerator * 100, self.denominator)


def regions_for_level(level: str, kabkota: str | None = None) -> list[tuple[str, str]]:
    """(kode, tingkat) of every region of `level`, kota first, then by code."""
    if level not in LEVELS:
        raise ValueError(f"tingkat tidak dikenal: {level}")
    k = kabkota or kode_kabkota()
    regions = [(k, "kota")]
    wanted = LEVELS[1 : LEVELS.index(level) + 1]
    regions += list(
        Wilayah.objects.in_kabkota(k).filter(tingkat__in=wanted).values_list("kode", "tingkat")
    )
    return sorted(regions)


def pick(ind: IndicatorDefinition, bacaan: str, c: Counts) -> tuple[int, int]:
    """(numerator, denominator) of a reading from the shared counts."""
    if bacaan == "literal":
        if ind.literal.hitung == Hitung.JENIS:
            return c.numerator_jenis, c.denominator_jenis
        return c.numerator_literal, c.denominator
    return c.numerator, c.denominator


def _needs_types(ind: IndicatorDefinition) -> bool:
    return Hitung.JENIS in (ind.default.hitung, ind.literal.hitung)


def live_counts(
    ind: IndicatorDefinition, periodes: list[Periode], split: str | None = None
) -> Result:
    """Counts of both readings for every region, cached under the registries' change counter.

    The one way to count: totals of a summarised family come from its unit summary of the year
    (engine/totals.py over engine/ringkasan.py); splits, and PSKS (IKU-1: hundreds of units, no
    summary), from the two-stage SQL (units.py + aggregate.py) that drill-down and freezing use too.
    """
    k = kode_kabkota()

    def compute() -> Result:
        if split is None and summarised(ind):
            return summary_counts(ind, periodes, k)
        q, stage1 = unit_query(ind, periodes, k)
        return run_aggregate(aggregate_sql(q, stage1, k, split, _needs_types(ind)), run_sql)

    return cached_counts(ind, periodes, str(split), k, compute)


def live_counts_many(jobs: list[tuple[IndicatorDefinition, list[Periode]]]) -> list[Result]:
    """`live_counts` (no split) of several (indicator, periods of one year), the same counts under
    the same cache keys; the summarised ones not cached are read under one refresh (D220)."""
    k = kode_kabkota()

    def compute(indexes: list[int]) -> list[Result]:
        summarised_jobs = [i for i in indexes if summarised(jobs[i][0])]
        results = dict(
            zip(
                summarised_jobs,
                summary_counts_many([jobs[i] for i in summarised_jobs], k),
                strict=True,
            )
        )
        for i in indexes:
            if i not in results:
                ind, ps = jobs[i]
                q, stage1 = unit_query(ind, ps, k)
                results[i] = run_aggregate(
                    aggregate_sql(q, stage1, k, None, _needs_types(ind)), run_sql
                )
        return [results[i] for i in indexes]

    return cached_counts_many(jobs, str(None), k, compute)


def kota_figures(
    kodes: list[str], periodes: list[Periode], bacaan: str = "default"
) -> dict[tuple[str, str], Figure]:
    """The kota figure of each indicator of `kodes` in each of `periodes` (of any years), keyed by
    (kode, period label): what a dashboard asks, computed together (D220). Each is the figure
    `compute_figures(..., level="kota", kode=kode)` gives, from the same counts and cache."""
    k = kode_kabkota()
    wanted = set(kodes)
    by_year: dict[int, list[Periode]] = defaultdict(list)
    for p in dict.fromkeys(periodes):
        by_year[p.tahun].append(p)
    jobs = [
        (ind, ps)
        for _year, year_periodes in sorted(by_year.items())
        for ind, ps in _grouped(year_periodes, None)
        if ind.kode in wanted
    ]
    out: dict[tuple[str, str], Figure] = {}
    for (ind, ps), counts in zip(jobs, live_counts_many(jobs), strict=True):
        for f in build_figures(ind, counts, ps, [(k, "kota")], bacaan):
            out[(f.indikator, f.periode.label)] = f
    return out


def build_figures(
    ind: IndicatorDefinition,
    counts: Result,
    periodes: list[Periode],
    regions: list[tuple[str, str]],
    bacaan: str,
    split: str | None = None,
) -> list[Figure]:
    """Every region of the level gets a figure, 0 / 0 when it has no data."""
    defn = ind.reading(bacaan)
    split_values = SPLIT_VALUES[split] if split else (None,)
    figures = []
    for periode in periodes:
        for kode, tingkat in regions:
            for sv in split_values:
                c = counts.get((periode.label, tingkat, kode, sv), Counts())
                num, den = pick(ind, bacaan, c)
                figures.append(
                    Figure(
                        num,
                        den,
                        indikator=ind.kode,
                        wilayah=kode,
                        tingkat=tingkat,
                        periode=periode,
                        bacaan=bacaan,
                        definisi_id=defn.pk,
                        keputusan_versi=ind.keputusan_versi,
                        split=split,
                        split_value=sv,
                    )  # fmt: skip
                )
    return figures


def _grouped(
    periodes: list[Periode], kode: str | None
) -> list[tuple[IndicatorDefinition, list[Periode]]]:
    """Periods grouped by the definitions in force at their ends (a catalogue may change mid-year)."""
    groups: dict[tuple[int, int], list[Periode]] = defaultdict(list)
    inds: dict[tuple[int, int], IndicatorDefinition] = {}
    for p in periodes:
        for ind in definitions_in_force(p.akhir, kode):
            key = (ind.default.pk, ind.literal.pk)
            inds[key] = ind
            groups[key].append(p)
    return [(inds[key], ps) for key, ps in groups.items()]


def compute_figures(
    tahun: int,
    triwulan: int | None = None,
    level: str = "kota",
    bacaan: str = "default",
    kode: str | None = None,
    split: str | None = None,
) -> list[Figure]:
    """Every indicator's figures for one period, ordered by indicator then region code."""
    return compute_periods([Periode(tahun, triwulan)], level, (bacaan,), kode, split)


def compute_periods(
    periodes: list[Periode],
    level: str = "kota",
    bacaans: tuple[str, ...] = ("default",),
    kode: str | None = None,
    split: str | None = None,
) -> list[Figure]:
    """Figures for several periods of one year; one SQL query per indicator."""
    regions = regions_for_level(level)
    figures = []
    urutan: dict[str, tuple[int, str]] = {}
    for ind, ps in _grouped(periodes, kode):
        urutan[ind.kode] = (ind.indikator.urutan, ind.kode)
        counts = live_counts(ind, ps, split)
        for bacaan in bacaans:
            figures += build_figures(ind, counts, ps, regions, bacaan, split)
    order = {p: i for i, p in enumerate(periodes)}
    figures.sort(key=lambda f: (urutan[f.indikator], order[f.periode], f.bacaan, f.wilayah))
    return figures


def figure_row(fig: Figure) -> dict[str, object]:
    """One row of `kinerja compute --format json` (contract section 3). Extend here."""
    value = fig.value
    return {
        "indicator": fig.indikator,
        "region": fig.wilayah,
        "period": fig.periode.label,
        "numerator": fig.numerator,
        "denominator": fig.denominator,
        "value": float(value) if value is not None else None,
    }
