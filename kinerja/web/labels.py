"""One way to write a period, a workflow state, a date and time in the Indonesian interface."""

import datetime as dt

from django.utils import timezone

from kinerja.lib.dates import tanggal_indonesia

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
STATUS_NAMA = {
    "draft": "Draf",
    "submitted": "Diajukan",
    "verified": "Diverifikasi",
    "approved": "Disetujui",
}


def periode_label_nama(label: str) -> str | None:
    """`2025-Q4` -> `Triwulan IV 2025`, `2025` -> `Tahun 2025`; None for anything else."""
    year, sep, q = str(label).upper().partition("-Q")
    if not (year.isdigit() and len(year) == 4):
        return None
    if not sep:
        return f"Tahun {year}"
    if q.isdigit() and int(q) in ROMAWI:
        return f"Triwulan {ROMAWI[int(q)]} {year}"
    return None


def periode_tulis(value: object) -> str:
    """A Periode (tahun, triwulan) or its label, written the one way."""
    if value is None or value == "":
        return "–"
    tahun = getattr(value, "tahun", None)
    if tahun is not None:
        q = getattr(value, "triwulan", None)
        return f"Triwulan {ROMAWI[q]} {tahun}" if q else f"Tahun {tahun}"
    return periode_label_nama(str(value)) or str(value)


def status_nama(value: object) -> str:
    """`approved` -> `Disetujui`; no state yet is a draft."""
    if not value:
        return STATUS_NAMA["draft"]
    return STATUS_NAMA.get(str(value), str(value))


def waktu_indonesia(value: dt.datetime | dt.date | None) -> str:
    """`14 Maret 2025 10.30 WITA`-style local date and time (the time zone's own abbreviation)."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, dt.datetime):
        return tanggal_indonesia(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{tanggal_indonesia(local.date())} {local:%H.%M}"
