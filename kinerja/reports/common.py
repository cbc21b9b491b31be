"""What every document shares: letterhead, signatory, formats."""

from decimal import Decimal

from django.conf import settings

from kinerja.lib.dates import tanggal_indonesia, today
from kinerja.lib.numbers import format_angka, format_persen
from kinerja.organisation.models import Organisasi

from .document import Letterhead, Signature, Value


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
    """A cell as text, Indonesian style (87,50 · 1.234.567 · Rp 1.500.000)."""
    if value is None or value == "":
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
