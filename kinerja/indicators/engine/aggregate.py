"""Stage 2: aggregate unit rows (live stage-1 query or a frozen list) by period, region and split.

Units never straddle regions (a unit has one domicile, PSKS kelurahan or event place), so unit counts
are sums over a per-unit grouping (fast plain aggregates); types do straddle regions, so types are
counted with COUNT(DISTINCT) over the small per-region list of types.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .sqlparts import Sql, With

SPLITS = {None, "jenis_kelamin", "kelompok_umur"}


@dataclass(frozen=True)
class Counts:
    """The counts behind one figure for both readings."""

    denominator: int = 0
    numerator: int = 0
    numerator_literal: int = 0
    denominator_jenis: int = 0
    numerator_jenis: int = 0


# (periode, tingkat, wilayah, split value) -> Counts
# (period label, level, region code, split value) -> counts
Key = tuple[str, str, str, str | None]
Result = dict[Key, Counts]
# Runs one statement and returns its rows: Django (sqlrun.run_sql) or, in the benchmark, DuckDB.
Execute = Callable[[str, list[Any]], list[tuple[Any, ...]]]


def aggregate_sql(q: With, stage1: Sql, kabkota: str, split: str | None, types: bool) -> Sql:
    if split not in SPLITS:
        raise ValueError(f"split tidak dikenal: {split}")
    q = With(list(q.ctes))
    q.cte("u", stage1, materialized=True)
    s = f", {split}" if split else ""
    q.cte(
        "g",
        Sql(
            f"SELECT periode, kelurahan, kecamatan{s}, unit_id,"
            " MAX(CASE WHEN pembilang THEN 1 ELSE 0 END) AS p,"
            " MAX(CASE WHEN pembilang_literal THEN 1 ELSE 0 END) AS pl"
            f" FROM u GROUP BY periode, kelurahan, kecamatan{s}, unit_id"
        ),
    )
    if types:
        q.cte(
            "gj",
            Sql(
                f"SELECT periode, kelurahan, kecamatan{s}, jenis,"
                " MAX(CASE WHEN pembilang_literal THEN 1 ELSE 0 END) AS pl"
                f" FROM u GROUP BY periode, kelurahan, kecamatan{s}, jenis"
            ),
        )
    split_col = split or "NULL"
    final = Sql()
    levels = (
        ("kota", "%s", ""), ("kecamatan", "kecamatan", "kecamatan"),
        ("kelurahan", "kelurahan", "kelurahan"),
    )  # fmt: skip
    for i, (tingkat, region, col) in enumerate(levels):
        where = f" WHERE {col} IS NOT NULL" if col else ""
        group = f"periode{', ' + col if col else ''}{s}"
        params = [kabkota] if not col else []
        if i:
            final.add("\nUNION ALL\n")
        final.add(
            f"SELECT 'u' AS src, periode, '{tingkat}' AS tingkat, {region} AS wilayah,"
            f" {split_col} AS split, COUNT(*) AS a, SUM(p) AS b, SUM(pl) AS c"
            f" FROM g{where} GROUP BY {group}",
            *params,
        )
        if types:
            final.add(
                f"\nUNION ALL\nSELECT 'j', periode, '{tingkat}', {region}, {split_col},"
                " COUNT(DISTINCT jenis), COUNT(DISTINCT CASE WHEN pl = 1 THEN jenis END), 0"
                f" FROM gj{where} GROUP BY {group}",
                *params,
            )
    return q.render(final)


def run_aggregate(sql: Sql, execute: Execute) -> Result:
    """Execute stage 2 with `execute(sql_text, params) -> rows` (Django or DuckDB)."""
    rows = execute(sql.text, sql.params)
    units: dict[Key, tuple[int, int, int]] = {}
    types: dict[Key, tuple[int, int, int]] = {}
    for src, periode, tingkat, wilayah, split, a, b, c in rows:
        key = (periode, tingkat, wilayah, split)
        (units if src == "u" else types)[key] = (int(a), int(b or 0), int(c or 0))
    result: Result = {}
    for key in units.keys() | types.keys():
        a, b, c = units.get(key, (0, 0, 0))
        ja, jb, _ = types.get(key, (0, 0, 0))
        result[key] = Counts(a, b, c, ja, jb)
    return result
