"""Reading the values of import files (contract section 1): dates, rupiah, numbers, codes.

Each parser takes what a CSV or XLSX cell holds (a trimmed string, or a number/date from XLSX) and
returns a Python value, or raises ParseError whose message is shown to users (Indonesian).
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from kinerja.regions.codes import normalise_kode


class ParseError(ValueError):
    """A value that cannot be read; the message says why, in Indonesian."""


_TIME = r"(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[+-]\d{2}:?\d{2}|Z)?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"$")
_DMY = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})" + _TIME + r"$")
_RUPIAH = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)$", re.IGNORECASE)
_ANGKA = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_PERIODE = re.compile(r"^(\d{4})-(\d{1,2})$")

JENIS_KELAMIN = {"l": "L", "p": "P", "laki-laki": "L", "perempuan": "P", "laki laki": "L"}


def tanggal(value: object, *, label: str = "tanggal") -> dt.date:
    """`2025-03-14`, `14/03/2025`, `14-03-2025`, optionally with a time (ignored), or an XLSX date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    m = _ISO.match(text)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DMY.match(text)
        if not m:
            raise ParseError(f"{label} '{text}' bukan tanggal (pakai 2025-03-14 atau 14/03/2025)")
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(f"{label} '{text}' bukan tanggal yang benar") from None


def periode(value: object, *, label: str = "periode") -> dt.date:
    """`YYYY-MM` -> the first day of that month (an XLSX date cell gives its month)."""
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, 1)
    text = str(value).strip()
    m = _PERIODE.match(text)
    if not m or not 1 <= int(m[2]) <= 12:
        raise ParseError(f"{label} '{text}' harus berbentuk TTTT-BB (misalnya 2025-01)")
    return dt.date(int(m[1]), int(m[2]), 1)


def rupiah(value: object, *, label: str = "nilai") -> int:
    """`Rp 1.500.000`, `1.500.000`, `1500000` -> 1500000. No decimals, never negative."""
    if isinstance(value, bool):
        raise ParseError(f"{label} bukan angka rupiah")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ParseError(f"{label} '{value}' tidak boleh memakai desimal")
        number = int(value)
    else:
        text = str(value).strip()
        if text.startswith("-"):
            raise ParseError(f"{label} '{text}' tidak boleh negatif")
        m = _RUPIAH.match(text)
        if not m:
            raise ParseError(
                f"{label} '{text}' bukan angka rupiah (contoh: 1500000 atau Rp 1.500.000, tanpa desimal)"
            )
        number = int(m[1].replace(".", ""))
    if number < 0:
        raise ParseError(f"{label} '{value}' tidak boleh negatif")
    return number


def angka(value: object, *, label: str = "angka") -> Decimal:
    """`87,5` and `87.5` -> Decimal('87.5'); never negative."""
    if isinstance(value, bool):
        raise ParseError(f"{label} bukan angka")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip()
        if not _ANGKA.match(text):
            raise ParseError(f"{label} '{text}' bukan angka")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ParseError(f"{label} '{text}' bukan angka") from None
    if number < 0:
        raise ParseError(f"{label} '{value}' tidak boleh negatif")
    return number


def bilangan_bulat(value: object, *, label: str = "angka", low: int, high: int) -> int:
    """A whole number in [low, high]; `3`, `3.0` (XLSX) and `3,0` accepted."""
    number = angka(value, label=label)
    if number != number.to_integral_value() or not low <= number <= high:
        raise ParseError(f"{label} '{value}' harus bilangan bulat {low} sampai {high}")
    return int(number)


def jenis_kelamin(value: object) -> str:
    """L / P / Laki-laki / Perempuan, any case -> 'L' or 'P'."""
    text = str(value).strip().lower()
    try:
        return JENIS_KELAMIN[text]
    except KeyError:
        raise ParseError(f"jenis_kelamin '{value}' harus L atau P (Laki-laki/Perempuan)") from None


def kode(value: object, allowed: frozenset[str] | dict[str, str], *, label: str) -> str:
    """A code from a list, case-insensitive; `allowed` maps lower-case spellings to the stored code."""
    text = str(value).strip()
    key = text.lower()
    if isinstance(allowed, dict):
        if key in allowed:
            return allowed[key]
    elif key in allowed:
        return key
    raise ParseError(f"{label} '{text}' tidak ada dalam daftar kode")


def kode_wilayah(value: object) -> str:
    """`6372041003` or `63.72.04.1003` -> `63.72.04.1003`."""
    if isinstance(value, int):
        value = str(value)
    result = normalise_kode(str(value))
    if result is None:
        raise ParseError(f"kode_wilayah '{value}' bukan kode wilayah")
    return result
