"""Changing the achievement scale (the perencana's, audited)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record

from ..achievement import DEFAULT_BANDS
from ..models import BandCapaian


def band_scale(kode_kabkota: str | None = None) -> list[tuple[Decimal | None, str]]:
    """The scale in force, highest band first; the contract's default when none is stored."""
    rows = list(
        BandCapaian.objects.filter(
            kode_kabkota=kode_kabkota or settings.KINERJA_KODE_WILAYAH
        ).values_list("batas_bawah", "label")
    )
    if not rows:
        return list(DEFAULT_BANDS)
    return sorted(rows, key=lambda b: (b[0] is None, -(b[0] if b[0] is not None else 0)))


def band_scale_clean(rows: list[tuple[str, str]]) -> list[tuple[Decimal | None, str]]:
    """[(batas_bawah text, label)] -> a checked scale; empty rows are dropped; last bound may be empty."""
    from kinerja.lib import parsing

    scale: list[tuple[Decimal | None, str]] = []
    errors: list[str] = []
    for i, (batas, label) in enumerate(rows, start=1):
        batas, label = (batas or "").strip(), (label or "").strip()
        if not batas and not label:
            continue
        if not label:
            errors.append(f"baris {i}: predikat wajib diisi")
            continue
        if not batas:
            scale.append((None, label))
            continue
        try:
            value = parsing.angka(batas, label=f"baris {i}: batas bawah")
        except parsing.ParseError as exc:
            errors.append(str(exc))
            continue
        scale.append((value, label))
    bounds = [b for b, _ in scale if b is not None]
    if len(bounds) != len(set(bounds)):
        errors.append("batas bawah tidak boleh sama untuk dua predikat")
    if sum(1 for b, _ in scale if b is None) != 1:
        errors.append(
            "tepat satu predikat harus tanpa batas bawah (untuk capaian di bawah semua batas)"
        )
    if not bounds:
        errors.append("isi sedikitnya satu batas bawah")
    if errors:
        raise ValidationError(errors)
    return sorted(scale, key=lambda b: (b[0] is None, -(b[0] if b[0] is not None else 0)))


@transaction.atomic
def band_scale_set(*, scale: list[tuple[Decimal | None, str]], actor=None) -> None:
    kode = settings.KINERJA_KODE_WILAYAH
    before = band_scale(kode)
    if [(b, label) for b, label in before] == scale:
        return
    BandCapaian.objects.filter(kode_kabkota=kode).delete()
    BandCapaian.objects.bulk_create(
        [BandCapaian(kode_kabkota=kode, batas_bawah=b, label=label) for b, label in scale]
    )
    audit_record(
        user=actor,
        aksi="ubah_skala_capaian",
        objek_jenis="skala_capaian",
        objek_id=kode,
        sebelum={"skala": [[str(b) if b is not None else None, lab] for b, lab in before]},
        sesudah={"skala": [[str(b) if b is not None else None, lab] for b, lab in scale]},
    )
