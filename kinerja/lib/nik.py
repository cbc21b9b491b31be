"""NIK (Nomor Induk Kependudukan) validation, exactly as the data contract defines a valid NIK.

python-stdnum's `stdnum.id.nik` knows only 33 provinces, accepts day 81-99 and serial 0000 and prefers
19YY, so the rules are written out here; the form check (16 digits) needs no library.
"""

import datetime as dt
from dataclasses import dataclass

from kinerja.lib.dates import today as _today
from kinerja.regions.codes import PROVINCE_CODES


class NikError(ValueError):
    """Why a NIK is not valid, in Indonesian (shown to users in the rejects file)."""


@dataclass(frozen=True, slots=True)
class Nik:
    nik: str
    jenis_kelamin: str  # "L" or "P"
    tanggal_lahir: dt.date


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_nik(value: str, *, today: dt.date | None = None) -> Nik:
    """The NIK's sex and birth date; raises NikError when the NIK is not valid."""
    nik = (value or "").strip()
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        raise NikError("NIK harus 16 digit angka")
    if nik[:2] not in PROVINCE_CODES:
        raise NikError(f"NIK tidak valid: kode provinsi {nik[:2]} tidak dikenal")
    if nik[12:] == "0000":
        raise NikError("NIK tidak valid: nomor urut 0000")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if 1 <= day <= 31:
        jenis_kelamin = "L"
    elif 41 <= day <= 71:
        jenis_kelamin, day = "P", day - 40
    else:
        raise NikError(f"NIK tidak valid: tanggal lahir {nik[6:12]} bukan tanggal yang benar")
    today = today or _today()
    born = _date(2000 + yy, month, day)
    if born is None or born > today:
        born = _date(1900 + yy, month, day)
    if born is None:
        raise NikError(f"NIK tidak valid: tanggal lahir {nik[6:12]} bukan tanggal yang benar")
    return Nik(nik, jenis_kelamin, born)


def nik_is_valid(value: str, *, today: dt.date | None = None) -> bool:
    try:
        parse_nik(value, today=today)
    except NikError:
        return False
    return True
