"""Dates in the deployment's time zone (WITA for Banjarbaru)."""

import datetime as dt

from django.utils import timezone

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def today() -> dt.date:
    """Today in the deployment's time zone, not the server's."""
    return timezone.localdate()


def tanggal_indonesia(value: dt.date | None) -> str:
    """31 Januari 2023."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
