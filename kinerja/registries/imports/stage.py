"""Staging a batch's records in memory, then writing them with a few set-based statements.

A row is checked against what is staged (rows earlier in the batch) and what the database holds
(earlier batches), so duplicates in a file update instead of duplicating. Nothing is written until the
whole batch is planned; then new records are bulk-created and changed ones bulk-updated, both with
their django-simple-history rows, and records that did not change are not touched at all.
"""

from collections.abc import Hashable, Iterable
from typing import Any

from django.db import models
from simple_history.utils import bulk_update_with_history

from .context import ImportContext
from .fastwrite import insert_with_history

WRITE_CHUNK = 1000


class Staged:
    """One record of the batch: `pk` None until created; `orig` the values the database holds."""

    __slots__ = ("pk", "values", "orig", "row", "__weakref__")

    def __init__(
        self, pk: int | None, values: dict[str, Any], orig: dict[str, Any] | None, row=None
    ):
        self.pk = pk
        self.values = values
        self.orig = orig
        self.row = row

    @property
    def changed(self) -> list[str]:
        if self.values is self.orig:
            return []
        if self.orig is None:
            return list(self.values)
        return [f for f, v in self.values.items() if self.orig.get(f) != v]


def _resolve(value: Any) -> Any:
    # A foreign key to a record created earlier in the same batch: its pk is known only after writing.
    return value.pk if isinstance(value, Staged) else value


class Stage:
    def __init__(self, model: type[models.Model], fields: Iterable[str]) -> None:
        self.model = model
        self.fields = tuple(fields)
        self.items: dict[Hashable, Staged] = {}
        self.history = hasattr(model, "history")

    def get(self, key: Hashable) -> Staged | None:
        return self.items.get(key)

    def load(self, key: Hashable, pk: int, values: dict[str, Any]) -> Staged:
        """A record the database holds (unless an earlier row of the batch already staged it)."""
        staged = self.items.get(key)
        if staged is None:
            staged = self.items[key] = Staged(pk, values, values)  # rows replace, never mutate
        return staged

    def merged(self, key: Hashable, given: dict[str, Any], defaults: dict[str, Any]) -> dict:
        """The record's values if this row were applied; given values only (empty never erases)."""
        staged = self.items.get(key)
        base = staged.values if staged is not None else defaults
        return {**base, **given}

    def put(self, key: Hashable, values: dict[str, Any], row: int) -> Staged:
        staged = self.items.get(key)
        if staged is None:
            staged = self.items[key] = Staged(None, values, None, row)
        elif staged.values != values:
            staged.values = values
            staged.row = row
        return staged

    def write(self, ctx: ImportContext) -> tuple[int, int]:
        """Create new records, update changed ones; returns (created, updated)."""
        creates = [s for s in self.items.values() if s.pk is None]
        updates = [s for s in self.items.values() if s.pk is not None and s.changed]
        if creates:
            self._create(creates, ctx)
        if updates:
            self._update(updates, ctx)
        return len(creates), len(updates)

    def _audit(self, ctx: ImportContext, row: int | None) -> dict[str, Any]:
        return {
            "updated_by_id": ctx.user_id,
            "impor_id": ctx.impor.pk if ctx.impor else None,
            "impor_baris": row,
        }

    def _reason(self, ctx: ImportContext, row: int | None) -> str:
        return f"impor #{ctx.impor.pk} baris {row}" if ctx.impor else f"impor baris {row}"

    def _create(self, creates: list[Staged], ctx: ImportContext) -> None:
        audit = {
            "kode_kabkota": ctx.kabkota,
            "created_by_id": ctx.user_id,
            "updated_by_id": ctx.user_id,
            "impor_id": ctx.impor.pk if ctx.impor else None,
        }
        rows = []
        refs = [f for f in self.fields if f.endswith("_id")]
        for s in creates:
            row = {**s.values, **audit, "impor_baris": s.row}
            for f in refs:
                if isinstance(row.get(f), Staged):
                    row[f] = row[f].pk
            rows.append(row)
        ids = insert_with_history(
            self.model,
            rows,
            now=ctx.now,
            user_id=ctx.user_id,
        )
        for s, pk in zip(creates, ids, strict=True):
            s.pk = pk
            s.orig = dict(s.values)

    def _update(self, updates: list[Staged], ctx: ImportContext) -> None:
        current = self.model.objects.in_bulk([s.pk for s in updates])
        fields: set[str] = {"updated_at", "updated_by_id", "impor_id", "impor_baris"}
        objs = []
        for s in updates:
            obj = current[s.pk]
            for f in s.changed:
                setattr(obj, f, _resolve(s.values[f]))
                fields.add(f)
            for f, v in self._audit(ctx, s.row).items():
                setattr(obj, f, v)
            obj.updated_at = ctx.now
            obj._change_reason = self._reason(ctx, s.row)
            objs.append(obj)
            s.orig = dict(s.values)
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
            self.model.objects.bulk_update(objs, names, batch_size=WRITE_CHUNK)
