"""What an import kind is, and the helpers kinds use to read their columns.

A kind is one small module: a `Kind` subclass registered with `@register`. The engine reads the file,
calls `parse` on each row (pure checks, no database), then for each batch `prefetch` (set-based
queries), `apply` per row (may reject; changes only the batch's staged state, and only after every
check passed) and writes the stages `stages` lists, in that order, inside the batch's transaction.

A `pipelined` kind is planned one batch ahead of its writing (D19g): `new_batch` then receives the
previous batch, whose records its stages must take over (`Stage(..., prev=...)`), because the
database may not hold them yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..columns import Column
from ..context import ImportContext
from ..errors import RowRejected  # noqa: F401  (for kinds)
from ..stage import Stage

# The helpers kinds use in parse(), shared with the identity columns; kinds import them from here.
from ..values import (  # noqa: F401
    check_period,
    choices,
    get_code,
    get_date,
    get_rupiah,
    get_text,
)

if TYPE_CHECKING:
    from ..identity import Identity, PersonBook, PersonPlan

KINDS: dict[str, type[Kind]] = {}


def register(cls: type[Kind]) -> type[Kind]:
    KINDS[cls.name] = cls
    return cls


class Batch:
    """The state of one batch: its people (identity kinds) and whatever the kind stages."""

    # Set by the kinds' `new_batch` (each kind uses some of them).
    stage: Stage
    kegiatan: Stage  # pelatihan
    periode: Stage  # dtks
    psks: dict[str, int]  # pelatihan: PSKS id by upper-cased code
    bencana: dict[str, int]  # layanan, korban: event id by upper-cased code
    staged: dict[tuple[Any, ...], Any]  # performance imports: the last row per natural key

    def __init__(self, ctx: ImportContext, persons: PersonBook | None) -> None:
        self.ctx = ctx
        self.persons = persons

    def release(self) -> None:
        """The previous batch is committed: drop what was taken over from it (memory)."""
        if self.persons is not None:
            self.persons.release()
        for value in vars(self).values():
            if isinstance(value, Stage):
                value.prev = {}


class Kind:
    name: ClassVar[str]
    label: ClassVar[str]  # Indonesian, for messages and the web
    columns: ClassVar[tuple[Column, ...]]
    identity: ClassVar[bool] = False  # rows name a person (identity columns)
    identity_needs_nik: ClassVar[bool] = False
    # Batch N+1 may be planned while batch N is written in another thread (D19g); `new_batch`
    # must then take batch N's records over. Kinds whose keys change once a record has an id
    # (dtks: the period) or that read other records per batch (psks, pelatihan, bencana) do not.
    pipelined: ClassVar[bool] = False

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx

    # -- the file --------------------------------------------------------------------------------
    @classmethod
    def all_columns(cls) -> tuple[Column, ...]:
        if cls.identity:
            from ..identity import IDENTITY_COLUMNS

            names = {c.name for c in cls.columns}
            return cls.columns + tuple(c for c in IDENTITY_COLUMNS if c.name not in names)
        return cls.columns

    @classmethod
    def header_problem(cls, columns: set[str]) -> str | None:
        """Why a header cannot be used (a required column is missing), else None."""
        missing = [c.name for c in cls.all_columns() if c.required and c.name not in columns]
        if cls.identity and not ({"nik", "id_lokal"} & columns):
            missing.append("nik atau id_lokal")
        if missing:
            return f"Kolom wajib tidak ada di baris judul: {', '.join(missing)}."
        return None

    # -- rows ------------------------------------------------------------------------------------
    def parse(self, values: dict[str, object]) -> Any:
        """Check one row on its own; return what `apply` needs. Raise RowRejected."""
        raise NotImplementedError

    def identity_of(self, item: Any) -> Identity | None:
        return getattr(item, "identity", None)

    def new_batch(self, persons: PersonBook | None, prev: Batch | None = None) -> Batch:
        """A new batch's state; `prev` (pipelined kinds only) the batch that may be uncommitted."""
        return Batch(self.ctx, persons)

    def prefetch(self, batch: Batch, items: list[Any]) -> None:
        """Load, with a few set-based queries, the records the batch's rows refer to."""

    def apply(self, batch: Batch, item: Any, person: PersonPlan | None, row: int) -> None:
        """Check the row against the batch and database state, then stage it. Raise RowRejected
        before staging anything (the engine commits the person only through `commit_person`)."""
        raise NotImplementedError

    def stages(self, batch: Batch) -> list[Stage]:
        """The batch's stages in the order they are written (after its people)."""
        return []

    def write(self, batch: Batch) -> None:
        """What the batch writes other than its stages (through services), after them, in the
        batch's transaction. Not for pipelined kinds: it runs in the writer thread."""
