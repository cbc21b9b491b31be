"""Staging a batch's records in memory, then writing them with a few set-based statements.

A row is checked against what is staged (rows earlier in the batch) and what the database holds
(earlier batches), so duplicates in a file update instead of duplicating. Nothing is written until the
whole batch is planned; then new records are bulk-created and changed ones bulk-updated, both with
their django-simple-history rows, and records that did not change are not touched at all.

Writing is split in two so that it can run in another thread (`pipeline.py`, D19g): `plan_write`
(the importing thread) takes a snapshot of what to write, and `StageWrite.run` (the writer) writes it.
While batch N is being written, batch N+1 is planned with batch N's records carried over (`prev`):
the database does not hold them yet, and they are what it will hold once N is committed.
"""

from collections.abc import Hashable, Iterable
from typing import Any

from django.db import models
from simple_history.utils import bulk_update_with_history

from .context import ImportContext
from .fastwrite import Insert, prepare_insert, write_insert

WRITE_CHUNK = 1000


class Staged:
    """One record of the batch: `pk` None until created; `orig` the values the database holds (or
    will hold once the batch being written is committed). `new_pk` is the id a new record gets:
    from the sequence when its write is prepared (PostgreSQL) or from the writer (SQLite); the
    importing thread moves it to `pk` once the batch is committed (`StageWrite.settle`), so `pk`
    never changes while it plans the next batch."""

    __slots__ = ("pk", "values", "orig", "row", "new_pk", "__weakref__")

    def __init__(
        self, pk: int | None, values: dict[str, Any], orig: dict[str, Any] | None, row=None
    ):
        self.pk = pk
        self.values = values
        self.orig = orig
        self.row = row
        self.new_pk: int | None = None

    @property
    def id(self) -> int | None:
        """The record's id: in the database, or given it by the write being committed."""
        return self.pk if self.pk is not None else self.new_pk

    @property
    def changed(self) -> list[str]:
        if self.values is self.orig:
            return []
        if self.orig is None:
            return list(self.values)
        return [f for f, v in self.values.items() if self.orig.get(f) != v]


def _resolve(value: Any) -> Any:
    """A foreign key to a staged record: its id, or the record itself while it has none (created
    earlier in the same batch on SQLite: the id is known once the writer has inserted it)."""
    if isinstance(value, Staged):
        pk = value.id
        return value if pk is None else pk
    return value


class Stage:
    def __init__(
        self,
        model: type[models.Model],
        fields: Iterable[str],
        prev: "Stage | None" = None,
    ) -> None:
        self.model = model
        self.fields = tuple(fields)
        self.items: dict[Hashable, Staged] = {}
        self.history = hasattr(model, "history")
        # The previous batch's records, while it may still be uncommitted: they win over the
        # database. Only this batch's own records are carried to the next (memory stays flat).
        self.prev: dict[Hashable, Staged] = prev.items if prev is not None else {}

    def get(self, key: Hashable) -> Staged | None:
        staged = self.items.get(key)
        if staged is None and (staged := self.prev.get(key)) is not None:
            self.items[key] = staged
        return staged

    def load(self, key: Hashable, pk: int, values: dict[str, Any]) -> Staged:
        """A record the database holds (unless an earlier row of the batch, or the previous batch,
        already staged it)."""
        staged = self.get(key)
        if staged is None:
            staged = self.items[key] = Staged(pk, values, values)  # rows replace, never mutate
        return staged

    def merged(self, key: Hashable, given: dict[str, Any], defaults: dict[str, Any]) -> dict:
        """The record's values if this row were applied; given values only (empty never erases)."""
        staged = self.get(key)
        base = staged.values if staged is not None else defaults
        return {**base, **given}

    def put(self, key: Hashable, values: dict[str, Any], row: int) -> Staged:
        staged = self.get(key)
        if staged is None:
            staged = self.items[key] = Staged(None, values, None, row)
        elif staged.values != values:
            staged.values = values
            staged.row = row
        return staged

    def plan_write(self, ctx: ImportContext) -> "StageWrite":
        """What to write, as it stands now, with the new rows' column values built (the importing
        thread). The staged records count as written from here on: the next batch compares its
        rows with these values."""
        creates, updates = [], []
        for s in self.items.values():
            if s.id is None:
                creates.append(s)
            elif changed := s.changed:
                updates.append((s, s.values, changed, s.row))
            else:
                continue
            s.orig = s.values  # values dicts are replaced, never changed in place
        return StageWrite(self, creates, self._prepare(creates, ctx) if creates else None, updates)

    def _audit(self, ctx: ImportContext, row: int | None) -> dict[str, Any]:
        return {
            "updated_by_id": ctx.user_id,
            "impor_id": ctx.impor.pk if ctx.impor else None,
            "impor_baris": row,
        }

    def _reason(self, ctx: ImportContext, row: int | None) -> str:
        return f"impor #{ctx.impor.pk} baris {row}" if ctx.impor else f"impor baris {row}"

    def _prepare(self, creates: list[Staged], ctx: ImportContext) -> Insert:
        audit = {
            "kode_kabkota": ctx.kabkota,
            "created_by_id": ctx.user_id,
            "updated_by_id": ctx.user_id,
            "impor_id": ctx.impor.pk if ctx.impor else None,
        }
        insert = prepare_insert(
            self.model,
            [{**s.values, **audit, "impor_baris": s.row} for s in creates],
            now=ctx.now,
            resolve=_resolve,
            ref_names=[f for f in self.fields if f.endswith("_id")],
            unresolved=Staged,
        )
        if insert.ids is not None:  # PostgreSQL: known now, so later stages can refer to them
            for s, pk in zip(creates, insert.ids, strict=True):
                s.new_pk = pk
        return insert

    def _update(self, updates: list[tuple[Staged, dict, list, int]], ctx: ImportContext) -> None:
        current = self.model._default_manager.in_bulk([s.id for s, _, _, _ in updates])
        fields: set[str] = {"updated_at", "updated_by_id", "impor_id", "impor_baris"}
        objs = []
        for s, values, changed, row_number in updates:
            obj = current[s.id]
            for f in changed:
                setattr(obj, f, _resolve(values[f]))
                fields.add(f)
            for f, v in self._audit(ctx, row_number).items():
                setattr(obj, f, v)
            obj.updated_at = ctx.now  # type: ignore[attr-defined]  # the audit field of every staged model
            obj._change_reason = self._reason(ctx, row_number)  # type: ignore[attr-defined]  # read by simple_history
            objs.append(obj)
        names = [
            self.model._meta.get_field(f.removesuffix("_id")).name if f.endswith("_id") else f
            for f in fields
        ]
        if self.history:
            bulk_update_with_history(
                objs,
                self.model,
                names,
                batch_size=WRITE_CHUNK,
                default_user=ctx.user,
                default_date=ctx.now,
            )
        else:
            self.model._default_manager.bulk_update(objs, names, batch_size=WRITE_CHUNK)


class StageWrite:
    """A snapshot of one stage's writes; `run` may be called from the writer thread."""

    def __init__(
        self, stage: Stage, creates: list[Staged], insert: Insert | None, updates: list
    ) -> None:
        self.stage = stage
        self.creates = creates
        self.insert = insert
        self.updates = updates

    def run(self, ctx: ImportContext) -> None:
        if self.insert is not None:
            ids = write_insert(self.insert, user_id=ctx.user_id, resolve=_resolve)
            for s, pk in zip(self.creates, ids, strict=True):
                s.new_pk = pk
        if self.updates:
            self.stage._update(self.updates, ctx)

    def settle(self) -> None:
        """The batch is committed: the created records have their ids (importing thread)."""
        for s in self.creates:
            s.pk = s.new_pk
