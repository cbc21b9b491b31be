"""Writing batch N in a second thread while batch N+1 is checked against the database (D19g).

An import spends about half its time in Python (reading, checking, planning) and half waiting for
the database (inserting, updating indexes, committing). With one thread they take turns; here the
writer thread, on its own database connection, writes and commits batch N while the importing
thread plans batch N+1. The driver releases the GIL while the database works, so on two cores the
two overlap.

Batch N is not committed while N+1 is planned, so N+1 takes N's people and records over from N's
staged state instead of reading them (`Stage.prev`, `PersonBook.prev`): exactly what the database
will hold once N is committed. Before N+1 is written, N has been committed (one batch in flight) and
its new ids are known. Each batch is still one transaction, written in file order; a refused batch
is rolled back and written again row by row as in the plain import, and N+1 is planned again.

The writer only sends and commits: the rows' values are built by the importing thread, and on
PostgreSQL also their ids and COPY text, so there N+1's writes are ready before N is committed.
"""

from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection

from .batches import (
    Checked,
    Planned,
    Rejected,
    Write,
    log,
    plan_batch,
    plan_writes,
    process_rows,
    run_writes,
    settle,
)
from .context import ImportContext
from .fastwrite import ids_before_writing
from .kinds import Kind


def can_pipeline(kind: Kind, ctx: ImportContext) -> bool:
    """Only outside a transaction (a second connection would not see its rows), on a database a
    second connection can share (not SQLite in memory), for kinds that carry batches over."""
    return (
        settings.KINERJA_IMPOR_PARALEL
        and kind.pipelined
        and not ctx.dry_run
        and not connection.in_atomic_block
        and not (connection.vendor == "sqlite" and connection.is_in_memory_db())  # type: ignore[attr-defined]  # SQLite's wrapper has it
    )


@dataclass(slots=True)
class _InFlight:
    checked: Checked
    planned: Planned
    writes: list[Write]
    done: Future


def pipelined(
    kind: Kind, batches: Iterator[Checked], ctx: ImportContext
) -> Generator[tuple[Checked, Rejected], None, None]:
    """Each batch with its rejected rows, in file order, once it is committed."""
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="impor-tulis")
    flight: _InFlight | None = None
    # PostgreSQL gives new rows their ids before they are written: N+1's writes can be prepared
    # while N is being written (SQLite's ids come with the write: N+1 is prepared once N landed).
    early = ids_before_writing()
    try:
        for checked in batches:
            planned = plan_batch(kind, checked, ctx, flight.planned.batch if flight else None)
            writes = plan_writes(kind, planned) if early else None
            if flight is not None:
                outcome, ok = _land(kind, flight, ctx)
                yield flight.checked, outcome
                if ok:
                    planned.batch.release()
                else:  # N was written again row by row: plan N+1 again from the database
                    planned, writes = plan_batch(kind, checked, ctx), None
            if writes is None:
                writes = plan_writes(kind, planned)
            flight = _InFlight(checked, planned, writes, writer.submit(run_writes, writes, ctx))
        if flight is not None:
            last = flight
            outcome, _ = _land(kind, last, ctx)
            flight = None
            yield last.checked, outcome
    finally:
        if flight is not None:  # stopped by an error: let the batch in flight finish
            with suppress(BaseException):  # the error that stopped us is the one raised
                flight.done.result()
        writer.submit(lambda: connection.close()).result()  # the writer thread's connection
        writer.shutdown()


def _land(kind: Kind, flight: _InFlight, ctx: ImportContext) -> tuple[Rejected, bool]:
    """Wait until the batch in flight is committed; if the database refused it, write it again
    row by row (nothing of it was committed). Returns its rejected rows and whether it landed."""
    try:
        flight.done.result()
    except IntegrityError:
        if len(flight.checked.rows) == 1:
            raise
        log.warning("impor %s: batch refused by the database, retrying row by row", ctx.kind)
        return process_rows(kind, flight.checked, ctx), False
    settle(flight.writes)
    return flight.planned.rejected, True
