import pytest

from kinerja.lib.cells import safe_row, safe_text


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']
)
def test_formula_starts_are_quoted(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Ani", "6372041208900001", "", None, 5, -5, 1.5, "a=b"])
def test_other_values_are_unchanged(value):
    assert safe_text(value) == value


def test_row():
    assert safe_row(["=x", 1, "y"]) == ["'=x", 1, "y"]
