"""The array literal the importer sends PostgreSQL for a batch's keys."""

import datetime as dt

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


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL array literal")
@pytest.mark.parametrize(("values", "type_"), CASES)
def test_postgres_reads_the_same_values(values, type_):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::{type_}[]", [array_literal(values)])
        assert cursor.fetchone()[0] == values
