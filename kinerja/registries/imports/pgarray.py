"""A list as one PostgreSQL array literal (`{1,2,3}`), built with C-level joins.

Django's psycopg cursor binds parameters on the client: a Python list is dumped element by element
in Python (about 1 µs an element), which for a batch's keys (ten thousand values) cost more than the
query. The literal below is one string, quoted once; the statement casts it (`%s::bigint[]`).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

_SPECIAL = ('"', "\\")


def _element(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date):  # datetime too: isoformat keeps the offset
        return value.isoformat()
    return str(value)


def array_literal(values: Iterable[Any]) -> str:
    """`values` as an array literal; elements are quoted as text, so any element type casts."""
    values = list(values)
    if all(type(v) is str for v in values):
        together = "".join(values)
        if not any(c in together for c in _SPECIAL):
            return '{"' + '","'.join(values) + '"}' if values else "{}"
    elif all(type(v) is int for v in values):
        return "{" + ",".join(map(str, values)) + "}"
    elif all(type(v) is dt.date for v in values):
        return "{" + ",".join(map(dt.date.isoformat, values)) + "}"
    return "{" + ",".join(map(_element, values)) + "}"
