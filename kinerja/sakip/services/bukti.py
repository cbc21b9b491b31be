"""Evidence files (bukti dukung): checked by size, extension and content, kept with their SHA-256.

A file is accepted only when its extension is one of PDF, PNG, JPEG, XLSX, DOCX *and* its first bytes
(magic) are those of that type (an XLSX/DOCX must also be a zip holding the workbook/document part),
so a script renamed `.pdf` is refused. Files live under MEDIA_ROOT/bukti/ with random names, owner
only, and are never served by the web server: the download view sends them as attachments.
"""

import hashlib
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.registries.unggahan import open_private

from ..models import BuktiDukung, JenisBerkas, Realisasi

EXTENSIONS = {
    "pdf": JenisBerkas.PDF,
    "png": JenisBerkas.PNG,
    "jpg": JenisBerkas.JPEG,
    "jpeg": JenisBerkas.JPEG,
    "xlsx": JenisBerkas.XLSX,
    "docx": JenisBerkas.DOCX,
}
MAGIC = {
    JenisBerkas.PDF: (b"%PDF-",),
    JenisBerkas.PNG: (b"\x89PNG\r\n\x1a\n",),
    JenisBerkas.JPEG: (b"\xff\xd8\xff",),
    JenisBerkas.XLSX: (b"PK\x03\x04",),
    JenisBerkas.DOCX: (b"PK\x03\x04",),
}
ZIP_PART = {JenisBerkas.XLSX: "xl/workbook.xml", JenisBerkas.DOCX: "word/document.xml"}
CONTENT_TYPE = {
    JenisBerkas.PDF: "application/pdf",
    JenisBerkas.PNG: "image/png",
    JenisBerkas.JPEG: "image/jpeg",
    JenisBerkas.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JenisBerkas.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class BuktiRefused(Exception):
    """The file is refused; the message (Indonesian) says why."""


def bukti_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "bukti"


def max_bytes() -> int:
    return settings.KINERJA_BUKTI_MAKS_MB * 1024 * 1024


def jenis_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    jenis = EXTENSIONS.get(ext)
    if jenis is None:
        raise BuktiRefused(
            f"Jenis file '.{ext}' tidak diterima; unggah PDF, PNG, JPG, XLSX atau DOCX."
            if ext
            else "File tanpa ekstensi tidak diterima; unggah PDF, PNG, JPG, XLSX atau DOCX."
        )
    return jenis


def _content_matches(path: Path, jenis: str) -> bool:
    with path.open("rb") as f:
        head = f.read(16)
    if not any(head.startswith(m) for m in MAGIC[JenisBerkas(jenis)]):
        return False
    part = ZIP_PART.get(JenisBerkas(jenis))
    if part is None:
        return True
    try:
        with zipfile.ZipFile(path) as z:
            return part in z.namelist()
    except zipfile.BadZipFile:
        return False


@transaction.atomic
def bukti_upload(*, realisasi: Realisasi, name: str, chunks, user) -> BuktiDukung:
    """Store one evidence file of a draft value, or raise BuktiRefused (nothing kept)."""
    jenis = jenis_of(name)
    folder = bukti_root()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    path = folder / f"{uuid.uuid4().hex}.{jenis}"
    digest, size, limit = hashlib.sha256(), 0, max_bytes()
    try:
        with open_private(path) as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise BuktiRefused(
                        f"File terlalu besar: lebih dari {settings.KINERJA_BUKTI_MAKS_MB} MB."
                    )
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise BuktiRefused("File kosong tidak diterima.")
        if not _content_matches(path, jenis):
            raise BuktiRefused(
                f"Isi file '{name}' tidak sesuai dengan ekstensinya "
                f"({JenisBerkas(jenis).label}); file ditolak."
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    bukti = BuktiDukung.objects.create(
        realisasi=realisasi,
        nama_file=Path(name).name[:255],
        berkas=path.name,
        jenis=jenis,
        ukuran=size,
        sha256=digest.hexdigest(),
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
            "ukuran": size,
        },
    )
    return bukti


def bukti_path(bukti: BuktiDukung) -> Path:
    return bukti_root() / Path(bukti.berkas).name
