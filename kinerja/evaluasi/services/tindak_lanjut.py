"""The evaluator's result (LHE) and the follow-up of each recommendation (D157).

The evaluator (auditor role) records the LHE of a closed evaluation and its recommendations, each with
a responsible Bidang and a due date. That Bidang (its staf or Kepala Bidang) and the Perencana write the
plan and move the status; a recommendation is closed only with evidence. Every change is audited.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kinerja.audit.services import audit_record
from kinerja.organisation.models import Bidang, Role
from kinerja.organisation.permissions import bidang_kode, has_role

from ..models import Bukti, Evaluasi, Lhe, Rekomendasi, StatusTindakLanjut
from .bukti import simpan_berkas_bukti, simpan_bukti


def _evaluator(user) -> None:
    if not has_role(user, Role.AUDITOR):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) yang mencatat LHE dan rekomendasinya."
        )


def boleh_menindaklanjuti(user, rekomendasi: Rekomendasi) -> bool:
    if has_role(user, Role.PERENCANA):
        return True
    return has_role(user, Role.STAF, Role.KABID) and bidang_kode(user) == rekomendasi.bidang.kode


@transaction.atomic
def lhe_simpan(*, user, evaluasi: Evaluasi, nomor: str, tanggal: dt.date, ringkasan: str) -> Lhe:
    _evaluator(user)
    if not evaluasi.ditutup:
        raise ValidationError("LHE dicatat setelah evaluator menutup evaluasi tahun ini.")
    if not nomor.strip():
        raise ValidationError("Nomor LHE wajib diisi.")
    lhe, dibuat = Lhe.objects.update_or_create(
        evaluasi=evaluasi,
        defaults={"nomor": nomor.strip(), "tanggal": tanggal, "ringkasan": ringkasan.strip()},
    )
    audit_record(
        user=user,
        aksi="lhe_catat" if dibuat else "lhe_ubah",
        objek_jenis="evaluasi.lhe",
        objek_id=str(evaluasi.tahun),
        sesudah={"nomor": lhe.nomor, "tanggal": tanggal, "ringkasan": lhe.ringkasan},
    )
    return lhe


@transaction.atomic
def rekomendasi_tambah(
    *, user, lhe: Lhe, teks: str, bidang_kode_: str, batas_waktu: dt.date
) -> Rekomendasi:
    _evaluator(user)
    if not teks.strip():
        raise ValidationError("Teks rekomendasi wajib diisi.")
    bidang = Bidang.objects.filter(kode=bidang_kode_).first()
    if bidang is None:
        raise ValidationError(f"Bidang '{bidang_kode_}' tidak dikenal.")
    nomor = (lhe.rekomendasi.order_by("-nomor").values_list("nomor", flat=True).first() or 0) + 1
    row = Rekomendasi.objects.create(
        lhe=lhe, nomor=nomor, teks=teks.strip(), bidang=bidang, batas_waktu=batas_waktu
    )
    audit_record(
        user=user,
        aksi="rekomendasi_tambah",
        objek_jenis="evaluasi.rekomendasi",
        objek_id=f"{lhe.evaluasi.tahun}/{nomor}",
        sesudah={"teks": row.teks, "bidang": bidang.kode, "batas_waktu": batas_waktu},
    )
    return row


@transaction.atomic
def tindak_lanjut_ubah(*, user, rekomendasi: Rekomendasi, rencana: str, status: str) -> Rekomendasi:
    if not boleh_menindaklanjuti(user, rekomendasi):
        raise PermissionDenied("Hanya Bidang penanggung jawab dan Perencana yang menindaklanjuti.")
    if status not in StatusTindakLanjut.values:
        raise ValidationError(f"Status '{status}' tidak dikenal.")
    row = Rekomendasi.objects.select_for_update().get(pk=rekomendasi.pk)
    if status == StatusTindakLanjut.SELESAI and not Bukti.objects.filter(rekomendasi=row).exists():
        raise ValidationError("Tindak lanjut tidak dapat dinyatakan selesai tanpa bukti.")
    sebelum = {"rencana": row.rencana, "status": row.status}
    row.rencana = rencana.strip()
    row.status = status
    row.diselesaikan_pada = timezone.now() if status == StatusTindakLanjut.SELESAI else None
    row.save()
    audit_record(
        user=user,
        aksi="tindak_lanjut_ubah",
        objek_jenis="evaluasi.rekomendasi",
        objek_id=f"{row.lhe.evaluasi.tahun}/{row.nomor}",
        sebelum=sebelum,
        sesudah={"rencana": row.rencana, "status": row.status},
    )
    return row


@transaction.atomic
def tautkan_tindak_lanjut(*, user, rekomendasi: Rekomendasi, jenis: str, acuan: str) -> Bukti:
    if not boleh_menindaklanjuti(user, rekomendasi):
        raise PermissionDenied(
            "Hanya Bidang penanggung jawab dan Perencana yang menambahkan bukti."
        )
    return simpan_bukti(user=user, jenis=jenis, acuan=acuan, rekomendasi=rekomendasi)


@transaction.atomic
def unggah_tindak_lanjut(*, user, rekomendasi: Rekomendasi, name: str, chunks) -> Bukti:
    """Attach an uploaded file as evidence of a follow-up (the same people who link evidence)."""
    if not boleh_menindaklanjuti(user, rekomendasi):
        raise PermissionDenied(
            "Hanya Bidang penanggung jawab dan Perencana yang menambahkan bukti."
        )
    if not name:
        raise ValidationError("Pilih berkas yang akan diunggah.")
    return simpan_berkas_bukti(user=user, name=name, chunks=chunks, rekomendasi=rekomendasi)


def tindak_lanjut_terbuka(user) -> QuerySet[Rekomendasi]:
    """Recommendations not yet closed, oldest due date first: a Bidang's people see their Bidang's."""
    qs = (
        Rekomendasi.objects.exclude(status=StatusTindakLanjut.SELESAI)
        .select_related("lhe__evaluasi", "bidang")
        .order_by("batas_waktu", "lhe__evaluasi__tahun", "nomor")
    )
    if has_role(user, Role.STAF, Role.KABID):
        return qs.filter(bidang__kode=bidang_kode(user))
    return qs
