"""How a foreign file's words are compared: headers, labels, region names, dates and tahap."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kinerja.lib import parsing

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")


def normalise_header(text: object) -> str:
    """Upper case, every run of characters other than letters and digits one space, trimmed:
    `Desa/Kelurahan`, `DESA_KELURAHAN` and `desa kelurahan` are one header (contract section 5)."""
    return _NON_ALNUM.sub(" ", str(text).upper()).strip()


normalise_label = normalise_header


def bare_label(label: str) -> str:
    """The label without a trailing bracketed abbreviation."""
    return _BRACKET.sub("", label)


def label_spellings(label: str) -> set[str]:
    """A label as written in a table, with and without its bracketed abbreviation:
    `ANAK DENGAN KEDISABILITASAN (ADK)` is also `ANAK DENGAN KEDISABILITASAN`."""
    found = {normalise_label(label)}
    bare = _BRACKET.sub("", label)
    if bare != label and bare.strip():
        found.add(normalise_label(bare))
    found.discard("")
    return found


# Leading words that name the level, not the region (after normalise_header).
PREFIXES = {
    "kabkota": ("KOTA ", "KABUPATEN ", "KAB "),
    "kecamatan": ("KECAMATAN ", "KEC "),
    "kelurahan": ("KELURAHAN ", "KEL ", "DESA "),
}


def region_name(text: object, level: str) -> str:
    name = normalise_header(text)
    for prefix in PREFIXES[level]:
        if name.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


MONTHS = {
    "JANUARI": 1, "FEBRUARI": 2, "MARET": 3, "APRIL": 4, "MEI": 5, "JUNI": 6, "JULI": 7,
    "AGUSTUS": 8, "SEPTEMBER": 9, "OKTOBER": 10, "NOVEMBER": 11, "DESEMBER": 12,
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "JUN": 6, "JUL": 7, "AGU": 8, "AGT": 8,
    "AGS": 8, "SEP": 9, "OKT": 10, "NOV": 11, "DES": 12,
}  # fmt: skip
_NAMED = re.compile(r"^(\d{1,2}) ([A-Z]+) (\d{4})$")


def named_date(text: str) -> dt.date | None:
    """`14 Maret 2025`, `14 Mar 2025` -> the date; None when the text is not of that form.
    Raises ValueError for a form that is right with an impossible day (`31 Februari 2025`)."""
    m = _NAMED.match(normalise_header(text))
    if not m or m[2] not in MONTHS:
        return None
    try:
        return dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise ValueError(f"'{text}' bukan tanggal yang benar") from None


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_TAHAP = re.compile(r"^TAHAP ([0-9]+|[IVX]+) (?:TAHUN )?(\d{4})$")


class TahapError(ValueError):
    pass


def tahap_date(text: str) -> dt.date:
    """`Tahap 2 Tahun 2025`, `TAHAP 2 2025`, `Tahap II 2025` -> the last day of that quarter."""
    m = _TAHAP.match(normalise_header(text))
    if not m:
        raise TahapError(f"tahap '{text}' tidak dikenali (tulis misalnya 'Tahap 2 Tahun 2025')")
    part = m[1]
    number = int(part) if part.isdigit() else ROMAN.get(part, 0)
    if not 1 <= number <= 4:
        raise TahapError(f"tahap '{text}' di luar 1-4")
    year = int(m[2])
    month = number * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# Contract section 5: `L`, `P`, `LAKI-LAKI`, `LAKI LAKI`, `PEREMPUAN`, `1` (L), `2` (P).
JENIS_KELAMIN = {"L": "L", "P": "P", "LAKI LAKI": "L", "PEREMPUAN": "P", "1": "L", "2": "P"}


# Cell readers of a mapping's `as` (compile.py); each raises ValueError with an Indonesian reason.
def read_nik(v: object) -> object:
    """Excel's text marker (`'6372...`) and spaces around the number are not part of it."""
    if type(v) is str:
        return v.strip().lstrip("'").strip()
    return v


def read_date(v: object) -> object:
    if isinstance(v, dt.date):
        return v
    text = str(v)
    named = named_date(text)  # ValueError for `31 Februari 2025`
    if named is not None:
        return named.isoformat()
    return parsing.tanggal(text, label="tanggal").isoformat()


def read_tahap(v: object) -> object:
    try:
        return tahap_date(str(v)).isoformat()
    except TahapError:
        raise
    except ValueError:
        raise TahapError(f"tahap '{v}' bukan tahap yang benar") from None


def read_jenis_kelamin(v: object) -> str:
    try:
        return JENIS_KELAMIN[normalise_label(v)]
    except KeyError:
        raise ValueError(
            f"jenis kelamin '{v}' tidak dikenal (pakai L, P, Laki-laki, Perempuan, 1 atau 2)"
        ) from None
