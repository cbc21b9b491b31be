"""The direct one-pass SQL over the registries (no summaries): test and benchmark code only.

Before the unit summaries (D37) the engine computed totals with this SQL straight from the
registries. Production no longer uses it (issue 13: one way to count); it stays as a second,
differently written reading of the registries that the summaries are checked against
(`test_ringkasan.py`) and as the benchmark's "direct SQL" baseline (`bench/compute_bench.py`), which
also runs it on DuckDB through `execute`.
"""

from kinerja.indicators.engine.aggregate import Result
from kinerja.indicators.engine.definitions import IndicatorDefinition, layanan_codes
from kinerja.indicators.engine.figures import Figure, build_figures, regions_for_level
from kinerja.indicators.engine.periods import Periode, periods_of_year
from kinerja.indicators.engine.sqlparts import Sql, in_list
from kinerja.indicators.engine.sqlrun import run_sql
from kinerja.indicators.engine.totals import (
    NO_TYPE,
    _generic,
    _sum,
    _types_select,
    _unit_columns,
    parse_rows,
)
from kinerja.indicators.engine.units import (
    T_BENCANA,
    T_DTKS_ANGGOTA,
    T_KORBAN,
    T_LAYANAN,
    T_ORANG,
    UnitQuery,
)
from kinerja.indicators.models import Keluarga


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


def direct_sql(ind: IndicatorDefinition, periodes: list[Periode], kabkota: str) -> Sql:
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


def direct_counts(
    ind: IndicatorDefinition, periodes: list[Periode], kabkota: str, execute
) -> Result:
    sql = direct_sql(ind, periodes, kabkota)
    return parse_rows(execute(sql.text, sql.params), periodes, kabkota)


def direct_year(tahun: int, execute=run_sql, level: str = "kelurahan") -> list[Figure]:
    """The full figure set of a year (every IKU x Q1..Q4 and the year x region x both readings)
    by the direct SQL, never cached."""
    from kinerja.indicators.engine.definitions import definitions_in_force

    periodes = periods_of_year(tahun)
    regions = regions_for_level(level)
    figures: list[Figure] = []
    for ind in definitions_in_force(periodes[-1].akhir):
        counts = direct_counts(ind, periodes, ind.indikator.keputusan.kode_wilayah, execute)
        for bacaan in ("default", "literal"):
            figures += build_figures(ind, counts, periodes, regions, bacaan)
    return figures


def generic_counts(ind: IndicatorDefinition, periodes: list[Periode]):
    """The two-stage SQL's totals (what splits, drill-down and freezing are built on), uncached."""
    from kinerja.indicators.engine.aggregate import aggregate_sql, run_aggregate
    from kinerja.indicators.engine.figures import _needs_types
    from kinerja.indicators.engine.units import unit_query

    k = ind.indikator.keputusan.kode_wilayah
    q, stage1 = unit_query(ind, periodes, k)
    return run_aggregate(aggregate_sql(q, stage1, k, None, _needs_types(ind)), run_sql)
