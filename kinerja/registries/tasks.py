"""Background work of the web: a long import runs in `kinerja db_worker`, not in the request."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django_tasks import task

from .imports import run_import


@task()
def import_file(
    kind: str, path: str, user_id: int | None, original_name: str, rejects: str
) -> dict:
    """Run one import; the Impor row it creates is updated per batch, which the web page polls."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    result = run_import(
        kind, Path(path), user=user, rejects_path=Path(rejects), original_name=original_name
    )
    return {
        "impor_id": result.impor_id,
        "rows_read": result.rows_read,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "fatal": result.fatal,
    }
