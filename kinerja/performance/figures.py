"""The engine's figures as the performance app needs them: live, frozen, and why they differ.

This module is the only place that talks to `kinerja.indicators.engine`. Approval stores the stage-1
unit rows under a snapshot id (the approve step's id) in the engine's `UnitBeku` table; every frozen
figure (any region, either reading, any split) is aggregated from those rows by the engine's stage 2.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import connection

from kinerja.indicators.engine.definitions import IndicatorDefinition, definitions_in_force
from kinerja.indicators.engine.figures import (
    compute_figures,
    freeze_units,
    frozen_figures,
    regions_for_level,
)
from kinerja.indicators.engine.sqlparts import Sql, With
from kinerja.indicators.engine.units import T_UNIT_BEKU, unit_query
from kinerja.indicators.models import UnitBeku
from kinerja.lib.numbers import percentage

from .achievement import realisasi_exact
from .periods import Periode

# The canonical list: one line per unit row, these fields in this order, rows sorted by unit and type.
CANONICAL_FIELDS = (
    "unit_id", "jenis", "orang_id", "kelurahan", "kecamatan", "jenis_kelamin", "kelompok_umur",
    "pembilang", "pembilang_literal",
)  # fmt: skip
WHY_LIMIT = 500


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal | None:
        return percentage(self.numerator, self.denominator)

    @property
    def exact(self) -> Fraction | None:
        return realisasi_exact(self.numerator, self.denominator)


@dataclass(frozen=True)
class Frozen:
    hash: str
    units: int
    figure: Figure


def definition(kode: str, periode: Periode) -> IndicatorDefinition | None:
    found = definitions_in_force(periode.akhir, kode)
    return found[0] if found else None


def live_kota(kode: str, periode: Periode, bacaan: str = "default") -> Figure | None:
    """The kota figure computed now; None when the indicator has no definition for the period."""
    figs = compute_figures(periode.tahun, periode.triwulan, level="kota", bacaan=bacaan, kode=kode)
    return Figure(figs[0].numerator, figs[0].denominator) if figs else None


def live_by_region(kode: str, periode: Periode, level: str = "kota", bacaan: str = "default"):
    figs = compute_figures(periode.tahun, periode.triwulan, level=level, bacaan=bacaan, kode=kode)
    return {f.wilayah: Figure(f.numerator, f.denominator) for f in figs}


def frozen_by_region(
    snapshot: int, kode: str, periode: Periode, level: str = "kota", bacaan: str = "default"
) -> dict[str, Figure]:
    """Frozen figures of every region of `level`, from the stored unit list alone."""
    ind = definition(kode, periode)
    if ind is None:
        return {}
    return {
        f.wilayah: Figure(f.numerator, f.denominator)
        for f in frozen_figures(snapshot, ind, periode, level, bacaan)
    }


def unit_list_hash(snapshot: int) -> tuple[str, int]:
    """SHA-256 of the canonical unit list of `snapshot` and its number of distinct units.

    Streamed in the database's order, so a list of any size hashes in constant memory. An auditor can
    recompute it: each row a JSON array of CANONICAL_FIELDS (booleans as true/false), joined by "\n".
    """
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


def freeze(*, snapshot: int, kode: str, periode: Periode) -> Frozen:
    """Store the unit list behind the figure under `snapshot`; returns its hash and kota figure."""
    ind = definition(kode, periode)
    if ind is None:
        return Frozen(hashlib.sha256(b"").hexdigest(), 0, Figure(0, 0))
    freeze_units(snapshot, ind, periode)
    digest, units = unit_list_hash(snapshot)
    kota = frozen_figures(snapshot, ind, periode, "kota", "default")
    return Frozen(digest, units, Figure(kota[0].numerator, kota[0].denominator))


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
    ind = definition(kode, periode)
    if ind is None:
        return [], 0
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


def _whats(was_in: bool, num_before, num_now, wil_before, wil_now) -> list[str]:
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


def level_of(regions: list[str]) -> str:
    """The level of a set of region codes as compute prints them (kota, kecamatan, kelurahan)."""
    longest = max((len(r) for r in regions), default=0)
    return "kelurahan" if longest > 8 else ("kecamatan" if longest > 5 else "kota")


__all__ = [
    "Change",
    "Figure",
    "Frozen",
    "definition",
    "freeze",
    "frozen_by_region",
    "live_by_region",
    "live_kota",
    "regions_for_level",
    "unit_list_hash",
    "why_changed",
]
