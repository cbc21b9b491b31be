"""The position table (the Perencana's): create or change a position; audited."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict

from kinerja.audit.services import audit_record

from ..models import Jabatan, JenisJabatan
from .pk import PKRefused, _require_keeper

FIELDS = ("kode", "jenis", "nama", "bidang", "seksi", "atasan", "pemegang_nama",
          "pemegang_nip", "pemegang_pangkat", "urutan")  # fmt: skip


def jabatan_refusal(data: dict, jabatan: Jabatan | None) -> str | None:
    if not data.get("kode") or not data.get("nama") or not data.get("pemegang_nama"):
        return "Kode, nama jabatan dan nama pemegang wajib diisi."
    if data.get("jenis") not in JenisJabatan.values:
        return "Jenis jabatan tidak dikenal."
    nip = data.get("pemegang_nip") or ""
    if nip and (not nip.isdigit() or len(nip) != 18):
        return "NIP harus 18 angka."
    atasan = data.get("atasan")
    if (data["jenis"] == JenisJabatan.KEPALA_DINAS) != (atasan is None):
        return "Setiap jabatan selain Kepala Dinas harus punya atasan; Kepala Dinas tidak."
    if jabatan is not None and atasan is not None and atasan.pk == jabatan.pk:
        return "Jabatan tidak dapat menjadi atasan dirinya sendiri."
    needs_bidang = data["jenis"] not in (JenisJabatan.KEPALA_DINAS, JenisJabatan.SEKRETARIS)
    if needs_bidang and data.get("bidang") is None:
        return "Kepala Bidang, Kepala Seksi dan pejabat fungsional harus punya bidang."
    return None


@transaction.atomic
def jabatan_save(*, data: dict, user, jabatan: Jabatan | None = None) -> Jabatan:
    _require_keeper(user)
    if refusal := jabatan_refusal(data, jabatan):
        raise PKRefused(refusal, "input")
    before = None if jabatan is None else model_to_dict(jabatan, fields=FIELDS)
    row = jabatan or Jabatan(kode_kabkota=settings.KINERJA_KODE_WILAYAH)
    for f in FIELDS:
        setattr(row, f, data[f])
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise PKRefused(f"Kode jabatan '{row.kode}' sudah dipakai.", "input") from None
    audit_record(
        user=user, aksi="jabatan_simpan", objek_jenis="jabatan", objek_id=row.kode,
        sebelum=before, sesudah=model_to_dict(row, fields=FIELDS),
    )  # fmt: skip
    return row
