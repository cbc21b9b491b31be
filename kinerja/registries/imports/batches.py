"""One batch: checked row by row, planned against the database, then written in one transaction.

The three steps are separate so that the pipeline (`pipeline.py`) can write batch N in another
thread while batch N+1 is planned; run one after the other they are the plain import.
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Impor
from .context import ImportContext
from .errors import RowRejected
from .identity import PersonBook, parse_identity
from .kinds import Kind
from .kinds.base import Batch
from .reader import Row
from .stage import StageWrite

log = logging.getLogger(__name__)

Rejected = list[tuple[Row, str]]


@dataclass(slots=True)
class Checked:
    """One batch after the checks that need no database: the rows that passed, with what the kind
    parsed from them, and the rows already rejected."""

    rows: list[Row]
    items: list[tuple[Row, Any]]
    rejected: Rejected


@dataclass(slots=True)
class Planned:
    """A batch checked against the database: its staged state and every rejected row."""

    batch: Batch
    rejected: Rejected
    rows: int  # the rows of the batch, rejected ones included


def check_rows(kind: Kind, rows: list[Row], ctx: ImportContext) -> Checked:
    """Each row on its own (no database): its columns and its identity columns."""
    rejected: Rejected = []
    items = []
    parse = kind.parse
    need_nik = kind.identity_needs_nik
    for row in rows:
        if row.problem is not None:  # the reader's (an XLSX cell over the length limit, D111)
            rejected.append((row, row.problem))
            continue
        try:
            item = parse(row.values)
            if kind.identity:
                item.identity = parse_identity(row.values, ctx, need_nik=need_nik)
        except RowRejected as exc:
            rejected.append((row, str(exc)))
            continue
        items.append((row, item))
    return Checked(rows, items, rejected)


def plan_batch(
    kind: Kind, checked: Checked, ctx: ImportContext, prev: Batch | None = None
) -> Planned:
    """Check the batch against the database (and `prev`, the batch that may still be being
    written) and stage it; writes nothing."""
    rejected = list(checked.rejected)
    persons = PersonBook(ctx, prev.persons if prev is not None else None) if kind.identity else None
    batch = kind.new_batch(persons, prev) if prev is not None else kind.new_batch(persons)
    items = [item for _, item in checked.items]
    if persons is not None:
        persons.prefetch([item.identity for item in items])
    kind.prefetch(batch, items)
    for row, item in checked.items:
        try:
            plan = persons.plan(item.identity) if persons is not None else None
            kind.apply(batch, item, plan, row.number)
        except RowRejected as exc:
            rejected.append((row, str(exc)))
    rejected.sort(key=lambda r: r[0].number)
    return Planned(batch, rejected, len(checked.rows))


class _KindWrite:
    """What a kind writes through its services (targets, budgets), after its stages."""

    def __init__(self, kind: Kind, batch: Batch) -> None:
        self.kind = kind
        self.batch = batch

    def run(self, ctx: ImportContext) -> None:
        self.kind.write(self.batch)

    def settle(self) -> None:
        pass


class _Tally:
    """The import's recorded counts, raised in the batch's own transaction (D112): whatever stops
    the process (kill -9 included), the Impor row counts exactly the rows whose work is committed."""

    def __init__(self, impor_id: int, rows: int, rejected: int) -> None:
        self.impor_id = impor_id
        self.rows = rows
        self.rejected = rejected

    def run(self, ctx: ImportContext) -> None:
        count(self.impor_id, self.rows, self.rejected)

    def settle(self) -> None:
        pass


def count(impor_id: int, rows: int, rejected: int) -> None:
    """Add a batch's rows to the import's recorded counts (in the caller's transaction)."""
    Impor.objects.filter(pk=impor_id).update(
        baris_dibaca=F("baris_dibaca") + rows,
        diterima=F("diterima") + (rows - rejected),
        ditolak=F("ditolak") + rejected,
        diperbarui=timezone.now(),
    )


Write = StageWrite | _KindWrite | _Tally


def plan_writes(kind: Kind, planned: Planned) -> list[Write]:
    """What the batch writes, people first, its counts last (the importing thread)."""
    batch = planned.batch
    stages = ([batch.persons.stage] if batch.persons is not None else []) + kind.stages(batch)
    writes: list[Write] = [stage.plan_write(batch.ctx) for stage in stages]
    writes.append(_KindWrite(kind, batch))
    if batch.ctx.impor is not None:
        writes.append(_Tally(batch.ctx.impor.pk, planned.rows, len(planned.rejected)))
    return writes


def run_writes(writes: list[Write], ctx: ImportContext) -> None:
    """Write one batch in one transaction (any thread: it uses that thread's connection)."""
    with transaction.atomic():
        for write in writes:
            write.run(ctx)


def settle(writes: list[Write]) -> None:
    for write in writes:
        write.settle()


def process_batch(kind: Kind, batch: Checked, ctx: ImportContext) -> Rejected:
    """Check against the database and (unless dry run) write one batch; returns the rejected rows
    with their reasons, in row order.

    Everything is checked before anything is written. Should the database still refuse the batch
    (another writer got there first), the batch is rolled back and its rows retried one by one,
    each in a savepoint, so one bad row cannot take the others down.
    """
    try:
        return _process(kind, batch, ctx)
    except IntegrityError:
        if ctx.dry_run or len(batch.rows) == 1:
            raise
        log.warning("impor %s: batch refused by the database, retrying row by row", ctx.kind)
    return process_rows(kind, batch, ctx)


def process_rows(kind: Kind, batch: Checked, ctx: ImportContext) -> Rejected:
    """The batch's rows one at a time, each in its own transaction (with its count, D112)."""
    rejected: Rejected = list(batch.rejected)
    impor = ctx.impor if not ctx.dry_run else None  # None: no counts to record
    if impor is not None and rejected:  # rejected before the database: nothing of theirs to write
        count(impor.pk, len(rejected), len(rejected))
    for row, _ in batch.items:
        try:
            rejected += _process(kind, check_rows(kind, [row], ctx), ctx)
        except IntegrityError as exc:
            # The database's own words are English and may quote a stored value: logged only.
            log.warning("impor %s: baris %s ditolak basis data: %s", ctx.kind, row.number, exc)
            rejected.append(
                (row, "ditolak basis data: data bertentangan dengan data lain (diubah bersamaan)")
            )
            if impor is not None:
                count(impor.pk, 1, 1)
    rejected.sort(key=lambda r: r[0].number)
    return rejected


def _process(kind: Kind, checked: Checked, ctx: ImportContext) -> Rejected:
    planned = plan_batch(kind, checked, ctx)
    persons = planned.batch.persons
    if ctx.dry_run:
        if persons is not None:
            persons.remember()
    else:
        writes = plan_writes(kind, planned)
        run_writes(writes, ctx)
        settle(writes)
    return planned.rejected
