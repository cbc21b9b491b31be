"""Running one import: read the file as a stream, check and write it batch by batch.

Each batch is one transaction: a crash (even kill -9) loses at most the batch in progress, never half
of it, and running the same file again completes the job, since rows are matched on natural keys.
"""

import datetime as dt
import gc
import itertools
import logging
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from ..models import Impor
from .batches import Checked, Rejected, check_rows, process_batch
from .context import ImportContext
from .errors import FileBrokenMidway, FileUnusable
from .kinds import KINDS, Kind
from .pipeline import can_pipeline, pipelined
from .reader import Row, Source, open_source
from .rejects import open_rejects

log = logging.getLogger(__name__)

BATCH_SIZE = 2000
# PostgreSQL pays a fixed cost per statement and per COMMIT (and per statement-level trigger),
# paid by the writer thread, the slower of the two (D19g): 10,000-row batches are 10-20% faster
# there than 5,000 (D19d); on SQLite larger batches gain little and take more memory.
BATCH_SIZE_POSTGRES = 10000
GC_THRESHOLD = 200_000
REJECTS_SUFFIX = ".rejected.csv"


@dataclass
class ImportResult:
    kind: str
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    rejects_path: Path | None = None
    impor_id: int | None = None
    fatal: str | None = None  # the file could not be used at all: nothing was saved
    dry_run: bool = False
    paralel: bool = False  # written in a second thread while the next batch was checked (D19g)
    pemetaan: str | None = None  # "name vN" of the mapping the file was read through (section 5)
    # Rows of a second kind made from the same file rows (bnba-korban's aid): their own result.
    extra: "ImportResult | None" = None
    notices: list[str] = field(default_factory=list)  # how the file was read (D130), Indonesian

    @property
    def exit_code(self) -> int:
        """0 nothing rejected, 1 some rows rejected, 2 the file could not be used."""
        if self.fatal:
            return 2
        return 1 if self.rejected or (self.extra and self.extra.rejected) else 0


class MappedInput(Protocol):
    """A file read through a mapping (contract section 5; kinerja.registries.mapping.run): its
    rows come out as section-1 rows of the kind, each keeping its original cells and number."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> int: ...

    def attach(self, source: Source, kind: type[Kind]) -> str | None:
        """Why the file cannot be used through the mapping (None when it can)."""

    def rows(self, source: Source) -> Iterator[Row]: ...


def get_kind(kind: str) -> type[Kind]:
    try:
        return KINDS[kind]
    except KeyError:
        known = ", ".join(sorted(KINDS))
        raise FileUnusable(f"Jenis data '{kind}' tidak dikenal (pilih: {known}).") from None


def default_batch_size() -> int:
    return BATCH_SIZE_POSTGRES if connection.vendor == "postgresql" else BATCH_SIZE


def default_rejects_path(path: Path) -> Path:
    return Path(str(path) + REJECTS_SUFFIX)


def open_for(
    kind: str, path: Path, original_name: str | None = None, mapping: MappedInput | None = None
) -> tuple[type[Kind], Source]:
    """The kind and the opened file, its header checked; raises FileUnusable."""
    kind_cls = get_kind(kind)
    source = open_source(Path(path), original_name)
    if mapping is not None:
        problem = mapping.attach(source, kind_cls)
    else:
        problem = kind_cls.header_problem(set(source.columns))
    if problem:
        source.close()
        raise FileUnusable(problem)
    return kind_cls, source


def run_import(
    kind: str,
    path: Path,
    *,
    user=None,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    original_name: str | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int | None = None,
    on_reject: Callable[[int, str], None] | None = None,
    write_rejects: bool = True,
    mapping: MappedInput | None = None,
) -> ImportResult:
    """Import one file of `kind`. Rejected rows go to `rejects_path` (default: FILE.rejected.csv).
    With `mapping`, a foreign file is read through it (contract section 5).

    A file that cannot be used returns a result with `fatal` set and saves nothing. An unexpected
    error (database down, a bug) marks the Impor as failed and propagates; committed batches stay.
    """
    with _fewer_collections():
        return _run_import(
            kind,
            Path(path),
            user=user,
            dry_run=dry_run,
            rejects_path=rejects_path,
            original_name=original_name,
            progress=progress,
            batch_size=batch_size or default_batch_size(),
            on_reject=on_reject,
            write_rejects=write_rejects,
            mapping=mapping,
        )


_gc_lock = threading.Lock()
_gc_users = 0  # imports running in this process (the web may run several in threads)
_gc_saved = gc.get_threshold()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """An import allocates millions of short-lived objects and next to no reference cycles; at the
    default threshold (700 allocations) the cyclic collector would walk the batch's live objects
    thousands of times. Objects alive before the import are set aside (`gc.freeze`) meanwhile. The
    first import to start changes the settings, the last to finish restores them."""
    global _gc_users, _gc_saved
    with _gc_lock:
        _gc_users += 1
        if _gc_users == 1:
            _gc_saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(_gc_saved[0], GC_THRESHOLD), *_gc_saved[1:])
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)
                gc.unfreeze()


def _run_import(
    kind: str,
    path: Path,
    *,
    user,
    dry_run: bool,
    rejects_path: Path | None,
    original_name: str | None,
    progress: Callable[[int], None] | None,
    batch_size: int,
    on_reject: Callable[[int, str], None] | None,
    write_rejects: bool,
    mapping: MappedInput | None = None,
) -> ImportResult:
    result = ImportResult(kind=kind, dry_run=dry_run)
    if mapping is not None:
        result.pemetaan = f"{mapping.name} v{mapping.version}"
    try:
        kind_cls, source = open_for(kind, path, original_name, mapping)
    except FileUnusable as exc:
        result.fatal = str(exc)
        return result
    ctx = ImportContext(kind=kind, user=user, dry_run=dry_run, columns=frozenset(source.columns))
    if not dry_run:
        ctx.impor = Impor.objects.create(
            kode_kabkota=ctx.kabkota,
            jenis=kind,
            nama_file=(original_name or path.name)[:255],
            pengguna=user if getattr(user, "pk", None) else None,
            status=Impor.Status.BERJALAN,
            file_sumber=str(path)[:500],
            pemetaan=mapping.name if mapping is not None else "",
            pemetaan_versi=mapping.version if mapping is not None else None,
        )
        result.impor_id = ctx.impor.pk
        close_interrupted(ctx.impor)
    if write_rejects:
        rejects_path = Path(rejects_path) if rejects_path else default_rejects_path(path)
    rejects = open_rejects(rejects_path if write_rejects else None, source.header, source.delimiter)
    result.notices = source.notices
    kind_obj = kind_cls(ctx)
    wanted = {c.name for c in kind_cls.all_columns()}
    stream = mapping.rows(source) if mapping is not None else source.rows(wanted)
    checked = (check_rows(kind_obj, rows, ctx) for rows in _batches(stream, batch_size))
    result.paralel = can_pipeline(kind_obj, ctx)
    if result.paralel:
        outcomes = pipelined(kind_obj, checked, ctx)
    else:
        outcomes = _one_by_one(kind_obj, checked, ctx)
    try:
        for batch, outcome in outcomes:
            for row, reason in outcome:
                rejects.write(row.number, row.raw, reason)
                if on_reject is not None:
                    on_reject(row.number, reason)
            # The Impor row's counts were raised in the batch's own transaction (D112).
            result.rows_read += len(batch.rows)
            result.rejected += len(outcome)
            result.accepted = result.rows_read - result.rejected
            if progress is not None:
                progress(result.rows_read)
    except FileBrokenMidway as exc:  # an XLSX whose XML breaks off past the checks (D111)
        outcomes.close()
        source.close()
        result.rejects_path = rejects.close()
        if ctx.impor is not None:  # a batch still in the writer's hands landed meanwhile (D112)
            result.accepted = Impor.objects.values_list("diterima", flat=True).get(pk=ctx.impor.pk)
        saved = f" {result.accepted} baris sebelumnya sudah tersimpan." if result.accepted else ""
        result.fatal = f"{exc}{saved}"
        _stopped(ctx, result.fatal)
        return result
    except BaseException as exc:
        outcomes.close()  # waits for a batch still being written
        source.close()
        result.rejects_path = rejects.close()
        # The exception's own words are English and may name server paths: logged, not shown.
        log.error("impor #%s terhenti: %r", result.impor_id, exc)
        _stopped(ctx, "kesalahan sistem (rinciannya di log server).")
        raise
    source.close()
    result.rejects_path = rejects.close()
    if ctx.impor is not None:
        # Its counts are the batches' own (D112): checked, not written again.
        Impor.objects.filter(pk=ctx.impor.pk).update(
            status=Impor.Status.SELESAI,
            selesai=timezone.now(),
            file_tolakan=str(result.rejects_path or ""),
            pesan=" ".join(result.notices),  # a finished import's message is a notice (D130)
        )
        recorded = Impor.objects.values_list("baris_dibaca", "diterima", "ditolak").get(
            pk=ctx.impor.pk
        )
        if recorded != (result.rows_read, result.accepted, result.rejected):
            log.error("impor #%s: jumlah tercatat %s, jumlah dibaca %s", ctx.impor.pk, recorded,
                      (result.rows_read, result.accepted, result.rejected))  # fmt: skip
    return result


def _stopped(ctx: ImportContext, pesan: str) -> None:
    if ctx.impor is not None:
        Impor.objects.filter(pk=ctx.impor.pk).update(
            status=Impor.Status.GAGAL, selesai=timezone.now(), pesan=pesan[:2000]
        )


# An import that has not finished a batch for this long is taken for dead (kill -9, power cut).
TERPUTUS_SETELAH = dt.timedelta(minutes=10)


def close_interrupted(baru: Impor) -> int:
    """Mark earlier runs of the same file that died mid-way ("berjalan" with no progress for
    TERPUTUS_SETELAH) as failed, naming the run that takes over: re-running a file completes it."""
    batas = timezone.now() - TERPUTUS_SETELAH
    return (
        Impor.objects.filter(
            kode_kabkota=baru.kode_kabkota,
            jenis=baru.jenis,
            nama_file=baru.nama_file,
            status=Impor.Status.BERJALAN,
        )
        .exclude(pk=baru.pk)
        .filter(Q(diperbarui__lt=batas) | Q(diperbarui__isnull=True, mulai__lt=batas))
        .update(
            status=Impor.Status.GAGAL,
            pesan=f"Terputus tanpa selesai (proses berhenti); diulang oleh impor #{baru.pk}.",
        )
    )


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _one_by_one(
    kind: Kind, batches: Iterator[Checked], ctx: ImportContext
) -> Generator[tuple[Checked, Rejected], None, None]:
    for batch in batches:
        yield batch, process_batch(kind, batch, ctx)
