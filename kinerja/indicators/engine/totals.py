"""Totals from the unit summaries: stage 2 without splits, one pass for all periods of a year.

The generic two-stage path (aggregate.py) expands every unit into one row per period and then
aggregates; for the full figure set that costs a row per unit and period. Here the stored per-unit
dates of a summary (engine/ringkasan.py) are read once, and each period is a column of conditional
sums (`SUM(CASE WHEN entered <= end(W) ...)`), grouped by region code. Unit counts add up across
regions, so kecamatan and kota totals are the sums of the (at most 21) region rows; types do not add
up, so the per-region first dates of each type are returned and combined (MIN) per level. Same
results as the generic path (`tests/test_engine_figures.py::test_summary_path_equals_generic_path`).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..models import Hitung, Keluarga, RingkasanUnit
from .aggregate import Counts, Result
from .definitions import IndicatorDefinition
from .periods import Periode, years_before
from .ringkasan import with_summaries, with_summary, year_index
from .sqlparts import Sql, With
from .sqlrun import run_sql
from .units import UnitQuery

# entered(i, period) -> the SQL condition under which a unit is counted in period i
Entered = Callable[[int, Periode], Sql]
T_RINGKASAN_UNIT = RingkasanUnit._meta.db_table


def _level_keys(wil: str | None, kabkota: str) -> list[tuple[str, str]]:
    keys = [("kota", kabkota)]
    if wil and len(wil) >= 8:
        keys.append(("kecamatan", wil[:8]))
    if wil and len(wil) > 8:
        keys.append(("kelurahan", wil))
    return keys


def _sum(cond: Sql, weight: str = "1") -> Sql:
    return Sql(", SUM(CASE WHEN ").extend(cond).add(f" THEN {weight} ELSE 0 END)")


def _unit_columns(
    periodes: list[Periode],
    entered: Entered,
    dn: str,
    dl: str,
    lahir: str | None = None,
    band: tuple[int, int] | None = None,
    weight: str = "1",
) -> Sql:
    """(den, num, lit) per period over one row per unit (or per `weight` units alike);
    `entered(i, p)` -> the unit is counted."""
    cols = Sql()
    for i, p in enumerate(periodes):
        e = p.akhir
        cond = entered(i, p)
        if band:
            cond.add(
                f" AND ({lahir} IS NULL OR ({lahir} <= %s AND {lahir} > %s))",
                years_before(e, band[0]), years_before(e, band[1] + 1),
            )  # fmt: skip
        cols.extend(_sum(cond, weight))
        cols.extend(_sum(Sql().extend(cond).add(f" AND {dn} <= %s", e), weight))
        cols.extend(_sum(Sql().extend(cond).add(f" AND {dl} <= %s", e), weight))
    return cols


# The unit rows' empty type columns (jenis, first entry, first literal numerator date).
NO_TYPE = ", CAST(NULL AS VARCHAR(100)), CAST(NULL AS DATE), CAST(NULL AS DATE)"


def _types_select(uq: UnitQuery, periodes: list[Periode]) -> Sql | None:
    """Per region and type: the first entry date and the first literal numerator date."""
    if Hitung.JENIS not in (uq.d.hitung, uq.lit.hitung):
        return None
    zeros = ", 0" * (3 * len(periodes))
    return Sql(
        "SELECT 't', b.wil, b.jenis, MIN(b.masuk), MIN(CASE WHEN b.d_lit IS NULL THEN NULL"
        f" WHEN b.d_lit >= b.masuk THEN b.d_lit ELSE b.masuk END){zeros} FROM b"
        " GROUP BY b.wil, b.jenis"
    )


def _generic(
    uq: UnitQuery, periodes: list[Periode], per_unit: bool = False, entered: Entered | None = None
) -> tuple[Sql, Sql | None]:
    """Any family with a `b` CTE (one row per unit and type): grouped per unit first (PSKS), unless
    `per_unit` (the rows are units already: a summary's victims and DTKS members, each row standing
    for `n` of them: a disaster's unserved victims are one row, D115), then units alike in everything
    counted are counted together (`n`). Victims and DTKS members have no age band."""
    band, weight = uq.band, "1"
    if per_unit:
        pu = (
            "SELECT b.wil, b.masuk, b.anggota, b.d_num AS dn, b.d_lit AS dl, SUM(b.n) AS n FROM b"
            " GROUP BY b.wil, b.masuk, b.anggota, b.d_num, b.d_lit"
        )
        band, weight = None, "pu.n"
    else:
        pu = (
            "SELECT b.unit_id, b.wil, MIN(b.lahir) AS lahir, MIN(b.masuk) AS masuk,"
            " MIN(b.d_num) AS dn, MIN(b.d_lit) AS dl FROM b GROUP BY b.unit_id, b.wil"
        )
    uq.q.cte("pu", Sql(pu))
    entered = entered or (lambda i, p: Sql("pu.masuk <= %s", p.akhir))
    cols = _unit_columns(periodes, entered, "pu.dn", "pu.dl", "pu.lahir", band, weight)
    units = Sql(f"SELECT 'u' AS src, pu.wil{NO_TYPE}").extend(cols).add(" FROM pu GROUP BY pu.wil")
    return units, _types_select(uq, periodes)


def summary_sql(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, rid: int) -> Sql:
    """Rows ('u', wil, NULL, NULL, NULL, den, num, lit per period) and, when a reading counts
    types, ('t', wil, jenis, first entry, first literal numerator date, 0...), read from a stored
    unit summary (engine/ringkasan.py)."""
    uq = UnitQuery(ind, periodes, kabkota, lean=True)
    uq.q = With()
    uq.q.cte(
        "b",
        Sql(
            "SELECT unit_id, jenis, wil, lahir, masuk, anggota, d_num, d_lit, n"
            f" FROM {T_RINGKASAN_UNIT} WHERE ringkasan_id = %s",
            rid,
        ),
    )
    family = ind.default.keluarga
    if family == Keluarga.DTKS_LAYANAN:
        index = year_index(periodes)
        units, types = _generic(
            uq, periodes, per_unit=True,
            entered=lambda i, p: Sql(f"(pu.anggota & {1 << index[p.label]}) <> 0"),
        )  # fmt: skip
    else:
        units, types = _generic(uq, periodes, per_unit=family == Keluarga.KORBAN_LAYANAN)
    if types is not None:
        units.add(" UNION ALL ").extend(types)
    return uq.q.render(units)


def summary_counts(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str) -> Result:
    """Counts of both readings for every region, from the current summary of the year (refreshed or
    built first)."""

    def read(rid: int) -> Result:
        sql = summary_sql(ind, periodes, kabkota, rid)
        return parse_rows(run_sql(sql.text, sql.params), periodes, kabkota)

    return with_summary(ind, periodes[0].tahun, kabkota, read)


def parse_rows(rows: Iterable[Sequence[Any]], periodes: list[Periode], kabkota: str) -> Result:
    """Counts per (period, level, region) from summary_sql's rows."""
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * (3 * len(periodes)))
    firsts: dict[tuple[tuple[str, str], str], tuple[dt.date | None, dt.date | None]] = {}
    for src, wil, jenis, masuk, dl, *values in rows:
        if src == "u":
            for level in _level_keys(wil, kabkota):
                acc = sums[level]
                for i, v in enumerate(values):
                    acc[i] += int(v or 0)
            continue
        masuk, dl = _as_date(masuk), _as_date(dl)
        for level in _level_keys(wil, kabkota):
            old = firsts.get((level, jenis))
            if old is None:
                firsts[(level, jenis)] = (masuk, dl)
            else:
                firsts[(level, jenis)] = (_min(old[0], masuk), _min(old[1], dl))
    result: Result = {}
    for level, acc in sums.items():
        for i, p in enumerate(periodes):
            den, num, lit = acc[3 * i : 3 * i + 3]
            jden = sum(
                1 for (lv, _), (m, _d) in firsts.items() if lv == level and m and m <= p.akhir
            )
            jnum = sum(
                1 for (lv, _), (_m, d) in firsts.items() if lv == level and d and d <= p.akhir
            )
            if den or jden:
                result[(p.label, level[0], level[1], None)] = Counts(den, num, lit, jden, jnum)
    return result


def _as_date(value: str | dt.date | None) -> dt.date | None:
    """SQLite returns the dates of raw queries as text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def summary_counts_many(
    jobs: list[tuple[IndicatorDefinition, list[Periode]]], kabkota: str
) -> list[Result]:
    """`summary_counts` of several (indicator, periods of one year), under one refresh (D220)."""

    def read(i: int, rid: int) -> Result:
        ind, periodes = jobs[i]
        sql = summary_sql(ind, periodes, kabkota, rid)
        return parse_rows(run_sql(sql.text, sql.params), periodes, kabkota)

    return with_summaries([(ind, ps[0].tahun) for ind, ps in jobs], kabkota, read)
