"""Background work of the web: the preview (a dry run of the whole file) and the import run in
`kinerja db_worker`, never in the request; the worker also sweeps expired uploads (D67)."""

import logging
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from . import pemetaan_impor, unggah_pemetaan, unggahan
from .imports import run_import
from .models import Impor

logger = logging.getLogger(__name__)


def _user(user_id: int | None):
    return (
        get_user_model().objects.select_related("bidang").filter(pk=user_id).first()
        if user_id
        else None
    )


@task()
def preview_file(
    kind: str, path: str, user_id: int | None, original_name: str, mapping: dict | None = None
) -> dict:
    """The upload's preview, stored beside it for the page that polls (D68); for a foreign file
    the mapping step, its unknown labels, or the preview through `mapping` (D180)."""
    source = Path(path)
    try:
        data = unggah_pemetaan.make_preview(kind, source, original_name, _user(user_id), mapping)
    except Exception:
        # The page must not wait forever, nor show an English traceback: a plain Indonesian message.
        logger.exception("Pratinjau unggahan gagal: %s", kind)
        data = unggahan.failed_preview(user_id, kind)
    data["user_id"] = user_id
    unggahan.store_preview(source.parent, data)
    _sweep_later()
    return {"status": data["status"], "rows_read": data.get("rows_read", 0)}


@task()
def import_file(
    kind: str,
    path: str,
    user_id: int | None,
    original_name: str,
    rejects: str,
    mapping: dict | None = None,
) -> dict:
    """Run one import; the Impor row it creates is updated per batch, which the web page polls.
    With `mapping` the file is read through it, and the Impor records its name and version."""
    user = _user(user_id)
    if mapping is not None:
        outcome = pemetaan_impor.import_mapped(
            kind, Path(path), user, original_name, Path(rejects), mapping
        )
        _sweep_later()
        return outcome
    refusal = unggahan.refuse_other_bidang(kind, Path(path), original_name, user)
    if refusal:
        # D22 checked by the one that acts: a layanan row of another Bidang stops the whole file.
        impor = Impor.objects.create(
            jenis=kind, nama_file=original_name[:255], pengguna=user, status=Impor.Status.GAGAL,
            selesai=timezone.now(), pesan=refusal, file_sumber=path[:500],
        )  # fmt: skip
        return {
            "impor_id": impor.pk,
            "rows_read": 0,
            "accepted": 0,
            "rejected": 0,
            "fatal": refusal,
        }
    result = run_import(
        kind, Path(path), user=user, rejects_path=Path(rejects), original_name=original_name
    )
    _sweep_later()
    return {
        "impor_id": result.impor_id,
        "rows_read": result.rows_read,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "fatal": result.fatal,
    }


@task()
def sweep_uploads() -> dict:
    """Delete uploads past KINERJA_RETENSI_UNGGAH_HARI (same as `kinerja unggah_bersihkan`)."""
    sweep = unggahan.sweep_uploads()
    return {"folders": len(sweep.folders), "files": sweep.files, "bytes": sweep.size}


def _sweep_later() -> None:
    """After each preview and import the worker sweeps expired uploads, as a task of its own so a
    failure there never fails the upload; under `make run` this runs in the db_worker."""
    try:
        sweep_uploads.enqueue()
    except Exception:
        logger.exception("Pembersihan unggahan tidak dapat dijadwalkan")
