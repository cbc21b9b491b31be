"""Inserting new records and their history rows without building two ORM objects per row.

Creating 2,000 rows through `bulk_create_with_history` builds 4,000 model instances and compiles every
value field by field; at a million rows that is most of an import's time. This writes exactly the rows
simple_history's bulk_create_with_history writes (the record; its historical row with history_type
`+`, history_date, history_user and change reason): the records with one multi-row INSERT per chunk
on SQLite (`_sqlite_ids`) or COPY on PostgreSQL, their history rows copied from them by the database.
"""

import datetime as dt
import io
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db import connection, models

from .fetch import column_name
from .pgarray import array_literal

CHUNK = 1000


class _Plan:
    """Column order and value adapters of one model, computed once per run."""

    def __init__(self, model: type[models.Model]) -> None:
        ops = connection.ops
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [column_name(f) for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.adapters = [_adapter(f, ops) for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields if f.has_default()}
        self.pk_column = column_name(model._meta.pk)
        self.sequence: str | None = None  # PostgreSQL: the id sequence, looked up once
        self.history: tuple[str, list[str], list[str]] | None = None
        if hasattr(model, "history"):
            hist = model.history.model
            hfields = [f for f in hist._meta.concrete_fields if not f.primary_key]
            self.history = (
                hist._meta.db_table,
                [column_name(f) for f in hfields],
                [f.attname for f in hfields],
            )


def _adapter(field: models.Field, ops):
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


_plans: dict[tuple[str, type], _Plan] = {}


def _plan(model: type[models.Model]) -> _Plan:
    key = (connection.vendor, model)
    if key not in _plans:
        _plans[key] = _Plan(model)
    return _plans[key]


def ids_before_writing() -> bool:
    """Whether `prepare_insert` gives the new rows their ids (PostgreSQL: from the sequence) or
    only the write does (SQLite)."""
    return connection.vendor == "postgresql"


@dataclass(slots=True)
class Insert:
    """New rows of one model, built by the importing thread (`prepare_insert`) and written by the
    writer (`write_insert`), so that the writer thread mostly waits for the database."""

    plan: _Plan
    rows: list[list[Any]]  # values in column order; a foreign key may still be an unwritten record
    refs: list[int]  # columns that may still hold such a record (resolved by the writer)
    ids: list[int] | None  # PostgreSQL: taken from the sequence beforehand
    now_db: Any
    copy_data: bytes | None = None  # PostgreSQL: the rows as COPY text, formatted beforehand


def prepare_insert(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    now: dt.datetime,
    resolve: Callable[[Any], Any],
    ref_names: Sequence[str] = (),
    unresolved: type | tuple[type, ...] = (),
) -> Insert:
    """`rows` (attname -> value; missing fields take their defaults) as column values. A value of
    a `ref_names` column that `resolve` leaves an `unresolved` (a record with no id yet) is left
    for `write_insert`. On PostgreSQL the ids are taken now, on this thread's connection (a
    sequence is not transactional)."""
    plan = _plan(model)
    now_db = connection.ops.adapt_datetimefield_value(now)
    fixed = {"created_at": now_db, "updated_at": now_db}
    names = plan.attnames
    base = {a: plan.defaults.get(a) for a in names}
    adapt = [(i, a) for i, a in enumerate(plan.adapters) if a is not None and names[i] not in fixed]
    refs = [names.index(f) for f in ref_names]
    pick = itemgetter(*names)
    prepared: list[list[Any]] = []
    pending = False
    for row in rows:
        merged = {**base, **row}
        merged.update(fixed)
        values = list(pick(merged))
        for i, a in adapt:
            if values[i] is not None:
                values[i] = a(values[i])
        for i in refs:
            value = values[i] = resolve(values[i])
            pending = pending or isinstance(value, unresolved)
        prepared.append(values)
    insert = Insert(plan, prepared, refs if pending else [], None, now_db)
    if ids_before_writing() and prepared:
        with connection.cursor() as cursor:
            insert.ids = _take_ids(cursor, plan, len(prepared))
            if not pending:
                insert.copy_data = _copy_text(insert.ids, prepared)
    return insert


def write_insert(
    insert: Insert, *, user_id: int | None, resolve: Callable[[Any], Any]
) -> list[int]:
    """Insert the prepared rows and, for a historical model, one `+` history row each (writer
    thread, inside the batch's transaction). Returns the new ids in the order of the rows."""
    plan, prepared = insert.plan, insert.rows
    for i in insert.refs:  # records created earlier in this batch now have their ids
        for values in prepared:
            values[i] = resolve(values[i])
    qn = connection.ops.quote_name
    # On SQLite, the DB-API cursor with `?` skips Django's rewriting of every `%s` in a statement of
    # 17,000 parameters; it is the same connection, inside the same transaction.
    sqlite = connection.vendor == "sqlite"
    mark = "?" if sqlite else "%s"
    placeholder = "(" + ", ".join([mark] * len(plan.columns)) + ")"
    head = f"INSERT INTO {qn(plan.table)} ({', '.join(qn(c) for c in plan.columns)}) VALUES "
    ids: list[int] = []
    connection.ensure_connection()
    with (
        connection.wrap_database_errors,  # sqlite3.IntegrityError -> django.db.IntegrityError
        closing(connection.connection.cursor()) if sqlite else connection.cursor() as cursor,
    ):
        if not sqlite:
            ids = insert.ids if insert.ids is not None else _take_ids(cursor, plan, len(prepared))
            data = insert.copy_data
            if data is None:
                data = _copy_text(ids, prepared)
            _copy(cursor, plan.table, [plan.pk_column, *plan.columns], data)
        else:
            for start in range(0, len(prepared), CHUNK):
                chunk = prepared[start : start + CHUNK]
                params = [v for values in chunk for v in values]
                cursor.execute(head + ", ".join([placeholder] * len(chunk)), params)
                ids += _sqlite_ids(cursor, plan, len(chunk))
        if plan.history is not None:
            _history_from_records(cursor, plan, ids, insert.now_db, user_id, mark)
    return ids


def _sqlite_ids(cursor, plan: _Plan, n: int) -> range:
    """The ids SQLite gave the `n` rows one INSERT just wrote, without RETURNING (whose rows come
    back one sqlite3_step at a time, each taking the GIL back from the importing thread). Inside the
    write transaction nobody else inserts, and AUTOINCREMENT gives each new row the largest id so
    far plus one: the ids are the `n` up to `lastrowid`. Counted to be sure."""
    last = cursor.lastrowid
    ids = range(last - n + 1, last + 1)
    qn = connection.ops.quote_name
    cursor.execute(
        f"SELECT count(*) FROM {qn(plan.table)} WHERE {qn(plan.pk_column)} BETWEEN ? AND ?",
        [ids.start, last],
    )
    if cursor.fetchone()[0] != n:
        raise RuntimeError(f"{plan.table}: id baris baru tidak berurutan (lastrowid {last})")
    return ids


def _history_from_records(cursor, plan: _Plan, ids: list[int], now_db, user_id, mark: str) -> None:
    """The `+` history rows, copied by the database from the rows just inserted (the values are
    exactly the record's), with the change reason `impor #N baris M`."""
    if not ids:
        return
    qn = connection.ops.quote_name
    assert plan.history is not None  # called only for a model with history
    table, columns, hnames = plan.history
    record_columns = {a: c for a, c in zip(plan.attnames, plan.columns, strict=True)}
    record_columns["id"] = plan.pk_column
    select, params = [], []
    for a in hnames:
        if a in record_columns:
            select.append(qn(record_columns[a]))
        elif a == "history_date":
            select.append(mark)
            params.append(now_db)
        elif a == "history_type":
            select.append("'+'")
        elif a == "history_user_id":
            select.append(mark)
            params.append(user_id)
        elif a == "history_change_reason":
            reason = (
                f"COALESCE('impor #' || {qn('impor_id')} || ' baris ', 'impor baris ') "
                f"|| COALESCE({qn('impor_baris')}, 0)"
            )
            select.append(f"CAST({reason} AS VARCHAR(100))")
        else:
            raise ValueError(f"history field {a} has no source")
    head = (
        f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) SELECT {', '.join(select)} "
    )
    head += f"FROM {qn(plan.table)} WHERE {qn(plan.pk_column)} "
    if connection.vendor == "postgresql":
        cursor.execute(head + "= ANY(%s::bigint[])", [*params, array_literal(ids)])
    else:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(head + f"IN ({', '.join([mark] * len(chunk))})", [*params, *chunk])


def _copy_text(ids: list[int], rows: list[list[Any]]) -> bytes:
    """The rows (each after its id) as COPY text, formatted by psycopg in C without sending
    anything (`Copy` with a `FileWriter`, as psycopg documents for writing COPY data to a file):
    the importing thread does this, so that the writer thread holds the GIL as little as possible.
    A cursor that has run nothing gives the connection's adapters."""
    out = io.BytesIO()
    from psycopg.copy import Copy, FileWriter  # PostgreSQL only: SQLite processes never load it

    with connection.connection.cursor() as fresh, Copy(fresh, writer=FileWriter(out)) as copy:
        for i, values in zip(ids, rows, strict=True):
            copy.write_row([i, *values])
    return out.getvalue()


def _copy(cursor, table: str, columns: list[str], data: bytes) -> None:
    qn = connection.ops.quote_name
    with cursor.cursor.copy(
        f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    ) as copy:
        copy.write(data)


def _take_ids(cursor, plan: _Plan, n: int) -> list[int]:
    """PostgreSQL: `n` ids from the table's sequence, in one row (5,000 result rows would come back
    in many reads, each waiting for the GIL while the other thread works: 33 against 3 ms)."""
    if plan.sequence is None:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [plan.table, plan.pk_column])
        plan.sequence = cursor.fetchone()[0]
    cursor.execute(
        "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)", [plan.sequence, n]
    )
    return cursor.fetchone()[0]
