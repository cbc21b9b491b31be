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


# The exact text sent: quoted text (so "NULL" and "" stay strings), backslash and quote escaped
# inside quotes, numbers and ISO dates bare, booleans t/f, NULL bare for None.
LITERALS = [
    '{"a","63.72",""}',
    '{"x\\"y","z\\\\","q\'s"," spasi ","NULL","{a,b}"}',
    "{1,2,30000000000}",
    "{2020-01-02,1999-12-31}",
    '{NULL,"a"}',
    "{t,f}",
    "{}",
]


@pytest.mark.parametrize(
    ("values", "literal"), list(zip([v for v, _ in CASES], LITERALS, strict=True))
)
def test_literal_text(values, literal):
    assert array_literal(values) == literal


def test_literal_of_a_generator_and_of_mixed_types():
    assert array_literal(str(i) for i in range(3)) == '{"0","1","2"}'
    assert array_literal([1, "a", None, dt.date(2025, 3, 14)]) == '{1,"a",NULL,2025-03-14}'


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
