"""Running the engine's analytical SQL on the Django connection."""

from typing import Any

from django.db import connection, transaction

Row = tuple[Any, ...]


def run_sql(sql: str, params: list[Any]) -> list[Row]:
    """Execute one analytical statement and fetch its rows (inside the caller's transaction, if any)."""
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # These short analytical queries lose seconds to JIT compilation (PostgreSQL >= 11);
            # hashes of a few hundred thousand persons stay in memory instead of spilling. Both
            # for this transaction only (SET LOCAL), in one round trip (D220).
            cur.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)"
            )
        cur.execute(sql, params)
        rows: list[Row] = cur.fetchall()
        return rows
