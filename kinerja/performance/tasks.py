"""Background work of the approval: e-mail notices leave the request at once (D165)."""

import logging

from django_tasks import task

from .notifications import count_changed, notify_step_taken

logger = logging.getLogger(__name__)


@task()
def notify_step(aksi: str, kode: str, periode_label: str, actor_name: str) -> int:
    return notify_step_taken(
        aksi=aksi, kode=kode, periode_label=periode_label, actor_name=actor_name
    )


def step_taken(aksi: str, kode: str, periode_label: str, actor_name: str) -> None:
    """Called once the step is committed: counts refresh, notices go through the worker. A queue
    that cannot be reached never undoes the step; it is logged."""
    count_changed()
    try:
        notify_step.enqueue(aksi, kode, periode_label, actor_name)
    except Exception:
        logger.exception(
            "Pemberitahuan %s %s %s tidak dapat dijadwalkan", aksi, kode, periode_label
        )
