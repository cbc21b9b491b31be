"""The evidence-file store (bukti dukung), shared by the SAKIP tree's typed values and the LKE worksheet.

A file is accepted only when its extension is one of PDF, PNG, JPEG, XLSX, DOCX *and* its first bytes
(magic) are those of that type (an XLSX/DOCX must also be a zip holding the workbook/document part),
so a script renamed `.pdf` is refused; an empty file or one over `KINERJA_BUKTI_MAKS_MB` is refused
while streaming and the partial file deleted (D145). Files live under MEDIA_ROOT/bukti/ with random
names, owner only, and are never served by the web server: downloads go through a view that sends
them as attachments (`attachment_response`). Each app keeps its own rows (name, SHA-256, size) and its
own audit; this module only stores, checks and serves the bytes (D230).
"""

import base64
import hashlib
import os
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import models
from django.http import FileResponse

DIR_MODE = 0o700
FILE_MODE = 0o600
CHUNK = 1024 * 1024


class JenisBerkas(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "Gambar PNG"
    JPEG = "jpeg", "Gambar JPEG"
    XLSX = "xlsx", "Excel (XLSX)"
    DOCX = "docx", "Word (DOCX)"


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
ACCEPT = ".pdf,.png,.jpg,.jpeg,.xlsx,.docx"


class BerkasDitolak(Exception):
    """The file is refused; the message (Indonesian) says why. Nothing is kept."""


@dataclass(frozen=True)
class BerkasTersimpan:
    berkas: str  # the random name under bukti_root()
    nama_file: str  # the name it was sent with (no folders)
    jenis: str  # a JenisBerkas value
    ukuran: int
    sha256: str


@dataclass(frozen=True)
class Pemeriksaan:
    sah: bool
    pesan: str
    hilang: bool = False


def bukti_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "bukti"


def max_bytes() -> int:
    return settings.KINERJA_BUKTI_MAKS_MB * 1024 * 1024


def jenis_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    jenis = EXTENSIONS.get(ext)
    if jenis is None:
        raise BerkasDitolak(
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


def _open_private(path: Path) -> BinaryIO:
    """Open for writing a file only its owner may read (0600 whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "wb")


def simpan_berkas(name: str, chunks: Iterable[bytes]) -> BerkasTersimpan:
    """Stream one evidence file into the store, or raise BerkasDitolak (the partial file deleted).
    The caller records the returned name, hash and size in its own row."""
    jenis = jenis_of(name)
    folder = bukti_root()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(DIR_MODE)
    path = folder / f"{uuid.uuid4().hex}.{jenis}"
    digest, size, limit = hashlib.sha256(), 0, max_bytes()
    try:
        with _open_private(path) as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise BerkasDitolak(
                        f"File terlalu besar: lebih dari {settings.KINERJA_BUKTI_MAKS_MB} MB."
                    )
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise BerkasDitolak("File kosong tidak diterima.")
        if not _content_matches(path, jenis):
            raise BerkasDitolak(
                f"Isi file '{name}' tidak sesuai dengan ekstensinya "
                f"({JenisBerkas(jenis).label}); file ditolak."
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return BerkasTersimpan(
        berkas=path.name,
        nama_file=Path(name).name[:255],
        jenis=jenis,
        ukuran=size,
        sha256=digest.hexdigest(),
    )


def path_of(berkas: str) -> Path:
    """The stored file of `berkas` (a bare name: a stored value never reaches outside the store)."""
    return bukti_root() / Path(berkas).name


def _sha256_of(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while block := handle.read(CHUNK):
        digest.update(block)
    return digest.hexdigest()


def periksa_berkas(berkas: str, sha256: str) -> Pemeriksaan:
    """Hash the stored file again and compare with the hash recorded when it was uploaded."""
    handle, hasil = buka_terverifikasi(berkas, sha256)
    if handle is not None:
        handle.close()
    return hasil


def buka_terverifikasi(berkas: str, sha256: str) -> tuple[BinaryIO | None, Pemeriksaan]:
    """Open the stored file and check its SHA-256 through the same handle, so the bytes served are
    the bytes checked. (handle at offset 0, verdict) when it verifies; (None, verdict) otherwise."""
    try:
        handle = path_of(berkas).open("rb")
    except OSError:
        return None, Pemeriksaan(False, "berkas tidak ditemukan lagi di server", hilang=True)
    try:
        now = _sha256_of(handle)
    except BaseException:
        handle.close()
        raise
    if now != sha256:
        handle.close()
        return None, Pemeriksaan(False, "isi berkas telah berubah: SHA-256 tidak lagi sama")
    handle.seek(0)
    return handle, Pemeriksaan(True, "SHA-256 berkas cocok")


def attachment_response(
    handle: BinaryIO, *, nama_file: str, jenis: str, sha256: str | None = None
) -> FileResponse:
    """The file as a download, never shown inline: attachment, its own type, no sniffing, a sandbox.
    With `sha256` (verified by the caller) the response also carries it (`Repr-Digest`, RFC 9530)."""
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=nama_file,
        content_type=CONTENT_TYPE[JenisBerkas(jenis)],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if sha256 is not None:
        b64 = base64.b64encode(bytes.fromhex(sha256)).decode("ascii")
        response["Repr-Digest"] = f"sha-256=:{b64}:"
        response["X-Bukti-Verifikasi"] = "terverifikasi"
    return response
