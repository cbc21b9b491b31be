"""Figures: stage 1 + stage 2 for any period, level, reading and split, live or from a frozen list."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from kinerja.lib.numbers import percentage
from kinerja.regions.models import Wilayah

from ..models import Hitung
from .aggregate import Counts, Result, aggregate_sql, run_aggregate
from .cache import cached_counts
from .definitions import IndicatorDefinition, definitions_in_force, kode_kabkota
from .fastpath import fast_counts, summary_counts
from .periods import Periode, periods_of_year
from .ringkasan import summarised
from .sqlparts import Sql, With
from .sqlrun import run_sql as _execute
from .units import JENIS_KELAMIN, KELOMPOK_UMUR, T_UNIT_BEKU, frozen_query, unit_query

LEVELS = ("kota", "kecamatan", "kelurahan")
SPLIT_VALUES = {"jenis_kelamin": JENIS_KELAMIN, "kelompok_umur": KELOMPOK_UMUR}


@dataclass(frozen=True)
class Figure:
    """One figure, with what it needs to explain itself (definition id and catalogue version)."""

    indikator: str
    wilayah: str
    tingkat: str
    periode: Periode
    bacaan: str
    numerator: int
    denominator: int
    definisi_id: int
    keputusan_versi: int
    split: str | None = None
    split_value: str | None = None

    @property
    def value(self) -> Decimal | None:
        return percentage(self.numerator, self.denominator)


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
    ind: IndicatorDefinition,
    periodes: list[Periode],
    split: str | None = None,
    execute=None,
    generic: bool = False,
    cached: bool = True,
) -> Result:
    """Counts of both readings for every region. Without a split: from the unit summary of the year
    (engine/ringkasan.py) or, for PSKS and with an explicit `execute`, by the one-pass fast path
    over the registries; with a split, by the generic two-stage SQL."""
    k = kode_kabkota()

    def compute() -> Result:
        if split is None and not generic:
            if execute is None and summarised(ind):
                return summary_counts(ind, periodes, k)
            return fast_counts(ind, periodes, k, execute or _execute)
        q, stage1 = unit_query(ind, periodes, k)
        sql = aggregate_sql(q, stage1, k, split, _needs_types(ind))
        return run_aggregate(sql, execute or _execute)

    if execute is not None or not cached:  # a benchmark or a test timing the SQL: never cached
        return compute()
    return cached_counts(ind, periodes, f"{split}|{generic}", k, compute)


def frozen_counts(
    snapshot: int, ind: IndicatorDefinition, periode: Periode, split: str | None = None
) -> Result:
    """Counts derived from a stored list of unit rows (`UnitBeku` rows of `snapshot`)."""
    q, stage1 = frozen_query(snapshot, periode.label)
    sql = aggregate_sql(q, stage1, kode_kabkota(), split, _needs_types(ind))
    return run_aggregate(sql, _execute)


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
                        ind.kode,
                        kode,
                        tingkat,
                        periode,
                        bacaan,
                        num,
                        den,
                        defn.pk,
                        ind.keputusan_versi,
                        split,
                        sv,
                    )  # fmt: skip
                )
    return figures


def _grouped(periodes: list[Periode], kode: str | None):
    """Periods grouped by the definitions in force at their ends (a catalogue may change mid-year)."""
    groups: dict = defaultdict(list)
    inds: dict = {}
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
    execute=None,
    cached: bool = True,
) -> list[Figure]:
    """Figures for several periods of one year; one SQL query per indicator."""
    regions = regions_for_level(level)
    figures = []
    urutan: dict[str, tuple[int, str]] = {}
    for ind, ps in _grouped(periodes, kode):
        urutan[ind.kode] = (ind.indikator.urutan, ind.kode)
        counts = live_counts(ind, ps, split, execute, cached=cached)
        for bacaan in bacaans:
            figures += build_figures(ind, counts, ps, regions, bacaan, split)
    order = {p: i for i, p in enumerate(periodes)}
    figures.sort(key=lambda f: (urutan[f.indikator], order[f.periode], f.bacaan, f.wilayah))
    return figures


def compute_year(
    tahun: int, level: str = "kelurahan", execute=None, cached: bool = True
) -> list[Figure]:
    """The full figure set of a year: every IKU x (Q1..Q4, year) x region x both readings."""
    return compute_periods(
        periods_of_year(tahun), level, ("default", "literal"), execute=execute, cached=cached
    )


def frozen_figures(
    snapshot: int,
    ind: IndicatorDefinition,
    periode: Periode,
    level: str = "kota",
    bacaan: str = "default",
    split: str | None = None,
) -> list[Figure]:
    counts = frozen_counts(snapshot, ind, periode, split)
    return build_figures(ind, counts, [periode], regions_for_level(level), bacaan, split)


def freeze_units(snapshot: int, ind: IndicatorDefinition, periode: Periode) -> int:
    """Store the unit rows behind `ind` for `periode` under `snapshot`, in one INSERT ... SELECT."""
    q, stage1 = unit_query(ind, [periode], kode_kabkota())
    q = With(list(q.ctes))
    q.cte("u", stage1)
    cols = (
        "snapshot, unit_id, orang_id, jenis, kelurahan, kecamatan, jenis_kelamin,"
        " kelompok_umur, pembilang, pembilang_literal"
    )
    sql = q.render(
        Sql(
            f"INSERT INTO {T_UNIT_BEKU} ({cols}) SELECT %s, unit_id, orang_id, jenis, kelurahan,"
            " kecamatan, jenis_kelamin, kelompok_umur, pembilang, pembilang_literal FROM u",
            snapshot,
        )
    )
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)
        return cur.rowcount


def figure_row(fig: Figure) -> dict:
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
