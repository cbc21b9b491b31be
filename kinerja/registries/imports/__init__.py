"""Importing registry files (data contract section 1): one public service and its helpers.

run_import(kind, path, *, user=None, dry_run=False, rejects_path=None, original_name=None,
           progress=None) -> ImportResult
preview_import(kind, path, *, limit=20) -> Preview
template_columns(kind) -> list[TemplateColumn]

A file that cannot be used raises (or returns as `fatal`) FileUnusable; FileBeyondLimits when it is
beyond a bound of `Limits` (settings KINERJA_IMPOR_MAKS_*, D110). Messages are Indonesian, for users.
"""

from .engine import BATCH_SIZE, ImportResult, default_rejects_path, run_import
from .errors import FileBeyondLimits, FileBrokenMidway, FileUnusable, RowRejected
from .kinds import KINDS, Kind, register
from .limits import Limits
from .preview import Preview, Problem, TemplateColumn, preview_import, template_columns


def kinds() -> list[str]:
    """The kinds that can be imported, in the order their files depend on each other."""
    order = ["psks", "pelatihan", "bencana", "ppks", "dtks", "layanan", "korban"]
    return [k for k in order if k in KINDS] + sorted(k for k in KINDS if k not in order)


__all__ = [
    "BATCH_SIZE", "FileBeyondLimits", "FileBrokenMidway", "FileUnusable", "ImportResult", "KINDS",
    "Kind", "Limits", "Preview", "Problem",
    "RowRejected", "TemplateColumn", "default_rejects_path", "kinds", "preview_import", "register",
    "run_import", "template_columns",
]  # fmt: skip
