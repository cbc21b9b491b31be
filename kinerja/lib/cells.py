"""Spreadsheet cells that cannot attack their reader (CSV/formula injection, OWASP).

Every XLSX and CSV the product writes passes its text cells through `safe_text`: a value beginning
with `=`, `+`, `-`, `@`, tab or carriage return would be read by Excel or LibreOffice as a formula
(`=HYPERLINK(...)`, `@SUM(...)`, DDE), so it is written with a leading apostrophe, which both programs
show as plain text. Numbers are never touched: only strings are neutralised, so `-5` stays a number
when it is one.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def safe_text(value: object) -> object:
    """The value as a spreadsheet may show it: text that would start a formula gets a `'` first."""
    if is_dangerous(value):
        return "'" + value  # type: ignore[operator]
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """`safe_text` over a row (list or tuple), for csv writers and `Worksheet.append`."""
    return [safe_text(v) for v in values]
