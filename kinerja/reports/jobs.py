"""Documents made in the background (D170): a job lives in MEDIA_ROOT/dokumen/<token>/ as
`status.json` (owner, document, period, state, times) and, when done, the file itself. The web
request only queues the job and the progress page reads the status: no request renders a document."""

import json
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

MENUNGGU, DIBUAT, SELESAI, GAGAL = "menunggu", "dibuat", "selesai", "gagal"
GAGAL_PESAN = "Dokumen gagal dibuat. Coba lagi; bila tetap gagal, hubungi Administrator."


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "dokumen"


def folder(token: str) -> Path | None:
    """The job's folder for a well-formed token (a uuid), else None (never a path from input)."""
    try:
        return root() / str(uuid.UUID(token))
    except ValueError:
        return None


def create(*, user_id: int, kind: str, fmt: str, tahun: int, triwulan: int | None) -> str:
    token = str(uuid.uuid4())
    path = root() / token
    path.mkdir(parents=True, mode=0o700)
    os.chmod(path, 0o700)
    write(token, {"user_id": user_id, "kind": kind, "fmt": fmt, "tahun": tahun,
                  "triwulan": triwulan, "status": MENUNGGU,
                  "dibuat_pada": timezone.now().isoformat()})  # fmt: skip
    return token


def read(token: str) -> dict | None:
    path = folder(token)
    if path is None or not (path / "status.json").is_file():
        return None
    return json.loads((path / "status.json").read_text())


def write(token: str, data: dict) -> None:
    path = folder(token)
    assert path is not None
    tmp = path / "status.json.tmp"
    tmp.write_text(json.dumps(data))
    tmp.replace(path / "status.json")


def file_name(job: dict) -> str:
    q = f"-tw{job['triwulan']}" if job["triwulan"] else ""
    return f"{job['kind']}-{job['tahun']}{q}.{job['fmt']}"


def file_path(token: str, job: dict) -> Path:
    path = folder(token)
    assert path is not None
    return path / file_name(job)
