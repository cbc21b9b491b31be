"""The array literal the importer sends PostgreSQL for a batch's keys."""

import datetime as dt
import os

import pytest
from django.db import connection

from kinerja.registries.imports.pgarray import array_literal

CASES = [
    (["a", "63.72", ""], "text"),
    (['x"y', "z\\", "q's", " spasi ", "NULL", "{a,b}"], "text"),
    ([1, 2, 30000000000], "bigint"),
    ([dt.date(2020, 1, 2), dt.date(1999, 12, 31)], "date"),
    ([None, "a"], "varchar"),
    ([True, False], "boolean"),
    ([], "text"),
]


@pytest.mark.parametrize(("values", "_type"), CASES)
def test_literal_shape(values, _type):
    text = array_literal(values)
    assert text.startswith("{") and text.endswith("}")


def _postgres_read(sql: str, params: list):
    """Run on PostgreSQL whatever the test database: the Django connection when it is PostgreSQL,
    else a direct connection to the machine's server (CI always has one; no skip)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]
    import psycopg

    url = os.environ.get("KINERJA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("values", "type_"), CASES)
def test_postgres_reads_the_same_values(values, type_):
    assert _postgres_read(f"SELECT %s::{type_}[]", [array_literal(values)]) == values
