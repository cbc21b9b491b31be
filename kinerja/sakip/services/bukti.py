"""Evidence files (bukti dukung) of typed values: stored by the shared evidence-file store
(`kinerja.lib.berkas`: checked by size, extension and content, kept with their SHA-256, D145), recorded
here as `BuktiDukung` rows of a draft value and audited.
"""

from pathlib import Path

from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.lib.berkas import CONTENT_TYPE, bukti_root, jenis_of, max_bytes, path_of, simpan_berkas
from kinerja.lib.berkas import BerkasDitolak as BuktiRefused

from ..models import BuktiDukung, Realisasi

__all__ = [
    "CONTENT_TYPE",
    "BuktiRefused",
    "bukti_path",
    "bukti_root",
    "bukti_upload",
    "jenis_of",
    "max_bytes",
]


@transaction.atomic
def bukti_upload(*, realisasi: Realisasi, name: str, chunks, user) -> BuktiDukung:
    """Store one evidence file of a draft value, or raise BuktiRefused (nothing kept)."""
    stored = simpan_berkas(name, chunks)
    bukti = BuktiDukung.objects.create(
        realisasi=realisasi,
        nama_file=stored.nama_file,
        berkas=stored.berkas,
        jenis=stored.jenis,
        ukuran=stored.ukuran,
        sha256=stored.sha256,
        diunggah_oleh=user,
    )
    audit_record(
        user=user,
        aksi="bukti_unggah",
        objek_jenis="realisasi",
        objek_id=str(realisasi.pk),
        sesudah={
            "bukti": bukti.pk,
            "nama": bukti.nama_file,
            "sha256": bukti.sha256,
            "ukuran": stored.ukuran,
        },
    )
    return bukti


def bukti_path(bukti: BuktiDukung) -> Path:
    return path_of(bukti.berkas)
