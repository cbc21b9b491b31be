"""The Renstra Perubahan: a new version of a Renstra (after an RPJMD change, say) with a copy of
the whole tree, in force from a year inside the period; the version it replaces is left as it was.

What is copied is what plans: nodes (with their parents), indicators and their targets. What was
done stays with the version it was done in: typed values, evidence, approvals, PKs (D250)."""

from django.db import models, transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from kinerja.audit.services import audit_record

from ..models import (
    IndikatorKinerja,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Simpul,
    TargetIndikator,
)
from ..selectors import TINGKAT_URUT
from .renstra import RenstraRefused


def _fields(model: type[models.Model], *remapped: str) -> list[str]:
    """The columns copied as they are: every concrete field but the key and the remapped links,
    so a field added to the model later is copied without touching this module."""
    skip = {"id", *remapped}
    return [f.attname for f in model._meta.concrete_fields if f.name not in skip]


def perubahan_refusal(renstra: Renstra, berlaku_mulai: int | None, alasan: str) -> str | None:
    """Why a Renstra Perubahan of `renstra` cannot be made (Indonesian), or None (D252)."""
    if not alasan.strip():
        return "Tuliskan alasan Renstra Perubahan (mis. perubahan RPJMD)."
    if renstra.dikunci:
        return f"{renstra} sudah dikunci; Renstra yang dikunci tidak dapat diubah."
    if (pengganti := renstra.pengganti) is not None:
        return (
            f"{renstra} sudah punya Renstra Perubahan (versi {pengganti.versi}); "
            "buat perubahan dari versi terbaru."
        )
    if berlaku_mulai is None:
        return "Tahun berlaku Renstra Perubahan wajib diisi (empat angka)."
    if not renstra.berlaku_mulai < berlaku_mulai <= renstra.periode_akhir:
        return (
            f"Tahun berlaku harus di dalam periode {renstra.periode_label} dan sesudah tahun "
            f"berlakunya versi {renstra.versi} ({renstra.berlaku_mulai})."
        )
    # A year is read from one version only: what was done in a year stays in its version.
    done = [
        (tahun, label)
        for label, tahun in (
            (
                "realisasi",
                Realisasi.objects.filter(indikator__renstra=renstra).aggregate(m=Max("tahun"))["m"],
            ),
            (
                "Perjanjian Kinerja",
                PerjanjianKinerja.objects.filter(renstra=renstra).aggregate(m=Max("tahun"))["m"],
            ),
        )
        if tahun is not None and tahun >= berlaku_mulai
    ]
    if done:
        tahun, label = max(done)
        return (
            f"Versi {renstra.versi} sudah punya {label} tahun {tahun}; Renstra Perubahan harus "
            f"berlaku mulai {tahun + 1} atau sesudahnya."
        )
    return None


@transaction.atomic
def renstra_perubahan(*, renstra: Renstra, berlaku_mulai: int, alasan: str, user) -> Renstra:
    """Version n+1 of `renstra`: same period, kab/kota and IKU decrees, `menggantikan` = version n,
    in force from `berlaku_mulai`, with a copy of the nodes, indicators and targets. Audited with
    the counts copied."""
    renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
    alasan = alasan.strip()
    if refusal := perubahan_refusal(renstra, berlaku_mulai, alasan):
        raise RenstraRefused(refusal)
    first = Renstra.objects.filter(
        kode_kabkota=renstra.kode_kabkota, periode_awal=renstra.periode_awal
    )
    versi = (first.aggregate(m=Max("versi"))["m"] or renstra.versi) + 1
    base = first.filter(versi=1).first() or renstra
    new = Renstra.objects.create(
        kode_kabkota=renstra.kode_kabkota,
        nama=f"{base.nama} (Perubahan, versi {versi})",
        periode_awal=renstra.periode_awal,
        periode_akhir=renstra.periode_akhir,
        versi=versi,
        menggantikan=renstra,
        berlaku_mulai=berlaku_mulai,
        alasan_perubahan=alasan,
    )
    new.keputusan.set(renstra.keputusan.all())
    reason = f"Renstra Perubahan versi {versi}"

    simpul_map: dict[int, int] = {}
    per_tingkat: dict[str, int] = {}
    columns = _fields(Simpul, "renstra", "induk")
    for tingkat in TINGKAT_URUT:  # parents before children, one batch per level
        old = list(Simpul.objects.filter(renstra=renstra, tingkat=tingkat).order_by("id"))
        copies = [
            Simpul(
                renstra=new,
                induk_id=simpul_map[s.induk_id] if s.induk_id else None,
                **{c: getattr(s, c) for c in columns},
            )
            for s in old
        ]
        made = bulk_create_with_history(
            copies, Simpul, default_user=user, default_change_reason=reason
        )
        # bulk_create_with_history returns the rows in the order given, each with its key.
        simpul_map.update({s.pk: m.pk for s, m in zip(old, made, strict=True)})
        per_tingkat[tingkat] = len(made)

    old_ind = list(IndikatorKinerja.objects.filter(renstra=renstra).order_by("id"))
    columns = _fields(IndikatorKinerja, "renstra", "simpul")
    made_ind = bulk_create_with_history(
        [
            IndikatorKinerja(
                renstra=new,
                simpul_id=simpul_map[i.simpul_id],
                **{c: getattr(i, c) for c in columns},
            )
            for i in old_ind
        ],
        IndikatorKinerja,
        default_user=user,
        default_change_reason=reason,
    )
    indikator_map = {i.pk: m.pk for i, m in zip(old_ind, made_ind, strict=True)}

    columns = _fields(TargetIndikator, "indikator")
    made_target = bulk_create_with_history(
        [
            TargetIndikator(
                indikator_id=indikator_map[t.indikator_id], **{c: getattr(t, c) for c in columns}
            )
            for t in TargetIndikator.objects.filter(indikator__renstra=renstra).order_by("id")
        ],
        TargetIndikator,
        default_user=user,
        default_change_reason=reason,
    )
    audit_record(
        user=user,
        aksi="renstra_perubahan",
        objek_jenis="renstra",
        objek_id=str(new.pk),
        sebelum={"renstra": str(renstra), "versi": renstra.versi},
        sesudah={
            "renstra": str(new),
            "versi": new.versi,
            "berlaku_mulai": str(berlaku_mulai),  # a year, not a number with separators
            "alasan": alasan,
            "simpul_disalin": sum(per_tingkat.values()),
            "simpul_per_tingkat": per_tingkat,
            "indikator_disalin": len(made_ind),
            "target_disalin": len(made_target),
        },
    )
    return new
