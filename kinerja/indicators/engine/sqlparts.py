"""Small helpers to assemble portable SQL (SQLite, PostgreSQL, DuckDB) with `%s` parameters."""

from dataclasses import dataclass, field
from typing import Any


class Sql:
    """A fragment of SQL and its parameters, in textual order."""

    def __init__(self, text: str = "", *params: Any) -> None:
        self.text = text
        self.params: list[Any] = list(params)

    def add(self, text: str, *params: Any) -> "Sql":
        self.text += text
        self.params.extend(params)
        return self

    def extend(self, other: "Sql") -> "Sql":
        self.text += other.text
        self.params.extend(other.params)
        return self


def in_list(column: str, values: list[str]) -> Sql:
    """`column IN (%s, %s)`; an empty list matches nothing."""
    if not values:
        return Sql("1 = 0")
    return Sql(f"{column} IN ({', '.join(['%s'] * len(values))})", *values)


@dataclass
class With:
    """A WITH query: named CTEs then a final statement."""

    ctes: list[tuple[str, Sql, bool]] = field(default_factory=list)

    def cte(self, name: str, body: Sql, materialized: bool = False) -> None:
        self.ctes.append((name, body, materialized))

    def render(self, final: Sql, materialize: bool = True) -> Sql:
        out = Sql("WITH ")
        for i, (name, body, mat) in enumerate(self.ctes):
            if i:
                out.add(",\n")
            hint = " MATERIALIZED" if (mat and materialize) else ""
            out.add(f"{name} AS{hint} (").extend(body).add(")")
        return out.add("\n").extend(final)
