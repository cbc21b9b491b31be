"""Frozen figures: approval stores the stage-1 unit rows of a figure, and every frozen figure is
derived from them.

Approval stores the unit rows under a snapshot id (the approve step's id) in `UnitBeku`, with a
SHA-256 hash of their canonical list; every frozen figure (any region, either reading, any split)
is aggregated from those rows by the same stage 2 as the live figures. "Why it changed" compares the
frozen rows with the live stage-1 rows unit by unit, in SQL.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection

from ..models import UnitBeku
from .aggregate import Result, aggregate_sql, run_aggregate
from .cache import cached_call
from .definitions import IndicatorDefinition, definitions_in_force, kode_kabkota
from .figures import Figure, _needs_types, build_figures, regions_for_level
from .periods import Periode
from .sqlparts import Sql, With
from .sqlrun import run_sql
from .units import T_UNIT_BEKU, frozen_query, unit_query

# The canonical list: one line per unit row, these fields in this order, rows sorted by unit and type.
CANONICAL_FIELDS = (
    "unit_id", "jenis", "orang_id", "kelurahan", "kecamatan", "jenis_kelamin", "kelompok_umur",
    "pembilang", "pembilang_literal",
)  # fmt: skip
WHY_LIMIT = 500


@dataclass(frozen=True)
class Frozen:
    hash: str
    units: int
    figure: Figure


def frozen_counts(
    snapshot: int, ind: IndicatorDefinition, periode: Periode, split: str | None = None
) -> Result:
    """Counts derived from a stored list of unit rows (`UnitBeku` rows of `snapshot`)."""
    q, stage1 = frozen_query(snapshot, periode.label)
    sql = aggregate_sql(q, stage1, kode_kabkota(), split, _needs_types(ind))
    return run_aggregate(sql, run_sql)


def frozen_figures(
    snapshot: int,
    kode: str,
    periode: Periode,
    level: str = "kota",
    bacaan: str = "default",
    split: str | None = None,
) -> list[Figure]:
    """The frozen figures of every region of `level` (as `compute_figures` gives the live ones),
    from the stored unit list alone; the definition in force at the period's end says how."""
    found = definitions_in_force(periode.akhir, kode)
    if not found:
        return []
    ind = found[0]
    # A stored list never changes (a new approval is a new snapshot): its counts are cached like
    # the live ones, keyed by the snapshot and the definitions that read it (D221).
    counts = cached_call(
        "beku",
        (snapshot, ind.state(), periode.label, split),
        lambda: frozen_counts(snapshot, ind, periode, split),
    )
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
        if connection.vendor == "postgresql":
            # As run_sql: no JIT, hashes in memory; for the rest of the approval's transaction.
            cur.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)"
            )
        cur.execute(sql.text, sql.params)
        return int(cur.rowcount)


def unit_list_hash(snapshot: int) -> tuple[str, int]:
    """SHA-256 of the canonical unit list of `snapshot` and its number of distinct units.

    An auditor can recompute it: each row a JSON array of CANONICAL_FIELDS (booleans as true/false),
    joined by "\n", rows sorted by unit and type. PostgreSQL writes and hashes the list itself
    (`json_build_array` prints exactly what Python's json.dumps prints for these fields, D223);
    elsewhere it is streamed through Python (`unit_list_hash_python`).
    """
    if connection.vendor != "postgresql":
        return unit_list_hash_python(snapshot)
    fields = ", ".join(CANONICAL_FIELDS)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT encode(sha256(convert_to(COALESCE(string_agg("
            f"json_build_array({fields})::text, E'\\n' ORDER BY unit_id, jenis), ''), 'UTF8')),"
            f" 'hex'), COUNT(DISTINCT unit_id) FROM {T_UNIT_BEKU} WHERE snapshot = %s",
            [snapshot],
        )
        digest, units = cur.fetchone()
    return str(digest), int(units)


def unit_list_hash_python(snapshot: int) -> tuple[str, int]:
    """`unit_list_hash` computed in Python, streamed in the database's order (constant memory)."""
    digest = hashlib.sha256()
    units: set[int] = set()
    rows = (
        UnitBeku.objects.filter(snapshot=snapshot)
        .order_by("unit_id", "jenis")
        .values_list(*CANONICAL_FIELDS)
    )
    first = True
    for row in rows.iterator(chunk_size=5000):
        if not first:
            digest.update(b"\n")
        first = False
        digest.update(json.dumps(list(row), ensure_ascii=False).encode())
        units.add(row[0])
    return digest.hexdigest(), len(units)


def freeze(*, snapshot: int, kode: str, periode: Periode) -> Frozen | None:
    """Store the unit list behind the figure under `snapshot`; its hash and kota figure. None when
    the catalogue in force at the period's end has no such indicator."""
    found = definitions_in_force(periode.akhir, kode)
    if not found:
        return None
    ind = found[0]
    freeze_units(snapshot, ind, periode)
    digest, units = unit_list_hash(snapshot)
    [kota] = frozen_figures(snapshot, kode, periode, "kota", "default")
    return Frozen(digest, units, kota)


@dataclass(frozen=True)
class Change:
    """One unit whose place in the figure differs between the frozen list and the live rows."""

    unit_id: int
    orang_id: int | None
    what: str  # masuk_penyebut, keluar_penyebut, masuk_pembilang, keluar_pembilang, pindah_wilayah
    wilayah_beku: str | None
    wilayah_kini: str | None

    @property
    def label(self) -> str:
        return WHY_LABELS[self.what]


WHY_LABELS = {
    "masuk_penyebut": "Masuk penyebut (dan pembilang)",
    "masuk_penyebut_saja": "Masuk penyebut (tidak masuk pembilang)",
    "keluar_penyebut": "Keluar dari penyebut",
    "masuk_pembilang": "Masuk pembilang",
    "keluar_pembilang": "Keluar dari pembilang",
    "pindah_wilayah": "Pindah wilayah",
}


def why_changed(snapshot: int, kode: str, periode: Periode) -> tuple[list[Change], int]:
    """Units that entered or left the denominator or numerator (default reading), or moved region,
    since the freeze: frozen list vs live stage-1 rows, compared per unit in SQL. Returns up to
    WHY_LIMIT changes (by unit) and the total number of changed units."""
    found = definitions_in_force(periode.akhir, kode)
    if not found:
        return [], 0
    ind = found[0]
    q, stage1 = unit_query(ind, [periode], ind.indikator.keputusan.kode_wilayah)
    q = With(list(q.ctes))
    q.cte("u", stage1)
    per_unit = (
        "SELECT unit_id, MAX(orang_id) AS orang_id, MAX(COALESCE(kelurahan, kecamatan, '')) AS wil,"
        " MAX(CASE WHEN pembilang THEN 1 ELSE 0 END) AS num FROM {src} GROUP BY unit_id"
    )
    q.cte("live", Sql(per_unit.format(src="u")))
    q.cte("frz", Sql(per_unit.format(src=f"{T_UNIT_BEKU} WHERE snapshot = %s"), snapshot))
    final = Sql(
        "SELECT l.unit_id, l.orang_id, CASE WHEN f.unit_id IS NULL THEN 0 ELSE 1 END, f.num, l.num,"
        " f.wil, l.wil"
        " FROM live l LEFT JOIN frz f ON f.unit_id = l.unit_id"
        " WHERE f.unit_id IS NULL OR f.num <> l.num OR f.wil <> l.wil"
        " UNION ALL"
        " SELECT f.unit_id, f.orang_id, 1, f.num, NULL, f.wil, NULL"
        " FROM frz f LEFT JOIN live l ON l.unit_id = f.unit_id WHERE l.unit_id IS NULL"
        " ORDER BY 1"
    )
    sql = q.render(final)
    changes: list[Change] = []
    total = 0
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)
        for unit_id, orang_id, was_in, num_before, num_now, wil_before, wil_now in cur.fetchall():
            total += 1
            if len(changes) >= WHY_LIMIT:
                continue
            for what in _whats(bool(was_in), num_before, num_now, wil_before, wil_now):
                changes.append(Change(unit_id, orang_id, what, wil_before or None, wil_now or None))
    return changes, total


def _whats(
    was_in: bool, num_before: int | None, num_now: int | None, wil_before: str | None,
    wil_now: str | None,
) -> list[str]:  # fmt: skip
    if not was_in:
        return ["masuk_penyebut" if num_now else "masuk_penyebut_saja"]
    if num_now is None:
        return ["keluar_penyebut"]
    out = []
    if num_before != num_now:
        out.append("masuk_pembilang" if num_now else "keluar_pembilang")
    if (wil_before or "") != (wil_now or ""):
        out.append("pindah_wilayah")
    return out


@dataclass(frozen=True)
class TypeCount:
    """Units of one registration type (jenis) and those counted in the numerator within a
    registration of that type (the literal reading's per-type numerator)."""

    jenis: str
    numerator: int
    denominator: int


def counts_by_type(
    kode: str, periode: Periode, snapshot: int | None = None
) -> dict[str, TypeCount]:
    """The figure's units grouped by registration type, one GROUP BY over its unit rows (the frozen
    list of `snapshot` when given). A unit registered in two types counts in each."""
    if snapshot is not None:
        q, stage1 = frozen_query(snapshot, periode.label)
    else:
        found = definitions_in_force(periode.akhir, kode)
        if not found:
            return {}
        q, stage1 = unit_query(found[0], [periode], kode_kabkota())
    q = With(list(q.ctes))
    q.cte("u", stage1)
    sql = q.render(
        Sql(
            "SELECT jenis, COUNT(DISTINCT unit_id),"
            " COUNT(DISTINCT CASE WHEN pembilang_literal THEN unit_id END)"
            " FROM u WHERE periode = %s GROUP BY jenis",
            periode.label,
        )
    )
    return {
        jenis: TypeCount(jenis, int(num or 0), int(den))
        for jenis, den, num in run_sql(sql.text, sql.params)
    }
