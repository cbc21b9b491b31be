"""Bounds on an import file (D110), and the checks that run before anything is read row by row.

Every check here costs at most one pass over the file's bytes (no rows built, no database), so a file
beyond a bound is refused, whole, before the import saves anything: a 1.8 KB XLSX declaring
A1:XFD1048576 or a 400 KB XLSX that unpacks to 400 MB is refused in a fraction of a second.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .errors import FileBeyondLimits, FileUnusable

MB = 1024 * 1024
# Parts smaller than this may pack as tightly as they like: they cannot hurt.
RATIO_FROM = MB
# An XLSX has a dozen parts; a zip of millions of tiny entries is a bomb of its own (one object each).
MAX_ZIP_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class Limits:
    file_bytes: int
    rows: int  # data rows, the header not counted
    columns: int
    cell: int  # characters
    xlsx_bytes: int  # all parts of an XLSX, unpacked
    zip_ratio: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            file_bytes=settings.KINERJA_IMPOR_MAKS_MB * MB,
            rows=settings.KINERJA_IMPOR_MAKS_BARIS,
            columns=settings.KINERJA_IMPOR_MAKS_KOLOM,
            cell=settings.KINERJA_IMPOR_MAKS_SEL,
            xlsx_bytes=settings.KINERJA_IMPOR_MAKS_XLSX_MB * MB,
            zip_ratio=settings.KINERJA_IMPOR_MAKS_RASIO_ZIP,
        )


def angka(n: int) -> str:
    """2000000 -> '2.000.000' (Indonesian thousands)."""
    return f"{n:,}".replace(",", ".")


def check_file_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise FileBeyondLimits(
            f"File terlalu besar: {angka(size // MB)} MB, batasnya {angka(limits.file_bytes // MB)} MB. "
            "Pecah menjadi beberapa file."
        )


def too_many_rows(limits: Limits) -> FileBeyondLimits:
    return FileBeyondLimits(
        f"File berisi lebih dari {angka(limits.rows)} baris data (batas per file). "
        "Pecah menjadi beberapa file."
    )


def too_many_columns(row: int, n: int, limits: Limits) -> FileBeyondLimits:
    return FileBeyondLimits(
        f"Baris {angka(row)} berisi {angka(n)} sel, batasnya {angka(limits.columns)} kolom."
    )


def cell_too_long(limits: Limits) -> str:
    return f"ada sel lebih dari {angka(limits.cell)} karakter (batas per sel)"


def check_zip(path: Path, limits: Limits) -> None:
    """An XLSX's zip directory, before any part is unpacked: its entries, every part's declared
    unpacked size and how tightly it is packed. zipfile never unpacks more than a part's declared
    size (a part that lies fails its CRC), so these figures bound what opening the file can cost."""
    try:
        with path.open("rb") as fh:
            end = zipfile._EndRecData(fh)  # type: ignore[attr-defined]  # noqa: SLF001 (private; the directory's size, before reading it)
    except OSError:
        end = None
    if not end:
        raise broken_xlsx()
    if end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ZIP_ENTRIES:  # type: ignore[attr-defined]  # noqa: SLF001
        raise FileBeyondLimits(
            f"File XLSX ini berisi {angka(end[zipfile._ECD_ENTRIES_TOTAL])} bagian (wajar: belasan): "  # type: ignore[attr-defined]  # noqa: SLF001
            "bukan lembar kerja biasa. Simpan ulang dari Excel sebagai .xlsx."
        )
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken_xlsx() from None
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > RATIO_FROM and part.file_size > limits.zip_ratio * max(
            part.compress_size, 1
        ):
            ratio = part.file_size // max(part.compress_size, 1)
            raise FileBeyondLimits(
                f"File XLSX ini dimampatkan secara tidak wajar: bagian {part.filename[:80]} "
                f"{angka(ratio)} kali lebih besar setelah dibuka (batas {angka(limits.zip_ratio)} "
                "kali; lembar kerja biasa 5-20 kali). File seperti ini dapat melumpuhkan server "
                "(zip bomb) dan tidak dibaca."
            )
    if total > limits.xlsx_bytes:
        raise FileBeyondLimits(
            f"File XLSX ini berisi {angka(total // MB)} MB data setelah dibuka, batasnya "
            f"{angka(limits.xlsx_bytes // MB)} MB. Pecah menjadi beberapa file atau pakai CSV."
        )


def broken_xlsx() -> FileUnusable:
    return FileUnusable(
        "File XLSX tidak dapat dibuka: file rusak atau tidak utuh. Buka di Excel lalu simpan ulang "
        "sebagai .xlsx, atau simpan sebagai CSV UTF-8."
    )
