"""Web uploads on disk: owner-only files, the stored preview, the D22 check and the retention sweep.

An upload lives in MEDIA_ROOT/unggah/<token>/ (the token is a random uuid): `unggahan.csv|xlsx` as
sent, `pratinjau.json` written by the background preview, `tolakan.csv|xlsx` written by the import (XLSX
for an XLSX upload: D131). All of
it holds raw NIK and KK, so folders are 0700 and files 0600 (D66), and the whole folder is deleted
KINERJA_RETENSI_UNGGAH_HARI days after its last change (D67).
"""

import json
import logging
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import Area, can_change

from .access import jenis_layanan_area
from .imports import preview_import
from .imports.engine import open_for
from .imports.errors import FileUnusable
from .models import Impor, JenisLayanan

logger = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
PREVIEW_FILE = "pratinjau.json"
REJECTS_FILE = "tolakan.csv"
REJECTS_FILE_XLSX = "tolakan.xlsx"
PERSONAL_COLUMNS = {"nik", "no_kk"}
PREVIEW_ROWS = 10
SHOWN_PROBLEMS = 100
SHOWN_OTHER_BIDANG = 50
PREVIEW_FAILED = (
    "Pratinjau gagal karena kesalahan di server. Tidak ada data yang disimpan; "
    "coba unggah lagi, dan bila terulang hubungi Administrator."
)


def upload_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "unggah"


def private_dir(path: Path) -> Path:
    """Create `path` (and the upload root) owner-only, whatever the process umask."""
    for folder in (upload_root(), path):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(DIR_MODE)
    return path


def open_private(path: Path, mode: str = "wb", **kwargs):
    """Open for writing a file only its owner may read (0600 even when it existed before)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, mode, **kwargs)


def save_upload(token: str, name: str, chunks: Iterable[bytes]) -> Path:
    folder = private_dir(upload_root() / token)
    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    path = folder / f"unggahan{suffix}"
    with open_private(path) as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def rejects_path(upload: Path) -> Path:
    """Where the import of `upload` writes its rejects: XLSX for an XLSX upload (NIK and KK as text
    cells, D131), else CSV in the upload's delimiter."""
    name = REJECTS_FILE_XLSX if upload.suffix.lower() == ".xlsx" else REJECTS_FILE
    return upload.parent / name


# -- the preview, made by the worker and read by the page --------------------------------------------
def layanan_rows_of_other_bidang(user, path: Path, original_name: str) -> list[int]:
    """Rows of a layanan file this user's Bidang may not write (D22), read as a stream."""
    if can_change(user, Area.LAYANAN_REHAB) and can_change(user, Area.LAYANAN_LINJAMSOS):
        return []
    kelompok = dict(JenisLayanan.objects.values_list("kode", "kelompok"))
    _, source = open_for("layanan", path, original_name)
    bad: list[int] = []
    try:
        for row in source.rows({"jenis_layanan", "kode_kejadian"}):
            code = str(row.values.get("jenis_layanan", "")).strip().lower()
            if code not in kelompok:
                continue  # an unknown code is the import's to reject, with its reason
            area = jenis_layanan_area(
                kelompok[code], with_bencana=bool(row.values.get("kode_kejadian"))
            )
            if not can_change(user, area):
                bad.append(row.number)
    finally:
        source.close()
    return bad


def _mask_cell(value) -> str:
    return mask_nik(str(value)) if value not in (None, "") else ""


def make_preview(kind: str, path: Path, original_name: str, user) -> dict:
    """What the preview page shows, as JSON: NIK and KK already masked, so no second raw copy."""
    preview = preview_import(kind, path, limit=PREVIEW_ROWS, original_name=original_name, user=user)
    other_bidang: list[int] = []
    if kind == "layanan" and not preview.fatal:
        other_bidang = layanan_rows_of_other_bidang(user, path, original_name)
    masked = {i for i, h in enumerate(preview.header) if h.strip().lower() in PERSONAL_COLUMNS}
    rows = [
        [_mask_cell(c) if i in masked else str(c) for i, c in enumerate(row)]
        for row in preview.rows
    ]
    result = preview.result
    return {
        "status": "selesai",
        "user_id": getattr(user, "pk", None),
        "kind": kind,
        "header": [str(h) for h in preview.header],
        "rows": rows,
        "problems": [{"row": p.row, "reason": p.reason} for p in preview.problems[:SHOWN_PROBLEMS]],
        "more_problems": max(0, (result.rejected if result else 0) - SHOWN_PROBLEMS),
        "rows_read": result.rows_read if result else 0,
        "accepted": result.accepted if result else 0,
        "rejected": result.rejected if result else 0,
        "fatal": preview.fatal,
        "notices": list(result.notices) if result else [],
        "other_bidang": other_bidang[:SHOWN_OTHER_BIDANG],
        "other_bidang_count": len(other_bidang),
        "can_save": result is not None and not preview.fatal and not other_bidang,
    }


def failed_preview(user_id: int | None, kind: str, message: str = PREVIEW_FAILED) -> dict:
    return {"status": "gagal", "user_id": user_id, "kind": kind, "pesan": message}


def store_preview(folder: Path, data: dict) -> None:
    """Written whole then renamed, so the page never reads half a file."""
    tmp = folder / f".{PREVIEW_FILE}.{os.getpid()}"
    with open_private(tmp, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, default=str)
    os.replace(tmp, folder / PREVIEW_FILE)


def read_preview(folder: Path) -> dict | None:
    try:
        return json.loads((folder / PREVIEW_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def save_refusal(preview: dict | None, user) -> str | None:
    """Why this user may not save this upload now (what the preview page checked, checked again on
    the POST that saves: D22 and a usable file), or None."""
    if preview is None:
        return "Pratinjau belum selesai; tunggu sampai hasil pemeriksaan tampil, lalu simpan."
    if preview.get("user_id") != user.pk:
        return "Pratinjau ini dibuat untuk akun lain; unggah ulang filenya."
    if preview["status"] != "selesai" or not preview.get("can_save"):
        if preview.get("other_bidang_count"):
            return "File ini berisi layanan milik bidang lain; tidak ada yang disimpan."
        return "File ini tidak dapat disimpan; lihat pratinjaunya, perbaiki file lalu unggah lagi."
    return None


def refuse_other_bidang(kind: str, path: Path, original_name: str, user) -> str | None:
    """The worker's own D22 check before it imports (a saved upload could predate a role change)."""
    if kind != "layanan" or user is None:
        return None
    try:
        rows = layanan_rows_of_other_bidang(user, path, original_name)
    except FileUnusable:
        return None  # the import itself reports an unusable file, with its reason
    if not rows:
        return None
    shown = ", ".join(str(n) for n in rows[:SHOWN_OTHER_BIDANG])
    more = (
        f" dan {len(rows) - SHOWN_OTHER_BIDANG} baris lain"
        if len(rows) > SHOWN_OTHER_BIDANG
        else ""
    )
    return (
        f"File ini berisi layanan milik bidang lain (baris {shown}{more}); "
        "tidak ada yang disimpan. Pisahkan baris itu ke file bidang yang berwenang."
    )


# -- retention ----------------------------------------------------------------------------------------
@dataclass
class Sweep:
    days: int
    dry_run: bool
    folders: list[Path] = field(default_factory=list)
    files: int = 0
    size: int = 0
    running: int = 0  # folders kept because their import is still going


def _newest_change(folder: Path) -> float:
    newest = folder.stat().st_mtime
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                newest = max(newest, (Path(root) / name).stat().st_mtime)
            except FileNotFoundError:
                continue
    return newest


def _import_running(folder: Path) -> bool:
    return Impor.objects.filter(
        file_sumber__startswith=f"{folder}{os.sep}",
        status__in=(Impor.Status.MENUNGGU, Impor.Status.BERJALAN),
    ).exists()


def sweep_uploads(
    *, days: int | None = None, dry_run: bool = False, now: float | None = None
) -> Sweep:
    """Delete every upload folder unchanged for `days` days (default: the setting), with its preview
    and rejects; an import's rejects link is cleared so no page offers a file that is gone."""
    days = settings.KINERJA_RETENSI_UNGGAH_HARI if days is None else days
    cutoff = (time.time() if now is None else now) - days * 86400
    sweep = Sweep(days=days, dry_run=dry_run)
    root = upload_root()
    if not root.is_dir():
        return sweep
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if _newest_change(folder) >= cutoff:
            continue
        if _import_running(folder):
            sweep.running += 1
            continue
        sweep.folders.append(folder)
        for f in folder.rglob("*"):
            if f.is_file():
                sweep.files += 1
                sweep.size += f.stat().st_size
        if not dry_run:
            shutil.rmtree(folder, ignore_errors=True)
            Impor.objects.filter(file_tolakan__startswith=f"{folder}{os.sep}").update(
                file_tolakan=""
            )
    if sweep.folders and not dry_run:
        logger.info("Unggahan dihapus: %d folder lebih tua dari %d hari", len(sweep.folders), days)
    return sweep
