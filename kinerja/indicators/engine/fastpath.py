"""Stage 2 without splits, straight from stage 1's per-unit dates: one pass for all periods.

The generic path (aggregate.py) expands every unit into one row per period and then aggregates;
for the full figure set that costs a row per unit and period. Here each unit is read once with its
dates, and each period is a column of conditional sums (`SUM(CASE WHEN entered <= end(W) ...)`),
grouped by region code. Unit counts add up across regions, so kecamatan and kota totals are the sums
of the (at most 21) region rows; types do not add up, so the per-region first dates of each type
are returned and combined (MIN) per level. Same results as the generic path (tested).

One statement per indicator: the unit sums (rows tagged 'u') and, when a reading counts types, the
per-region type dates (rows tagged 't') share the CTEs. Each family reads as few rows as it can:

- PPKS (IKU-2, 3A): one row per person (first registration, first qualifying service), not per
  person and type; the person's domicile and birth date are joined once.
- DTKS (IKU-3B): the members of the few DTKS periodes in force, one row per person with a flag per
  window; a DTKS periode's members are distinct persons, so no per-unit grouping.
- Korban (IKU-4): the unit never needs the person (region and entry date are the event's), so the
  victims are counted per event, and the served victims per event and window, from a per-(event,
  person) first service date; at most a few hundred event rows reach the final sums.
"""

from collections import defaultdict

from ..models import Hitung, Keluarga, RingkasanUnit
from .aggregate import Counts, Result
from .definitions import IndicatorDefinition, layanan_codes
from .periods import Periode, years_before
from .ringkasan import with_summary, year_index
from .sqlparts import Sql, With, in_list
from .sqlrun import run_sql
from .units import T_BENCANA, T_DTKS_ANGGOTA, T_KORBAN, T_LAYANAN, T_ORANG, UnitQuery

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
    entered,
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


def _generic(uq: UnitQuery, periodes: list[Periode], per_unit: bool = False, entered=None):
    """Any family with a `b` CTE (one row per unit and type): grouped per unit first (PSKS), unless
    `per_unit` (the rows are units already: a summary's victims and DTKS members), then units alike
    in everything counted are counted together (`n`; an index of the summary serves the grouping).
    Victims and DTKS members have no age band (as `_korban` and `_dtks`)."""
    band, weight = uq.band, "1"
    if per_unit:
        pu = (
            "SELECT b.wil, b.masuk, b.anggota, b.d_num AS dn, b.d_lit AS dl, COUNT(*) AS n FROM b"
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


def _ppks(uq: UnitQuery, periodes: list[Periode]) -> tuple[Sql, Sql | None]:
    """One row per person: a unit's first dates over its types are the person's first dates."""
    d_cte, l_cte = uq.numerator_ctes
    l_person = l_cte[:-1] + "u"  # the per-person CTE beside a per-type one (`n2j` -> `n2u`)
    uq.q.cte(
        "pu", Sql("SELECT r.orang_id, MIN(r.tanggal_daftar) AS masuk FROM r GROUP BY r.orang_id")
    )
    joins = f" LEFT JOIN {d_cte} nd ON nd.orang_id = pu.orang_id"
    dl = "nd.d"
    if l_person != d_cte:
        joins += f" LEFT JOIN {l_person} nl ON nl.orang_id = pu.orang_id"
        dl = "nl.d"
    cols = _unit_columns(
        periodes, lambda i, p: Sql("pu.masuk <= %s", p.akhir), "nd.d", dl, "o.tanggal_lahir",
        uq.band,
    )  # fmt: skip
    units = (
        Sql(f"SELECT 'u' AS src, o.kelurahan_id AS wil{NO_TYPE}")
        .extend(cols)
        .add(f" FROM pu JOIN {T_ORANG} o ON o.id = pu.orang_id{joins} GROUP BY o.kelurahan_id")
    )
    return units, _types_select(uq, periodes)


def _dtks(uq: UnitQuery, periodes: list[Periode]) -> tuple[Sql, Sql | None]:
    """One row per person with a flag per window: in the DTKS of that window."""
    d_cte, l_cte = uq.numerator_ctes
    flags = Sql()
    for i, p in enumerate(periodes):
        flags.add(
            f", MAX(CASE WHEN a.periode_id = (SELECT dtks_id FROM wd WHERE wd.periode = %s)"
            f" THEN 1 ELSE 0 END) AS m{i}",
            p.label,
        )
    uq.q.cte(
        "pu",
        Sql("SELECT a.orang_id")
        .extend(flags)
        .add(
            f" FROM {T_DTKS_ANGGOTA} a WHERE a.kode_kabkota = %s"
            " AND a.periode_id IN (SELECT dtks_id FROM wd) GROUP BY a.orang_id",
            uq.k,
        ),
    )
    joins = f" LEFT JOIN {d_cte} nd ON nd.orang_id = pu.orang_id"
    dl = "nd.d"
    if l_cte != d_cte:
        joins += f" LEFT JOIN {l_cte} nl ON nl.orang_id = pu.orang_id"
        dl = "nl.d"
    cols = _unit_columns(periodes, lambda i, p: Sql(f"pu.m{i} = 1"), "nd.d", dl)
    units = (
        Sql(f"SELECT 'u' AS src, o.kelurahan_id AS wil{NO_TYPE}")
        .extend(cols)
        .add(f" FROM pu JOIN {T_ORANG} o ON o.id = pu.orang_id{joins} GROUP BY o.kelurahan_id")
    )
    return units, None


def _korban(uq: UnitQuery, periodes: list[Periode]) -> tuple[Sql, Sql | None]:
    """Victims counted per event; served victims per event and window."""
    q = uq.q
    q.cte(
        "ev",
        Sql(
            f"SELECT e.id, e.wilayah_id, e.tanggal_kejadian FROM {T_BENCANA} e"
            " WHERE e.kode_kabkota = %s AND e.tanggal_kejadian >= %s AND e.tanggal_kejadian <= %s",
            uq.k, uq.start, uq.end,
        ),
    )  # fmt: skip
    d_codes, l_codes = layanan_codes(uq.d), layanan_codes(uq.lit)
    # Same person, same event, dated from tanggal_kejadian (to end(W), checked per window).
    body = Sql("SELECT l.bencana_id, l.orang_id")
    if d_codes == l_codes:
        body.add(", MIN(l.tanggal) AS d1, MIN(l.tanggal) AS d2")
    else:
        for name, codes in (("d1", d_codes), ("d2", l_codes)):
            if codes is None:
                body.add(f", MIN(l.tanggal) AS {name}")
            else:
                body.add(", MIN(CASE WHEN ").extend(in_list("l.jenis_id", codes))
                body.add(f" THEN l.tanggal END) AS {name}")
    body.add(
        f" FROM {T_LAYANAN} l JOIN ev e ON e.id = l.bencana_id WHERE l.bencana_id IS NOT NULL"
        " AND l.tanggal >= e.tanggal_kejadian AND l.tanggal <= %s",
        uq.end,
    )
    if d_codes is not None and l_codes is not None:
        body.add(" AND ").extend(in_list("l.jenis_id", sorted(set(d_codes) | set(l_codes))))
    q.cte("n", body.add(" GROUP BY l.bencana_id, l.orang_id"))
    # One pass over the year's victims (index-only on korban (bencana_id, orang_id)): counted per
    # event, and served per event and window.
    per_event = Sql("SELECT k.bencana_id, COUNT(*) AS n")
    for i, p in enumerate(periodes):
        for col in ("d1", "d2"):
            per_event.extend(_sum(Sql(f"n.{col} <= %s", p.akhir)))
            per_event.add(f" AS {col}_{i}")
    per_event.add(
        f" FROM {T_KORBAN} k LEFT JOIN n ON n.bencana_id = k.bencana_id AND n.orang_id = k.orang_id"
        " WHERE k.bencana_id IN (SELECT id FROM ev) GROUP BY k.bencana_id"
    )
    q.cte("ke", per_event)
    cols = Sql()
    for i, p in enumerate(periodes):
        cond = Sql("ev.tanggal_kejadian <= %s", p.akhir)
        for weight in ("ke.n", f"ke.d1_{i}", f"ke.d2_{i}"):
            cols.extend(_sum(Sql().extend(cond), weight))
    units = (
        Sql(f"SELECT 'u' AS src, ev.wilayah_id AS wil{NO_TYPE}")
        .extend(cols)
        .add(" FROM ev JOIN ke ON ke.bencana_id = ev.id GROUP BY ev.wilayah_id")
    )
    return units, None


def fast_sql(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str) -> Sql:
    """One statement: rows ('u', wil, NULL, NULL, NULL, den, num, lit per period) and, when a
    reading counts types, ('t', wil, jenis, first entry, first literal numerator date, 0...)."""
    uq = UnitQuery(ind, periodes, kabkota, lean=True)
    family = ind.default.keluarga
    if family == Keluarga.KORBAN_LAYANAN:
        units, types = _korban(uq, periodes)  # its own CTEs: no windows, no person
    else:
        uq.build_base()
        build = {
            Keluarga.PPKS_LAYANAN: _ppks,
            Keluarga.ANAK_LAYANAN: _ppks,
            Keluarga.DTKS_LAYANAN: _dtks,
        }.get(family, _generic)
        units, types = build(uq, periodes)
    if types is not None:
        units.add(" UNION ALL ").extend(types)
    return uq.q.render(units)


def summary_sql(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, rid: int) -> Sql:
    """fast_sql's rows, read from a stored unit summary (engine/ringkasan.py) instead of the
    registries: the same sums over the same per-unit dates."""
    uq = UnitQuery(ind, periodes, kabkota, lean=True)
    uq.q = With()
    uq.q.cte(
        "b",
        Sql(
            "SELECT unit_id, jenis, wil, lahir, masuk, anggota, d_num, d_lit"
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
    """fast_counts over the current summary of the year (refreshed or built first)."""

    def read(rid: int) -> Result:
        sql = summary_sql(ind, periodes, kabkota, rid)
        return parse_rows(run_sql(sql.text, sql.params), periodes, kabkota)

    return with_summary(ind, periodes[0].tahun, kabkota, read)


def fast_counts(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, execute) -> Result:
    sql = fast_sql(ind, periodes, kabkota)
    return parse_rows(execute(sql.text, sql.params), periodes, kabkota)


def parse_rows(rows, periodes: list[Periode], kabkota: str) -> Result:
    """Counts per (period, level, region) from fast_sql's rows."""
    sums: dict = defaultdict(lambda: [0] * (3 * len(periodes)))
    firsts: dict = {}
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
