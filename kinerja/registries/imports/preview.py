"""What the web shows before an import: the file's first rows and every problem a dry run finds."""

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from .engine import ImportResult, open_for, run_import
from .errors import FileUnusable
from .kinds import KINDS


@dataclass
class Problem:
    row: int
    reason: str


@dataclass
class Preview:
    header: list[str]
    rows: list[list[str]]  # the first rows as written
    problems: list[Problem] = field(default_factory=list)  # the first `max_problems` rejected rows
    result: ImportResult | None = None  # the dry run's counts (rows_read, accepted, rejected)
    fatal: str | None = None


def preview_import(
    kind: str,
    path: Path,
    *,
    limit: int = 20,
    original_name: str | None = None,
    max_problems: int = 1000,
    user=None,
) -> Preview:
    """The header, the first `limit` rows, and the problems a dry run of the whole file finds."""
    try:
        kind_cls, source = open_for(kind, Path(path), original_name)
    except FileUnusable as exc:
        return Preview([], [], fatal=str(exc))
    try:
        wanted = {c.name for c in kind_cls.all_columns()}
        first = [row.raw for row in itertools.islice(source.rows(wanted), limit)]
        header = source.header
    finally:
        source.close()
    problems: list[Problem] = []
    collector = _Collector(problems, max_problems)
    result = run_import(
        kind, path, user=user, dry_run=True, original_name=original_name, on_reject=collector,
        write_rejects=False,
    )  # fmt: skip
    return Preview(header, first, problems, result, result.fatal)


class _Collector:
    def __init__(self, problems: list[Problem], limit: int) -> None:
        self.problems = problems
        self.limit = limit

    def __call__(self, row: int, reason: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(Problem(row, reason))


@dataclass(frozen=True)
class TemplateColumn:
    name: str
    required: bool
    description: str
    codes: tuple[str, ...]


def template_columns(kind: str) -> list[TemplateColumn]:
    """The columns of a kind's file, for XLSX templates: name, required, description, codes."""
    from .context import ImportContext

    kind_cls = KINDS[kind]
    ctx = ImportContext(kind=kind)
    result = []
    for c in kind_cls.all_columns():
        codes = c.codes
        if c.codes_from:
            codes = tuple(sorted(getattr(ctx, c.codes_from).values()))
        result.append(TemplateColumn(c.name, c.required, c.description, codes))
    return result
