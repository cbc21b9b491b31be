"""Perjanjian Kinerja of every position: the draft drawn from the tree (the Perencana's), its
targets, approval and signature (the Kepala Dinas's), and the PK Perubahan that keeps the original.

Which level of the tree a position's PK holds (PermenPAN-RB 53/2014): the Kepala Dinas the sasaran
strategis (IKU); the Sekretaris and each Kepala Bidang the programmes of their Bidang; a Kepala
Seksi or functional official the kegiatan and sub-kegiatan of their seksi (of their Bidang when no
seksi is named). Every change is audited.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.audit.services import audit_record
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import can_edit_targets, has_role
from kinerja.performance.models import JenisTarget, Target

from ..models import (
    IndikatorKinerja,
    IndikatorPK,
    Jabatan,
    JenisIndikator,
    JenisJabatan,
    PerjanjianKinerja,
    Renstra,
    StatusPK,
    Tingkat,
)

TINGKAT_JABATAN: dict[str, tuple[str, ...]] = {
    JenisJabatan.KEPALA_DINAS: (Tingkat.SASARAN,),
    JenisJabatan.SEKRETARIS: (Tingkat.PROGRAM,),
    JenisJabatan.KEPALA_BIDANG: (Tingkat.PROGRAM,),
    JenisJabatan.KEPALA_SEKSI: (Tingkat.KEGIATAN, Tingkat.SUB_KEGIATAN),
    JenisJabatan.FUNGSIONAL: (Tingkat.KEGIATAN, Tingkat.SUB_KEGIATAN),
}
TARGET_FIELDS = ("target_tahun", "target_tw1", "target_tw2", "target_tw3", "target_tw4")


class PKRefused(Exception):
    """Refused with an Indonesian message; `kind`: role/state/input."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Pihak:
    nama: str
    jabatan: str
    nip: str = ""
    pangkat: str = ""


def pihak_of(jabatan: Jabatan) -> tuple[Pihak, Pihak]:
    """Pihak pertama (the holder) and pihak kedua (the superior; the Walikota for the Kepala Dinas)."""
    pertama = Pihak(
        jabatan.pemegang_nama, jabatan.nama, jabatan.pemegang_nip, jabatan.pemegang_pangkat
    )
    atasan = jabatan.atasan
    if atasan is None:
        return pertama, Pihak(settings.KINERJA_WALIKOTA_NAMA, "Walikota")
    kedua = Pihak(atasan.pemegang_nama, atasan.nama, atasan.pemegang_nip, atasan.pemegang_pangkat)
    return pertama, kedua


def indikator_for_jabatan(jabatan: Jabatan, renstra: Renstra) -> QuerySet[IndikatorKinerja]:
    """The tree's indicators a position's PK holds, in tree order."""
    qs = IndikatorKinerja.objects.filter(
        renstra=renstra, simpul__tingkat__in=TINGKAT_JABATAN[jabatan.jenis]
    )
    if jabatan.jenis in (JenisJabatan.SEKRETARIS, JenisJabatan.KEPALA_BIDANG):
        qs = qs.filter(simpul__bidang=jabatan.bidang)
    elif jabatan.jenis in (JenisJabatan.KEPALA_SEKSI, JenisJabatan.FUNGSIONAL):
        if jabatan.seksi:
            qs = qs.filter(Q(simpul__seksi=jabatan.seksi) | Q(simpul__induk__seksi=jabatan.seksi))
        else:
            qs = qs.filter(
                Q(simpul__induk__bidang=jabatan.bidang)
                | Q(simpul__induk__induk__bidang=jabatan.bidang)
            )
    return qs.order_by("simpul__urutan", "urutan", "id")


def tree_targets(ind: IndikatorKinerja, tahun: int) -> dict[str, Decimal | None]:
    """The targets the tree (or, for a computed indicator, the IKU's PK targets) holds."""
    out: dict[str, Decimal | None] = dict.fromkeys(TARGET_FIELDS)
    rows = dict(ind.target.filter(tahun=tahun).values_list("periode", "nilai"))
    monthly = ind.periode_maks == 12
    out["target_tahun"] = rows.get(None)
    for q in (1, 2, 3, 4):
        out[f"target_tw{q}"] = rows.get(q * 3 if monthly else q)
    if ind.jenis == JenisIndikator.DIHITUNG and not rows:
        for tw, nilai in Target.objects.filter(
            indikator_kode=ind.iku_kode, tahun=tahun, jenis=JenisTarget.PK
        ).values_list("triwulan", "nilai"):
            out["target_tahun" if tw is None else f"target_tw{tw}"] = nilai
    return out


def _require_keeper(user) -> None:
    if not can_edit_targets(user):
        raise PKRefused("Hanya Perencana yang menyusun draf Perjanjian Kinerja.", "role")


def _snapshot(pk: PerjanjianKinerja) -> dict:
    return {
        r.indikator.kode: [
            None if getattr(r, f) is None else str(getattr(r, f)) for f in TARGET_FIELDS
        ]
        for r in pk.indikator.select_related("indikator")
    }


@transaction.atomic
def pk_draft(*, jabatan: Jabatan, tahun: int, user) -> PerjanjianKinerja:
    """Versi 1 of a position's PK for `tahun`, its indicators and targets drawn from the tree."""
    _require_keeper(user)
    renstra = Renstra.objects.for_year(tahun, jabatan.kode_kabkota)
    if renstra is None:
        raise PKRefused(f"Belum ada Renstra yang mencakup tahun {tahun}.", "input")
    if PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun).exists():
        raise PKRefused(f"PK {tahun} untuk {jabatan.nama} sudah ada.", "state")
    pk = PerjanjianKinerja.objects.create(jabatan=jabatan, renstra=renstra, tahun=tahun)
    IndikatorPK.objects.bulk_create(
        IndikatorPK(pk_dokumen=pk, indikator=ind, urutan=n, **tree_targets(ind, tahun))
        for n, ind in enumerate(indikator_for_jabatan(jabatan, renstra))
    )
    audit_record(
        user=user, aksi="pk_draf", objek_jenis="perjanjian_kinerja", objek_id=str(pk.pk),
        sesudah={"jabatan": jabatan.kode, "tahun": tahun, "indikator": _snapshot(pk)},
    )  # fmt: skip
    return pk


@transaction.atomic
def pk_targets_save(
    *, pk: PerjanjianKinerja, targets: dict[int, dict[str, Decimal | None]], user
) -> int:
    """Set the targets of a draft's indicators ({IndikatorPK id: {field: value}}); the count changed."""
    _require_keeper(user)
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status != StatusPK.DRAFT:
        raise PKRefused("PK ini sudah disetujui; buat PK Perubahan untuk mengubahnya.", "state")
    rows = {r.pk: r for r in pk.indikator.select_related("indikator")}
    if unknown := set(targets) - set(rows):
        raise PKRefused(f"Indikator {sorted(unknown)} bukan bagian PK ini.", "input")
    before, after, changed = {}, {}, 0
    for row_id, values in targets.items():
        row = rows[row_id]
        old = {f: getattr(row, f) for f in TARGET_FIELDS}
        new = old | {f: v for f, v in values.items() if f in TARGET_FIELDS}
        if any(v is not None and v < 0 for v in new.values()):
            raise PKRefused(f"Target {row.indikator.kode} tidak boleh negatif.", "input")
        if new != old:
            for f, v in new.items():
                setattr(row, f, v)
            row.save()
            before[row.indikator.kode], after[row.indikator.kode] = old, new
            changed += 1
    if changed:
        audit_record(
            user=user, aksi="pk_target", objek_jenis="perjanjian_kinerja", objek_id=str(pk.pk),
            sebelum=before, sesudah=after,
        )  # fmt: skip
    return changed


@transaction.atomic
def pk_approve(*, pk: PerjanjianKinerja, user) -> PerjanjianKinerja:
    """The Kepala Dinas approves and signs; the parties' names are kept as signed."""
    if not has_role(user, Role.KADIS):
        raise PKRefused("Hanya Kepala Dinas yang menyetujui dan menandatangani PK.", "role")
    pk = (
        PerjanjianKinerja.objects.select_for_update(of=("self",))
        .select_related("jabatan__atasan")
        .get(pk=pk.pk)
    )
    if pk.status != StatusPK.DRAFT:
        raise PKRefused("PK ini sudah disetujui.", "state")
    if not pk.indikator.exists():
        raise PKRefused("PK tanpa indikator tidak dapat disetujui.", "input")
    pertama, kedua = pihak_of(pk.jabatan)
    pk.pihak = {"pertama": pertama.__dict__, "kedua": kedua.__dict__}
    pk.status, pk.disetujui_oleh, pk.disetujui_pada = StatusPK.DISETUJUI, user, timezone.now()
    pk.save()
    audit_record(
        user=user, aksi="pk_setujui", objek_jenis="perjanjian_kinerja", objek_id=str(pk.pk),
        sesudah={"pihak": pk.pihak, "indikator": _snapshot(pk)},
    )  # fmt: skip
    return pk


@transaction.atomic
def pk_revise(*, pk: PerjanjianKinerja, alasan: str, user) -> PerjanjianKinerja:
    """A PK Perubahan (after the APBD-P): a new version copying the approved one, which stays as it
    was; indicators added to the tree since are drawn in with the tree's targets."""
    _require_keeper(user)
    alasan = alasan.strip()
    if not alasan:
        raise PKRefused("Tuliskan alasan perubahan (mis. APBD Perubahan).", "input")
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    if pk.status != StatusPK.DISETUJUI:
        raise PKRefused(
            "Hanya PK yang sudah disetujui yang dapat diubah dengan PK Perubahan.", "state"
        )
    if hasattr(pk, "perubahan"):
        raise PKRefused("PK ini sudah punya PK Perubahan; ubah versi terbaru.", "state")
    new = PerjanjianKinerja.objects.create(
        jabatan=pk.jabatan, renstra=pk.renstra, tahun=pk.tahun, versi=pk.versi + 1,
        menggantikan=pk, alasan_perubahan=alasan,
    )  # fmt: skip
    old_rows = {r.indikator_id: r for r in pk.indikator.all()}
    rows = []
    for n, ind in enumerate(indikator_for_jabatan(pk.jabatan, pk.renstra)):
        old = old_rows.get(ind.pk)
        values = {f: getattr(old, f) for f in TARGET_FIELDS} if old else tree_targets(ind, pk.tahun)
        rows.append(IndikatorPK(pk_dokumen=new, indikator=ind, urutan=n, **values))
    IndikatorPK.objects.bulk_create(rows)
    audit_record(
        user=user, aksi="pk_perubahan", objek_jenis="perjanjian_kinerja", objek_id=str(new.pk),
        sebelum={"pk": pk.pk, "versi": pk.versi}, sesudah={"alasan": alasan, "versi": new.versi},
    )  # fmt: skip
    return new


@transaction.atomic
def pk_hapus_draf(*, pk: PerjanjianKinerja, alasan: str, user) -> None:
    """Delete a draft PK, with a reason (D274): a draft made for the wrong position or year, or a PK
    Perubahan begun by mistake (its approved predecessor can then be revised again). A signed PK is
    never deleted. The audit entry keeps the position, year, version and every indicator's targets."""
    _require_keeper(user)
    alasan = alasan.strip()
    if not alasan:
        raise PKRefused("Tuliskan alasan menghapus draf PK.", "input")
    if len(alasan) > 500:
        raise PKRefused("Alasan paling banyak 500 karakter.", "input")
    pk = PerjanjianKinerja.objects.select_for_update().select_related("jabatan").get(pk=pk.pk)
    if pk.status != StatusPK.DRAFT:
        raise PKRefused("PK yang sudah disetujui tidak dapat dihapus; buat PK Perubahan.", "state")
    audit_record(
        user=user, aksi="pk_hapus_draf", objek_jenis="perjanjian_kinerja", objek_id=str(pk.pk),
        sebelum={
            "jabatan": pk.jabatan.kode, "tahun": pk.tahun, "versi": pk.versi,
            "menggantikan": pk.menggantikan_id, "indikator": _snapshot(pk),
        },
        sesudah={"alasan": alasan},
    )  # fmt: skip
    pk.delete()
