"""Typed values: entry by the responsible Bidang's staf, then submit -> verify -> approve.

The roles are the IKU's (`organisation.permissions.workflow_refusal`: staf, Kepala Bidang of the
indicator's Bidang, Kepala Dinas). Approval freezes the value with its evidence hashes (`beku_*`, and
`beku_hash` = SHA-256 over the value and the sorted evidence hashes); a frozen value refuses every
change until the Kepala Dinas reopens it with a reason.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kinerja.audit.services import audit_head_hash, audit_record
from kinerja.lib.dates import today
from kinerja.organisation.permissions import workflow_refusal
from kinerja.performance.models import Status
from kinerja.performance.services.workflow import AKSI_NAMA, TRANSITIONS

from ..models import (
    BuktiDukung,
    Frekuensi,
    IndikatorKinerja,
    JenisIndikator,
    LangkahRealisasi,
    Realisasi,
)


class RealisasiRefused(Exception):
    """Refused with an Indonesian message; `kind`: role/state/input (like WorkflowRefused)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def periode_start(indikator: IndikatorKinerja, tahun: int, periode: int) -> dt.date:
    month = periode if indikator.frekuensi == Frekuensi.BULAN else (periode - 1) * 3 + 1
    return dt.date(tahun, month, 1)


def periode_nama(indikator: IndikatorKinerja, tahun: int, periode: int) -> str:
    if indikator.frekuensi == Frekuensi.BULAN:
        return f"bulan {periode} {tahun}"
    return f"triwulan {periode} {tahun}"


def entry_refusal(user, indikator: IndikatorKinerja, tahun: int, periode: int) -> str | None:
    """Why `user` may not type or evidence this value (role, then period); None when allowed."""
    if indikator.jenis != JenisIndikator.DIKETIK:
        return "Indikator ini dihitung dari registri; realisasinya tidak diketik."
    refusal = workflow_refusal(user, "submit", indikator.bidang.kode if indikator.bidang else "")
    if refusal:
        return refusal.replace("langkah ini", "mengisi realisasi ini")
    if indikator.renstra.dikunci:
        return f"{indikator.renstra} sudah dikunci; realisasinya tidak dapat diubah."
    if tahun not in indikator.renstra.tahun or not 1 <= periode <= indikator.periode_maks:
        return "Periode di luar Renstra atau frekuensi indikator ini."
    if tahun not in (berlaku := indikator.renstra.tahun_berlaku):
        return (
            f"{indikator.renstra} berlaku {berlaku.start}–{berlaku.stop - 1}; realisasi tahun "
            f"{tahun} diisi di pohon kinerja versi yang berlaku tahun itu."
        )
    if periode_start(indikator, tahun, periode) > today():
        return f"{periode_nama(indikator, tahun, periode).capitalize()} belum dimulai."
    return None


def _state_refusal(row: Realisasi | None) -> str | None:
    if row is None or row.status == Status.DRAFT:
        return None
    if row.status == Status.APPROVED:
        return (
            f"Realisasi ini sudah disetujui dan dibekukan (nilai {row.beku_nilai}); "
            "perubahan ditolak. Minta Kepala Dinas membukanya kembali bila perlu diperbaiki."
        )
    return f"Realisasi ini berstatus {row.get_status_display()}; ubah setelah dikembalikan ke Draf."


@transaction.atomic
def realisasi_save(
    *, indikator: IndikatorKinerja, tahun: int, periode: int, nilai: Decimal, catatan: str, user
) -> Realisasi:
    refusal = entry_refusal(user, indikator, tahun, periode)
    if refusal:
        raise RealisasiRefused(refusal, "role")
    row = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, periode=periode)
        .first()
    )
    refusal = _state_refusal(row)
    if refusal:
        raise RealisasiRefused(refusal, "state")
    before = {"nilai": str(row.nilai), "catatan": row.catatan} if row else None
    if row is None:
        row = Realisasi(indikator=indikator, tahun=tahun, periode=periode)
    row.nilai, row.catatan, row.diisi_oleh = nilai, catatan.strip(), user
    row.save()
    audit_record(
        user=user,
        aksi="realisasi_isi",
        objek_jenis="realisasi",
        objek_id=f"{indikator.renstra_id}:{indikator.kode} {tahun}/{periode}",
        sebelum=before,
        sesudah={"nilai": str(nilai), "catatan": row.catatan},
    )
    return row


def evidence_refusal(user, realisasi: Realisasi) -> str | None:
    return entry_refusal(
        user, realisasi.indikator, realisasi.tahun, realisasi.periode
    ) or _state_refusal(realisasi)


@transaction.atomic
def bukti_remove(*, bukti: BuktiDukung, user) -> None:
    """Take an evidence file off a draft value (kept on disk and in the database, `aktif=False`)."""
    realisasi = Realisasi.objects.select_for_update().get(pk=bukti.realisasi_id)
    refusal = evidence_refusal(user, realisasi)
    if refusal:
        raise RealisasiRefused(refusal, "state")
    bukti.aktif = False
    bukti.save(update_fields=["aktif"])
    audit_record(
        user=user,
        aksi="bukti_lepas",
        objek_jenis="realisasi",
        objek_id=str(bukti.realisasi_id),
        sebelum={"bukti": bukti.pk, "sha256": bukti.sha256},
    )


def frozen_hash(nilai: Decimal, bukti: list[dict]) -> str:
    payload = {
        "nilai": str(Decimal(nilai).quantize(Decimal("0.0001"))),
        "bukti": sorted(b["sha256"] for b in bukti),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def realisasi_transition(*, aksi: str, realisasi: Realisasi, user, alasan: str = "") -> Realisasi:
    """One approval step of a typed value, or RealisasiRefused."""
    if aksi not in TRANSITIONS:
        raise RealisasiRefused(f"Aksi tidak dikenal: {aksi}.", "input")
    row = (
        Realisasi.objects.select_for_update(of=("self",))
        .select_related("indikator__bidang")
        .get(pk=realisasi.pk)
    )
    ind = row.indikator
    refusal = workflow_refusal(user, aksi, ind.bidang.kode if ind.bidang else "")
    if refusal:
        raise RealisasiRefused(refusal, "role")
    allowed_from, target = TRANSITIONS[aksi]
    if row.status not in allowed_from:
        raise RealisasiRefused(
            f"Tidak dapat {AKSI_NAMA[aksi]} realisasi {ind.kode}: status saat ini "
            f"{row.get_status_display()}.",
            "state",
        )
    alasan = (alasan or "").strip()
    if aksi == "reopen" and not alasan:
        raise RealisasiRefused("Membuka kembali realisasi wajib disertai alasan.", "input")
    bukti = [
        {"id": b.pk, "nama": b.nama_file, "sha256": b.sha256, "ukuran": b.ukuran}
        for b in row.bukti.filter(aktif=True).order_by("id")
    ]
    if aksi == "submit" and not bukti:
        raise RealisasiRefused(
            "Lampirkan sedikitnya satu bukti dukung sebelum mengajukan.", "input"
        )
    before = {"status": row.status, "nilai": str(row.nilai)}
    LangkahRealisasi.objects.create(
        realisasi=row,
        aksi=aksi,
        dari=row.status,
        ke=target,
        pengguna=user,
        alasan=alasan,
        nilai=row.nilai,
    )
    now = timezone.now()
    after: dict = {"status": target, "nilai": str(row.nilai)}
    if aksi == "submit":
        row.diajukan_oleh, row.diajukan_pada = user, now
    elif aksi == "verify":
        row.diverifikasi_oleh, row.diverifikasi_pada = user, now
    elif aksi == "approve":
        row.disetujui_oleh, row.disetujui_pada = user, now
        row.beku_nilai, row.beku_bukti = row.nilai, bukti
        row.beku_hash = frozen_hash(row.nilai, bukti)
        row.hash_audit = audit_head_hash()
        row.putaran += 1
        after |= {"beku_hash": row.beku_hash, "bukti": bukti, "hash_audit": row.hash_audit}
    else:  # reopen
        before |= {"beku_hash": row.beku_hash}
        row.diajukan_oleh = row.diverifikasi_oleh = row.disetujui_oleh = None
        row.diajukan_pada = row.diverifikasi_pada = row.disetujui_pada = None
        row.beku_nilai, row.beku_bukti, row.beku_hash = None, [], ""
        after["alasan"] = alasan
    row.status = target
    row.save()
    audit_record(
        user=user,
        aksi=f"realisasi_{aksi}",
        objek_jenis="realisasi",
        objek_id=f"{ind.renstra_id}:{ind.kode} {row.tahun}/{row.periode}",
        sebelum=before,
        sesudah=after,
    )
    return row
