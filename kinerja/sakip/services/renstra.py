"""Creating, locking and editing a Renstra's tree on screen (the Perencana's; every change audited)."""

from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.indicators.models import Keputusan

from ..models import IndikatorKinerja, Renstra, Simpul


class RenstraRefused(Exception):
    """Refused with an Indonesian message (a locked Renstra, a bad period)."""


def tree_refusal(renstra: Renstra) -> str | None:
    """Why the tree of `renstra` may not be changed: locked (D142), or replaced by a Renstra
    Perubahan, whose copy is where the tree now changes (D252); None when it may."""
    if renstra.dikunci:
        return f"{renstra} sudah dikunci; pohon kinerjanya tidak dapat diubah."
    if (pengganti := renstra.pengganti) is not None:
        return (
            f"{renstra} sudah digantikan Renstra Perubahan versi {pengganti.versi} (berlaku mulai "
            f"{pengganti.berlaku_mulai}); ubah pohon kinerja di versi itu."
        )
    return None


@transaction.atomic
def renstra_create(
    *, nama: str, periode_awal: int, periode_akhir: int, user, kode_kabkota: str | None = None
) -> Renstra:
    """A new Renstra (version 1), linked to the IKU decree versions of the same period."""
    if periode_akhir < periode_awal:
        raise RenstraRefused("Tahun akhir periode tidak boleh sebelum tahun awal.")
    renstra = Renstra(
        nama=nama.strip(),
        periode_awal=periode_awal,
        periode_akhir=periode_akhir,
        berlaku_mulai=periode_awal,
    )
    if kode_kabkota:
        renstra.kode_kabkota = kode_kabkota
    if Renstra.objects.filter(
        kode_kabkota=renstra.kode_kabkota, periode_awal=periode_awal
    ).exists():
        raise RenstraRefused(f"Renstra yang mulai {periode_awal} sudah ada.")
    overlap = Renstra.objects.filter(
        kode_kabkota=renstra.kode_kabkota,
        periode_awal__lte=periode_akhir,
        periode_akhir__gte=periode_awal,
    ).first()
    if overlap is not None:
        raise RenstraRefused(
            f"Periode {periode_awal}–{periode_akhir} bertumpang tindih dengan {overlap}."
        )
    renstra.save()
    renstra.keputusan.set(
        Keputusan.objects.filter(
            kode_wilayah=renstra.kode_kabkota,
            periode_awal=periode_awal,
            periode_akhir=periode_akhir,
        )
    )
    audit_record(
        user=user,
        aksi="renstra_buat",
        objek_jenis="renstra",
        objek_id=str(renstra.pk),
        sesudah={
            "nama": renstra.nama,
            "periode": renstra.periode_label,
            "keputusan": list(renstra.keputusan.values_list("nomor", flat=True)),
        },
    )
    return renstra


@transaction.atomic
def renstra_lock(*, renstra: Renstra, user) -> Renstra:
    """Freeze a Renstra: its tree, targets and typed values become read-only."""
    if renstra.dikunci:
        raise RenstraRefused(f"{renstra} sudah dikunci.")
    renstra.dikunci = True
    renstra.save(update_fields=["dikunci"])
    audit_record(
        user=user,
        aksi="renstra_kunci",
        objek_jenis="renstra",
        objek_id=str(renstra.pk),
        sebelum={"dikunci": False},
        sesudah={"dikunci": True},
    )
    return renstra


SIMPUL_FIELDS = ("uraian", "sasaran", "bidang", "seksi")


@transaction.atomic
def simpul_update(*, simpul: Simpul, user, **fields) -> Simpul:
    """Change a node's text and responsible units; audited field by field."""
    if refusal := tree_refusal(simpul.renstra):
        raise RenstraRefused(refusal)
    before, after = {}, {}
    for name in SIMPUL_FIELDS:
        if name not in fields:
            continue
        old, new = getattr(simpul, name), fields[name]
        if old != new:
            before[name], after[name] = str(old or ""), str(new or "")
            setattr(simpul, name, new)
    if not after:
        return simpul
    simpul.save()
    audit_record(
        user=user,
        aksi="simpul_ubah",
        objek_jenis="simpul",
        objek_id=f"{simpul.renstra_id}:{simpul.kode}",
        sebelum=before,
        sesudah=after,
    )
    return simpul


def indikator_of_renstra(renstra: Renstra) -> int:
    return IndikatorKinerja.objects.filter(renstra=renstra).count()
