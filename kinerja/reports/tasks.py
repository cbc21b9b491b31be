"""Background work of the documents page: one document rendered by `kinerja db_worker` (D170)."""

import logging

from django.utils import timezone
from django_tasks import task

from . import jobs
from .services import render_document

logger = logging.getLogger(__name__)


@task()
def make_document(token: str) -> dict:
    job = jobs.read(token)
    if job is None:
        return {"status": jobs.GAGAL}
    jobs.write(token, job | {"status": jobs.DIBUAT, "mulai": timezone.now().isoformat()})
    try:
        data = render_document(job["kind"], job["fmt"], year=job["tahun"], quarter=job["triwulan"])
    except ValueError as exc:  # no catalogue in force that year: its own Indonesian message
        jobs.write(token, job | {"status": jobs.GAGAL, "pesan": str(exc)})
        return {"status": jobs.GAGAL}
    except Exception:
        # Never an English traceback on the page: a plain Indonesian message, the detail in the log.
        logger.exception("Dokumen gagal dibuat: %s", job["kind"])
        jobs.write(token, job | {"status": jobs.GAGAL, "pesan": jobs.GAGAL_PESAN})
        return {"status": jobs.GAGAL}
    jobs.file_path(token, job).write_bytes(data)
    jobs.write(token, job | {"status": jobs.SELESAI, "selesai": timezone.now().isoformat(),
                             "ukuran": len(data)})  # fmt: skip
    return {"status": jobs.SELESAI, "ukuran": len(data)}
