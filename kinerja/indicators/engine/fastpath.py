"""Stage 2 without splits, straight from stage 1's per-unit dates: one pass for all periods.

The generic path (aggregate.py) expands every unit into one row per period and then aggregates;
for the full figure set that costs a row per unit and period. Here each unit keeps one row with its
dates, and each period is a column of conditional sums (`SUM(CASE WHEN entered <= end(W) ...)`),
grouped by region code. Unit counts add up across regions, so kecamatan and kota totals are the sums
of the (at most 21) region rows; types do not add up, so the per-region first dates of each type
are returned and combined (MIN) per level. Same results as the generic path (tested).
"""

from collections import defaultdict

from ..models import Hitung, Keluarga
from .aggregate import Counts, Result
from .definitions import IndicatorDefinition
from .periods import Periode, years_before
from .sqlparts import Sql
from .units import UnitQuery


def _level_keys(wil: str | None, kabkota: str) -> list[tuple[str, str]]:
    keys = [("kota", kabkota)]
    if wil and len(wil) >= 8:
        keys.append(("kecamatan", wil[:8]))
    if wil and len(wil) > 8:
        keys.append(("kelurahan", wil))
    return keys


def fast_sql(
    ind: IndicatorDefinition, periodes: list[Periode], kabkota: str
) -> tuple[Sql, Sql | None]:
    uq = UnitQuery(ind, periodes, kabkota, lean=True)
    q = uq.build_base()
    is_dtks = ind.default.keluarga == Keluarga.DTKS_LAYANAN
    band = uq.band
    key = "b.dtks_id, b.unit_id" if is_dtks else "b.unit_id"
    entered = "CAST(NULL AS DATE)" if is_dtks else "MIN(b.masuk)"
    q.cte(
        "pu",
        Sql(
            f"SELECT {key}, b.wil, MIN(b.lahir) AS lahir, {entered} AS masuk,"
            f" MIN(b.d_num) AS dn, MIN(b.d_lit) AS dl FROM b GROUP BY {key}, b.wil"
        ),
    )
    cols = Sql()
    for p in periodes:
        e = p.akhir
        if is_dtks:
            cond = Sql("pu.dtks_id = (SELECT dtks_id FROM wd WHERE wd.periode = %s)", p.label)
        else:
            cond = Sql("pu.masuk <= %s", e)
            if band:
                cond.add(
                    " AND (pu.lahir IS NULL OR (pu.lahir <= %s AND pu.lahir > %s))",
                    years_before(e, band[0]), years_before(e, band[1] + 1),
                )  # fmt: skip
        for extra in ("", " AND pu.dn <= %s", " AND pu.dl <= %s"):
            cols.add(", SUM(CASE WHEN ").extend(cond)
            cols.add(f"{extra} THEN 1 ELSE 0 END)", *([e] if extra else []))
    units = q.render(Sql("SELECT pu.wil").extend(cols).add(" FROM pu GROUP BY pu.wil"))
    types = None
    if Hitung.JENIS in (ind.default.hitung, ind.literal.hitung):
        q2 = UnitQuery(ind, periodes, kabkota, lean=True).build_base()
        types = q2.render(
            Sql(
                "SELECT b.wil, b.jenis, MIN(b.masuk), MIN(CASE WHEN b.d_lit IS NULL THEN NULL"
                " WHEN b.d_lit >= b.masuk THEN b.d_lit ELSE b.masuk END) FROM b"
                " GROUP BY b.wil, b.jenis"
            )
        )
    return units, types


def fast_counts(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, execute) -> Result:
    units_sql, types_sql = fast_sql(ind, periodes, kabkota)
    sums: dict = defaultdict(lambda: [0] * (3 * len(periodes)))
    for wil, *values in execute(units_sql.text, units_sql.params):
        for level in _level_keys(wil, kabkota):
            acc = sums[level]
            for i, v in enumerate(values):
                acc[i] += int(v or 0)
    firsts: dict = {}
    if types_sql is not None:
        for wil, jenis, masuk, dl in execute(types_sql.text, types_sql.params):
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
            jden = sum(1 for (lv, _), (m, _d) in firsts.items() if lv == level and m <= p.akhir)
            jnum = sum(
                1 for (lv, _), (_m, d) in firsts.items() if lv == level and d and d <= p.akhir
            )
            if den or jden:
                result[(p.label, level[0], level[1], None)] = Counts(den, num, lit, jden, jnum)
    return result


def _as_date(value):
    import datetime as dt

    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _min(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)
