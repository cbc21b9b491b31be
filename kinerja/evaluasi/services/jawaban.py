"""Answering criteria, closing and reopening a year's evaluation. Every change is audited.

The Perencana answers for the Dinas (self-assessment); the auditor role (Inspektorat) scores, and
nobody else can. A closed evaluation refuses every change until the evaluator reopens it with a reason.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit.services import audit_record
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import has_role

from ..models import Evaluasi, Jawaban, Kriteria, Lke, StatusEvaluasi

SISI_PERAN = {"mandiri": Role.PERENCANA, "evaluator": Role.AUDITOR}


def sisi_pengguna(user) -> str | None:
    """Which side of the worksheet `user` fills: 'mandiri', 'evaluator' or None (reads only)."""
    for sisi, peran in SISI_PERAN.items():
        if has_role(user, peran):
            return sisi
    return None


def lke_berlaku(tahun: int) -> Lke | None:
    return Lke.objects.filter(berlaku_mulai__lte=tahun).order_by("-berlaku_mulai").first()


def evaluasi_tahun(tahun: int) -> Evaluasi | None:
    """That year's evaluation, started on the worksheet version in force; None without one."""
    found = Evaluasi.objects.filter(tahun=tahun).select_related("lke").first()
    if found is not None:
        return found
    lke = lke_berlaku(tahun)
    if lke is None:
        return None
    evaluasi, _ = Evaluasi.objects.get_or_create(tahun=tahun, defaults={"lke": lke})
    return evaluasi


def pilihan_jawaban(kriteria: Kriteria, lke: Lke, jawaban: str) -> tuple[str, Decimal | None]:
    """`jawaban` as written on the criterion's scale and its value; ("", None) for no answer."""
    if not jawaban.strip():
        return "", None
    for label, nilai in lke.skala[kriteria.sub_komponen.skala]:
        if label.casefold() == jawaban.strip().casefold():
            return label, Decimal(nilai)
    pilihan = ", ".join(label for label, _ in lke.skala[kriteria.sub_komponen.skala])
    raise ValidationError(f"Jawaban '{jawaban}' di luar skala kriteria ini (pilihan: {pilihan}).")


def _terbuka(evaluasi: Evaluasi) -> None:
    if evaluasi.status == StatusEvaluasi.DITUTUP:
        raise ValidationError(
            "Evaluasi tahun ini sudah ditutup evaluator; tidak ada yang dapat diubah sebelum "
            "evaluator membukanya kembali."
        )


@transaction.atomic
def jawab(*, user, evaluasi: Evaluasi, kriteria: Kriteria, jawaban: str, catatan: str) -> Jawaban:
    sisi = sisi_pengguna(user)
    if sisi is None:
        raise PermissionDenied(
            "Hanya Perencana (penilaian mandiri) dan evaluator yang mengisi LKE."
        )
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    _terbuka(evaluasi)
    if kriteria.sub_komponen.komponen.lke_id != evaluasi.lke_id:
        raise ValidationError("Kriteria ini bukan bagian dari LKE tahun ini.")
    label, nilai = pilihan_jawaban(kriteria, evaluasi.lke, jawaban)
    row, _ = Jawaban.objects.get_or_create(evaluasi=evaluasi, kriteria=kriteria)
    sebelum = {
        "jawaban": getattr(row, f"{sisi}_jawaban"),
        "nilai": getattr(row, f"{sisi}_nilai"),
        "catatan": getattr(row, f"{sisi}_catatan"),
    }
    setattr(row, f"{sisi}_jawaban", label)
    setattr(row, f"{sisi}_nilai", nilai)
    setattr(row, f"{sisi}_catatan", catatan.strip())
    row.save()
    audit_record(
        user=user,
        aksi=f"lke_jawab_{sisi}",
        objek_jenis="evaluasi.jawaban",
        objek_id=f"{evaluasi.tahun}/{kriteria.sub_komponen.kode}.{kriteria.nomor}",
        sebelum=sebelum,
        sesudah={"jawaban": label, "nilai": nilai, "catatan": catatan.strip()},
    )
    return row


def _hanya_evaluator(user) -> None:
    if not has_role(user, Role.AUDITOR):
        raise PermissionDenied("Hanya evaluator (Inspektorat) yang menutup atau membuka evaluasi.")


@transaction.atomic
def tutup(*, user, evaluasi: Evaluasi) -> Evaluasi:
    _hanya_evaluator(user)
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    _terbuka(evaluasi)
    evaluasi.status = StatusEvaluasi.DITUTUP
    evaluasi.ditutup_oleh = user
    evaluasi.ditutup_pada = timezone.now()
    evaluasi.save()
    audit_record(
        user=user,
        aksi="lke_tutup",
        objek_jenis="evaluasi.evaluasi",
        objek_id=str(evaluasi.tahun),
        sebelum={"status": StatusEvaluasi.TERBUKA},
        sesudah={"status": StatusEvaluasi.DITUTUP},
    )
    return evaluasi


@transaction.atomic
def buka_kembali(*, user, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    _hanya_evaluator(user)
    if not alasan.strip():
        raise ValidationError("Tuliskan alasan membuka kembali evaluasi.")
    evaluasi = Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)
    if evaluasi.status != StatusEvaluasi.DITUTUP:
        raise ValidationError("Evaluasi ini belum ditutup.")
    evaluasi.status = StatusEvaluasi.TERBUKA
    evaluasi.save()
    audit_record(
        user=user,
        aksi="lke_buka_kembali",
        objek_jenis="evaluasi.evaluasi",
        objek_id=str(evaluasi.tahun),
        sebelum={"status": StatusEvaluasi.DITUTUP},
        sesudah={"status": StatusEvaluasi.TERBUKA, "alasan": alasan.strip()},
    )
    return evaluasi
