"""The computation engine's one door: everything outside the indicators app imports from here.

Indicator definitions (data) -> unit rows (stage 1) -> figures (stage 2). Figures for any period,
level, reading and split; the units behind a figure (drill-down); freezing and frozen figures; data
quality; caching under the registries' change counter. The modules behind it (units, aggregate,
totals, ringkasan, sqlparts, ...) are the engine's own: `web/tests/test_engine_door.py` fails when
web, reports, api or performance import one of them.
"""

from .cache import cached_call
from .definitions import IndicatorDefinition, definitions_in_force, kode_kabkota
from .drilldown import DrillRow, drilldown, drilldown_excluded, unit_keluarga, without_identity
from .export import export_xlsx
from .figures import (
    LEVELS,
    Figure,
    compute_figures,
    compute_periods,
    figure_row,
    kota_figures,
    regions_for_level,
)
from .frozen import (
    Change,
    Frozen,
    TypeCount,
    counts_by_type,
    freeze,
    frozen_figures,
    unit_list_hash,
    why_changed,
)
from .per_layanan import served_by_service
from .periods import Periode, periods_of_year
from .quality import KualitasData, data_quality


def definition(kode: str, periode: Periode) -> IndicatorDefinition | None:
    """The definition pair of `kode` in force at the end of `periode`, or None."""
    found = definitions_in_force(periode.akhir, kode)
    return found[0] if found else None


__all__ = [
    "LEVELS",
    "Change",
    "DrillRow",
    "Figure",
    "Frozen",
    "IndicatorDefinition",
    "KualitasData",
    "Periode",
    "TypeCount",
    "cached_call",
    "compute_figures",
    "compute_periods",
    "counts_by_type",
    "data_quality",
    "definition",
    "definitions_in_force",
    "drilldown",
    "drilldown_excluded",
    "export_xlsx",
    "figure_row",
    "freeze",
    "frozen_figures",
    "kode_kabkota",
    "kota_figures",
    "periods_of_year",
    "regions_for_level",
    "served_by_service",
    "unit_keluarga",
    "unit_list_hash",
    "why_changed",
    "without_identity",
]
