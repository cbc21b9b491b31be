"""Importing registry files (data contract section 1): one public service and its helpers.

run_import(kind, path, *, user=None, dry_run=False, rejects_path=None, original_name=None,
           progress=None) -> ImportResult
preview_import(kind, path, *, limit=20) -> Preview
template_columns(kind) -> list[TemplateColumn]
"""

from .engine import BATCH_SIZE, ImportResult, default_rejects_path, run_import
from .errors import FileUnusable, RowRejected
from .kinds import KINDS, Kind, register
from .preview import Preview, Problem, TemplateColumn, preview_import, template_columns


def kinds() -> list[str]:
    """The kinds that can be imported, in the order their files depend on each other."""
    order = ["psks", "pelatihan", "bencana", "ppks", "dtks", "layanan", "korban"]
    return [k for k in order if k in KINDS] + sorted(k for k in KINDS if k not in order)


__all__ = [
    "BATCH_SIZE", "FileUnusable", "ImportResult", "KINDS", "Kind", "Preview", "Problem",
    "RowRejected", "TemplateColumn", "default_rejects_path", "kinds", "preview_import", "register",
    "run_import", "template_columns",
]  # fmt: skip
