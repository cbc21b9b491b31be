"""Setting Renstra and PK targets, from the grid or an import file; every change audited."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.lib import parsing

from ..models import JenisTarget, Target
from ..periods import Periode, periode_nama
from .catalogue import indikator_for

TAHUN_MIN, TAHUN_MAX = 2000, 2100


@dataclass(frozen=True)
class TargetInput:
    indikator_kode: str
    tahun: int
    triwulan: int | None
    jenis: str
    nilai: Decimal

    @property
    def periode(self) -> Periode:
        return Periode(self.tahun, self.triwulan)


def target_clean(
    *, indikator: object, tahun: object, triwulan: object, jenis: object, target: object
) -> TargetInput:
    """Read and check one target (raw cell values); raises ValidationError in Indonesian."""
    errors: list[str] = []

    def blank(v: object) -> bool:
        return v is None or str(v).strip() == ""

    for name, value in (
        ("indikator", indikator),
        ("tahun", tahun),
        ("jenis", jenis),
        ("target", target),
    ):
        if blank(value):
            errors.append(f"{name} wajib diisi")
    if errors:
        raise ValidationError("; ".join(errors))
    try:
        tahun_i = parsing.bilangan_bulat(tahun, label="tahun", low=TAHUN_MIN, high=TAHUN_MAX)
        triwulan_i = (
            None
            if blank(triwulan)
            else parsing.bilangan_bulat(triwulan, label="triwulan", low=1, high=4)
        )
        jenis_s = parsing.kode(jenis, frozenset(JenisTarget.values), label="jenis")
        nilai = parsing.angka(target, label="target")
    except parsing.ParseError as exc:
        raise ValidationError(str(exc)) from None
    exponent = nilai.as_tuple().exponent  # a letter for NaN and Infinity
    if not isinstance(exponent, int) or exponent < -4 or nilai >= Decimal(10) ** 10:
        raise ValidationError(f"target '{target}' terlalu panjang (paling banyak 4 angka desimal)")
    periode = Periode(tahun_i, triwulan_i)
    ind = indikator_for(str(indikator), periode)
    if ind is None:
        raise ValidationError(
            f"indikator '{str(indikator).strip()}' tidak ada dalam katalog IKU yang berlaku "
            f"pada {periode_nama(periode).lower()}"
        )
    if jenis_s == JenisTarget.RENSTRA:
        if triwulan_i is not None:
            raise ValidationError("target Renstra hanya tahunan: kosongkan triwulan")
        keputusan = ind.keputusan  # the version in force, which holds the indicator
        if not keputusan.periode_awal <= tahun_i <= keputusan.periode_akhir:
            raise ValidationError(
                f"tahun {tahun_i} di luar periode Renstra "
                f"{keputusan.periode_awal}-{keputusan.periode_akhir}"
            )
    return TargetInput(ind.kode, tahun_i, triwulan_i, jenis_s, nilai)


def _snapshot(t: Target) -> dict:
    return {
        "indikator": t.indikator_kode,
        "tahun": t.tahun,
        "triwulan": t.triwulan,
        "jenis": t.jenis,
        "target": format(t.nilai.normalize(), "f") if t.nilai is not None else None,
    }


@transaction.atomic
def target_set(
    *, data: TargetInput, actor=None, impor=None, baris: int | None = None
) -> tuple[Target, str]:
    """Create or update one target. Returns (target, 'dibuat' | 'diubah' | 'tetap')."""
    existing = (
        Target.objects.select_for_update()
        .of_period(data.indikator_kode, data.tahun, data.triwulan, data.jenis)
        .first()
    )
    if existing is not None and existing.nilai == data.nilai:
        return existing, "tetap"
    before = _snapshot(existing) if existing else None
    target = existing or Target(
        indikator_kode=data.indikator_kode,
        tahun=data.tahun,
        triwulan=data.triwulan,
        jenis=data.jenis,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    target.nilai = data.nilai
    target.updated_by = actor if getattr(actor, "pk", None) else None
    target.impor = impor
    target.impor_baris = baris
    target._change_reason = "impor" if impor else "isian"  # type: ignore[union-attr]  # read by simple_history
    target.save()
    audit_record(
        user=actor,
        aksi="ubah_target" if existing else "buat_target",
        objek_jenis="target",
        objek_id=str(target.pk),
        sebelum=before,
        sesudah=_snapshot(target) | ({"impor": impor.pk, "baris": baris} if impor else {}),
    )
    return target, "diubah" if existing else "dibuat"


@transaction.atomic
def target_delete(*, target: Target, actor=None) -> None:
    before = _snapshot(target)
    pk = target.pk
    target.delete()
    audit_record(
        user=actor, aksi="hapus_target", objek_jenis="target", objek_id=str(pk), sebelum=before
    )


GridKey = tuple[str, int, int | None, str]  # (indikator, tahun, triwulan, jenis)


@transaction.atomic
def target_grid_save(
    *, cells: list[tuple[GridKey, TargetInput | None]], actor=None
) -> tuple[int, int]:
    """Apply the cells a grid save sent: a value sets its target, None (sent empty) deletes it.

    Cells not in `cells` are not touched: the caller passes only what the request carried, so a
    POST without a field never deletes. Returns (changed, deleted).
    """
    changed = deleted = 0
    for (kode, tahun, triwulan, jenis), data in cells:
        if data is None:
            target = Target.objects.of_period(kode, tahun, triwulan, jenis).first()
            if target is not None:
                target_delete(target=target, actor=actor)
                deleted += 1
            continue
        _, how = target_set(data=data, actor=actor)
        changed += how != "tetap"
    return changed, deleted
