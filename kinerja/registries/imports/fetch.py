"""Set-based reads for a batch, in plain SQL.

A batch asks for up to a few thousand keys at once; Django's `__in` lookup prepares each of them
through the field machinery and builds a model-agnostic row, which at a million rows costs more than
the query. These helpers send one parameterised query and convert only what SQLite returns as text.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.db import connection, models


def _converter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return None  # not read by the importer
    if isinstance(field, models.DateField):
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(field, models.BooleanField):
        return lambda v: bool(v) if v is not None else v
    return None


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
    fields = [meta.pk] + [meta.get_field(a) for a in attnames]
    conditions, params = [], []
    for attname, value in (equal or {}).items():
        conditions.append(f"{qn(meta.get_field(attname).column)} = %s")
        params.append(value)
    adapt = connection.ops.adapt_datefield_value
    for attname, values in where:
        values = [adapt(v) if type(v) is dt.date else v for v in values]
        if not values:
            return []
        conditions.append(
            f"{qn(meta.get_field(attname).column)} IN ({', '.join(['%s'] * len(values))})"
        )
        params.extend(values)
    sql = f"SELECT {', '.join(qn(f.column) for f in fields)} FROM {qn(meta.db_table)}" + (
        f" WHERE {' AND '.join(conditions)}" if conditions else ""
    )
    converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f)) is not None]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters and connection.vendor == "sqlite":
        out = []
        for row in rows:
            row = list(row)
            for i, c in converters:
                row[i] = c(row[i])
            out.append(tuple(row))
        return out
    return rows
