"""Set-based reads for a batch, in plain SQL.

A batch asks for up to ten thousand keys at once; Django's `__in` lookup prepares each of them
through the field machinery and builds a model-agnostic row, which at a million rows costs more than
the query. These helpers send one parameterised query and convert only what SQLite returns as text.
On PostgreSQL a list of keys is one array parameter (`= ANY(%s)`, `unnest(...)`), sent as one array
literal (`pgarray`), so the client does not build a statement with thousands of placeholders; on SQLite the statement goes to the DB-API
cursor with `?` marks, skipping Django's rewriting of every `%s`.
"""

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from contextlib import closing
from typing import Any

from django.db import connection, models
from django.db.models.options import Options

from .pgarray import array_literal

SQLITE_MAX_PARAMS = 30_000  # below SQLite's default limit of 32,766 bound parameters


def _converter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return None  # not read by the importer
    if isinstance(field, models.DateField):
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(field, models.BooleanField):
        return lambda v: bool(v) if v is not None else v
    return None


def _adapt_sqlite(values: Iterable[Any]) -> list[Any]:
    return [v.isoformat() if type(v) is dt.date else v for v in values]


def _field(meta: Options[Any], attname: str) -> models.Field:
    """The column field named `attname` (get_field's type also allows a reverse relation)."""
    field = meta.get_field(attname)
    assert isinstance(field, models.Field)
    return field


def column_name(field: models.Field) -> str:
    """A concrete field's column (the stubs allow None, for fields that have none)."""
    assert field.column is not None
    return field.column


def _array_type(field: models.Field) -> str:
    """The PostgreSQL element type of an array parameter compared with `field`."""
    return re.sub(r"\(.*\)", "", field.db_type(connection) or "text")


def _fetch(sql: str, params: list[Any], fields: list[models.Field]) -> list[tuple]:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with connection.wrap_database_errors, closing(connection.connection.cursor()) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f)) is not None]
        if not converters:
            return rows
        out = []
        for row in rows:
            row = list(row)
            for i, c in converters:
                row[i] = c(row[i])
            out.append(tuple(row))
        return out
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def select(
    model: type[models.Model],
    attnames: Sequence[str],
    where: Iterable[tuple[str, Collection[Any]]],
    *,
    equal: dict[str, Any] | None = None,
) -> list[tuple]:
    """`SELECT pk, *attnames FROM model WHERE col IN (...) AND ...`; each `where` item is
    (attname, values). Rows come back as tuples (pk first), dates and booleans as Python values."""
    meta = model._meta
    qn = connection.ops.quote_name
    sqlite = connection.vendor == "sqlite"
    mark = "?" if sqlite else "%s"
    fields = [meta.pk] + [_field(meta, a) for a in attnames]
    conditions, params = [], []
    for attname, value in (equal or {}).items():
        conditions.append(f"{qn(column_name(_field(meta, attname)))} = {mark}")
        params.append(value)
    for attname, values in where:
        if not values:
            return []
        field = _field(meta, attname)
        if sqlite:
            values = _adapt_sqlite(values)
            conditions.append(f"{qn(column_name(field))} IN ({', '.join([mark] * len(values))})")
            params.extend(values)
        else:
            conditions.append(f"{qn(column_name(field))} = ANY(%s::{_array_type(field)}[])")
            params.append(array_literal(values))
    sql = f"SELECT {', '.join(qn(column_name(f)) for f in fields)} FROM {qn(meta.db_table)}" + (
        f" WHERE {' AND '.join(conditions)}" if conditions else ""
    )
    return _fetch(sql, params, fields)


def select_keys(
    model: type[models.Model],
    attnames: Sequence[str],
    key: Sequence[str],
    keys: Collection[tuple],
) -> list[tuple]:
    """`SELECT pk, *attnames` of the rows whose columns `key` equal one of the tuples `keys`.

    One index probe per key (the table's natural-key index), where `col IN (...) AND col IN (...)`
    would probe every combination of the lists. Rows come back as in `select`."""
    if not keys:
        return []
    meta = model._meta
    qn = connection.ops.quote_name
    fields = [meta.pk] + [_field(meta, a) for a in attnames]
    key_fields = [_field(meta, a) for a in key]
    names = [f"k{i}" for i in range(len(key))]
    on = " AND ".join(
        f"t.{qn(column_name(f))} = k.{n}" for f, n in zip(key_fields, names, strict=True)
    )
    cols = ", ".join(f"t.{qn(column_name(f))}" for f in fields)
    keys = list(keys)
    if connection.vendor != "sqlite":
        # The OFFSET 0 fence keeps the lookup a nested loop of index probes, one per key, even
        # when the table's statistics are stale (a table that has just grown by a bulk load
        # would otherwise get a sort or hash of the whole table per batch).
        arrays = ", ".join(f"%s::{_array_type(f)}[]" for f in key_fields)
        params = [array_literal(column) for column in zip(*keys, strict=True)]
        sql = (
            f"SELECT {cols} FROM unnest({arrays}) AS k({', '.join(names)}) "
            f"CROSS JOIN LATERAL (SELECT * FROM {qn(meta.db_table)} t WHERE {on} OFFSET 0) t"
        )
        return _fetch(sql, params, fields)
    row_mark = "(" + ", ".join("?" * len(key)) + ")"
    step = SQLITE_MAX_PARAMS // len(key)
    rows: list[tuple] = []
    for start in range(0, len(keys), step):
        chunk = keys[start : start + step]
        # CROSS JOIN makes SQLite walk the keys and probe the table, never the other way round.
        sql = (
            f"WITH k({', '.join(names)}) AS (VALUES {', '.join([row_mark] * len(chunk))}) "
            f"SELECT {cols} FROM k CROSS JOIN {qn(meta.db_table)} t ON {on}"
        )
        rows += _fetch(sql, _adapt_sqlite(v for k in chunk for v in k), fields)
    return rows
