"""What every document shares: letterhead, signatory, formats."""

from decimal import Decimal

from django.conf import settings

from kinerja.lib.dates import tanggal_indonesia, today
from kinerja.lib.numbers import format_angka, format_persen
from kinerja.organisation.models import Organisasi

from .document import CellFormula, Letterhead, Provisional, Signature, Value


def letterhead() -> Letterhead:
    kop = settings.KINERJA_KOP
    return Letterhead(kop["pemerintah"], kop["dinas"], kop["alamat"], kop["email"])


def organisasi() -> Organisasi | None:
    return Organisasi.objects.filter(kode_wilayah=settings.KINERJA_KODE_WILAYAH).first()


def kota_name() -> str:
    org = organisasi()
    return org.nama.replace("Dinas Sosial ", "") if org else settings.KINERJA_KODE_WILAYAH


def kepala_signature(place: str = "Banjarbaru") -> Signature:
    org = organisasi()
    return Signature(
        place_date=f"{place}, {tanggal_indonesia(today())}",
        position=f"KEPALA {org.nama.upper()}," if org else "KEPALA DINAS SOSIAL,",
        name=org.kepala_nama if org else "",
        rank=org.kepala_pangkat if org else "",
        nip=org.kepala_nip if org else "",
    )


def fmt(value: Value, kind: str) -> str:
    """A cell as text, Indonesian style (87,50 · 1.234.567 · Rp 1.500.000); a provisional figure
    gets " (s)"."""
    if isinstance(value, CellFormula):
        value = value.value
    if isinstance(value, Provisional):
        return fmt(value.value, kind) + " (s)"
    if value == "":
        return ""
    if value is None:
        return "–" if kind != "text" else ""
    if kind == "pct":
        return format_persen(Decimal(str(value)))
    if kind == "int":
        return format_angka(int(value))
    if kind == "rupiah":
        return "Rp " + format_angka(int(value))
    if kind == "number":
        return format_persen(Decimal(str(value)))
    return str(value)


def walikota_signature(place_date: str = "") -> Signature:
    """The PK's second party. The name comes from the setting KINERJA_WALIKOTA_NAMA (an elected
    official: no rank, no NIP)."""
    nama = settings.KINERJA_WALIKOTA_NAMA
    return Signature(place_date=place_date, position="WALIKOTA BANJARBARU,", name=nama)


PCT_FORMULA = (
    "=IF(AND(ISNUMBER({{{num}}}{{row}}),ISNUMBER({{{den}}}{{row}}),{{{den}}}{{row}}>0),"
    '{{{num}}}{{row}}/{{{den}}}{{row}}*100,"")'
)


def pct_formula(num: str, den: str) -> str:
    """An XLSX formula num / den x 100 between the columns titled `num` and `den` of a row."""
    return PCT_FORMULA.format(num=num, den=den)


def sum_formula(column: str) -> str:
    """A total row's formula: the column's data rows above it."""
    return f"=SUM({{{column}}}{{first}}:{{{column}}}{{prev}})"
