"""Periods come from the engine (`kinerja.indicators.engine`); here only their Indonesian names."""

import datetime as dt

from kinerja.indicators.engine import Periode
from kinerja.lib.dates import today

__all__ = ["ROMAWI", "Periode", "periode_nama", "periode_parse", "periode_selesai"]


ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def periode_nama(periode: Periode) -> str:
    """`Triwulan II 2025` or `Tahun 2025`."""
    if periode.triwulan:
        return f"Triwulan {ROMAWI[periode.triwulan]} {periode.tahun}"
    return f"Tahun {periode.tahun}"


def periode_parse(label: str) -> Periode:
    """`2025` or `2025-Q2`; raises ValueError with an Indonesian message."""
    try:
        periode = Periode.from_label(str(label).strip().upper())
    except ValueError:
        raise ValueError(f"Periode '{label}' tidak dikenal (pakai 2025 atau 2025-Q2).") from None
    if not 2000 <= periode.tahun <= 2100:
        raise ValueError(f"Tahun {periode.tahun} di luar rentang.")
    return periode


def periode_selesai(periode: Periode, on: dt.date | None = None) -> bool:
    """Has the period ended (its last day before `on`, today by default)? Only an ended period is
    asked to be submitted: Triwulan IV of a year waits for 1 January of the next."""
    last_month = 12 if periode.triwulan is None else periode.triwulan * 3
    first_after = dt.date(periode.tahun + last_month // 12, last_month % 12 + 1, 1)
    return (on or today()) >= first_after
