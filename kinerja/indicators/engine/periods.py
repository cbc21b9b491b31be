"""Periods: a year, or a quarter read cumulatively from 1 January (contract section 2)."""

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Periode:
    tahun: int
    triwulan: int | None = None

    def __post_init__(self) -> None:
        if self.triwulan is not None and not 1 <= self.triwulan <= 4:
            raise ValueError("triwulan harus 1-4")

    @property
    def mulai(self) -> dt.date:
        return dt.date(self.tahun, 1, 1)

    @property
    def akhir(self) -> dt.date:
        month = 12 if self.triwulan is None else self.triwulan * 3
        return dt.date(self.tahun, month, calendar.monthrange(self.tahun, month)[1])

    @property
    def label(self) -> str:
        """`2025` or `2025-Q2`, as in `kinerja compute --format json`."""
        return str(self.tahun) if self.triwulan is None else f"{self.tahun}-Q{self.triwulan}"

    @classmethod
    def from_label(cls, label: str) -> "Periode":
        year, _, q = label.partition("-Q")
        return cls(int(year), int(q) if q else None)


def periods_of_year(tahun: int) -> list["Periode"]:
    """Q1..Q4 and the year: the five periods of a year's full figure set."""
    return [Periode(tahun, q) for q in (1, 2, 3, 4)] + [Periode(tahun)]


def years_before(date: dt.date, years: int) -> dt.date:
    """`date` minus `years` calendar years; 29 February becomes 28 February in a common year.

    A person born on or before `years_before(E, n)` is at least n full years old on E.
    """
    try:
        return date.replace(year=date.year - years)
    except ValueError:
        return date.replace(year=date.year - years, day=28)
