"""Budget lines (the `anggaran` kind): checking and saving one line, audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.lib import parsing

from ..models import Anggaran
from ..periods import Periode
from .catalogue import indikator_for

FIELDS = (
    "nama_program",
    "nama_kegiatan",
    "nama_sub_kegiatan",
    "indikator_kode",
    "pagu",
    "realisasi",
)


@dataclass(frozen=True)
class AnggaranInput:
    tahun: int
    kode_program: str
    kode_kegiatan: str
    kode_sub_kegiatan: str
    nama_program: str
    nama_kegiatan: str
    nama_sub_kegiatan: str
    indikator_kode: str
    pagu: int
    realisasi: int | None


def _text(v: object) -> str:
    return "" if v is None else str(v).strip()


def anggaran_clean(values: dict[str, object]) -> AnggaranInput:
    """One row of an `anggaran` file (keys = lower-case column names); ValidationError in Indonesian."""
    get = lambda k: _text(values.get(k))  # noqa: E731
    missing = [k for k in ("tahun", "kode_program", "nama_program", "pagu") if not get(k)]
    if missing:
        raise ValidationError("; ".join(f"{k} wajib diisi" for k in missing))
    try:
        tahun = parsing.bilangan_bulat(values["tahun"], label="tahun", low=2000, high=2100)
        pagu = parsing.rupiah(values["pagu"], label="pagu")
        realisasi = (
            parsing.rupiah(values["realisasi"], label="realisasi") if get("realisasi") else None
        )
    except parsing.ParseError as exc:
        raise ValidationError(str(exc)) from None
    if get("kode_sub_kegiatan") and not get("kode_kegiatan"):
        raise ValidationError("kode_sub_kegiatan diisi tanpa kode_kegiatan")
    indikator = ""
    if get("indikator"):
        ind = indikator_for(get("indikator"), Periode(tahun))
        if ind is None:
            raise ValidationError(
                f"indikator '{get('indikator')}' tidak ada dalam katalog IKU tahun {tahun}"
            )
        indikator = ind.kode
    return AnggaranInput(
        tahun=tahun,
        kode_program=get("kode_program").upper(),
        kode_kegiatan=get("kode_kegiatan").upper(),
        kode_sub_kegiatan=get("kode_sub_kegiatan").upper(),
        nama_program=get("nama_program"),
        nama_kegiatan=get("nama_kegiatan"),
        nama_sub_kegiatan=get("nama_sub_kegiatan"),
        indikator_kode=indikator,
        pagu=pagu,
        realisasi=realisasi,
    )


def _snapshot(a: Anggaran) -> dict:
    return {
        f: getattr(a, f)
        for f in ("tahun", "kode_program", "kode_kegiatan", "kode_sub_kegiatan", *FIELDS)
    }


@transaction.atomic
def anggaran_set(
    *, data: AnggaranInput, actor=None, impor=None, baris: int | None = None
) -> tuple[Anggaran, str]:
    """Create or update one budget line. Empty optional cells keep what is stored (never erase)."""
    existing = (
        Anggaran.objects.select_for_update()
        .filter(
            tahun=data.tahun,
            kode_program=data.kode_program,
            kode_kegiatan=data.kode_kegiatan,
            kode_sub_kegiatan=data.kode_sub_kegiatan,
        )
        .first()
    )
    obj = existing or Anggaran(
        tahun=data.tahun,
        kode_program=data.kode_program,
        kode_kegiatan=data.kode_kegiatan,
        kode_sub_kegiatan=data.kode_sub_kegiatan,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    before = _snapshot(existing) if existing else None
    for f in FIELDS:
        value = getattr(data, f)
        if value in ("", None) and existing is not None:
            continue
        setattr(obj, f, value if value is not None else None)
    if existing is not None and _snapshot(obj) == before:
        return existing, "tetap"
    obj.updated_by = actor if getattr(actor, "pk", None) else None
    obj.impor, obj.impor_baris = impor, baris
    obj.save()
    audit_record(
        user=actor,
        aksi="ubah_anggaran" if existing else "buat_anggaran",
        objek_jenis="anggaran",
        objek_id=str(obj.pk),
        sebelum=before,
        sesudah=_snapshot(obj),
    )
    return obj, "diubah" if existing else "dibuat"
