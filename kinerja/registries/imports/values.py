"""Reading one column of a row, with the reason (Indonesian) when it cannot be read.

Cell texts are checked once per import run: the outcome (value or reason) of each distinct text of a
column is remembered in the run's context (`ImportContext.memo`), since files repeat their dates,
codes and amounts on row after row. Non-text cells (XLSX numbers and dates) are checked each time.
"""

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any, Literal, overload

from kinerja.lib import parsing

from .context import ImportContext
from .errors import RowRejected


def _reject(exc: Exception) -> RowRejected:
    return RowRejected(str(exc))


class _Rejected(str):
    """A remembered reason: a cell text that was rejected."""

    __slots__ = ()


def memoised(ctx: ImportContext, key: Hashable, check: Callable[[Any], Any], text: str) -> Any:
    """`check(text)`, remembered for this run under `key` (one parser and column)."""
    memo = ctx.memo(key)
    try:
        outcome = memo[text]
    except KeyError:
        try:
            outcome = check(text)
        except RowRejected as exc:
            outcome = _Rejected(str(exc))
        memo[text] = outcome
    if type(outcome) is _Rejected:
        raise RowRejected(str(outcome))
    return outcome


# A text that begins like this is a spreadsheet formula (`=HYPERLINK(...)`, `@SUM(...)`), never a
# name, code, programme or note (D113). `+` and `-` begin real texts ("-", "+62 811..."): kept, and
# neutralised on output like every stored text (kinerja.lib.cells.safe_text).
FORMULA_FIRST = "=@"


def get_text(values: dict, name: str, *, required: bool = False, max_length: int | None = None):
    v = values.get(name)
    if v is None:
        if required:
            raise RowRejected(f"{name} wajib diisi")
        return None
    if type(v) is str:
        if max_length is not None and len(v) > max_length:
            raise RowRejected(f"{name} terlalu panjang (paling banyak {max_length} karakter)")
        if v[0] in FORMULA_FIRST:  # trimmed: `\t=1+1` arrives here as `=1+1`
            raise RowRejected(
                f"{name} diawali '{v[0]}' (awal rumus spreadsheet): tulis teksnya tanpa tanda itu"
            )
        return v
    if isinstance(v, bool):
        v = str(v).upper()
    elif isinstance(v, float) and v.is_integer():
        v = str(int(v))
    elif isinstance(v, dt.datetime | dt.date):
        v = v.isoformat()
    else:
        v = str(v)
    if max_length is not None and len(v) > max_length:
        raise RowRejected(f"{name} terlalu panjang (paling banyak {max_length} karakter)")
    return v


def identifier_text(value: object) -> object:
    """A NIK or KK as written, without Excel's text marker (a leading `'`) and the spaces around it
    (D132): `'6372...` and ` 6372... ` read as `6372...`. Any other value is returned as it is."""
    if type(value) is str:
        value = value.strip()
        if value[:1] == "'":
            value = value[1:].strip()
    return value


@overload
def get_date(
    values: dict, name: str, ctx: ImportContext, *, required: Literal[True], future_ok: bool = False
) -> dt.date: ...
@overload
def get_date(
    values: dict, name: str, ctx: ImportContext, *, required: bool = False, future_ok: bool = False
) -> dt.date | None: ...
def get_date(
    values: dict, name: str, ctx: ImportContext, *, required: bool = False, future_ok: bool = False
) -> dt.date | None:
    v = values.get(name)
    if v is None:
        if required:
            raise RowRejected(f"{name} wajib diisi")
        return None
    if type(v) is str:
        return memoised(
            ctx, ("tanggal", name, future_ok), lambda t: _date(t, name, ctx, future_ok), v
        )
    return _date(v, name, ctx, future_ok)


def _date(v: object, name: str, ctx: ImportContext, future_ok: bool) -> dt.date:
    try:
        d = parsing.tanggal(v, label=name)
    except parsing.ParseError as exc:
        raise _reject(exc) from None
    if not future_ok and d > ctx.today:
        raise RowRejected(f"{name} {d:%Y-%m-%d} setelah hari ini ({ctx.today:%Y-%m-%d})")
    return d


def get_code(values: dict, name: str, allowed: dict[str, str], *, required: bool = False):
    v = values.get(name)
    if v is None:
        if required:
            raise RowRejected(f"{name} wajib diisi")
        return None
    if type(v) is str and v in allowed:  # already the stored spelling (lower case)
        return allowed[v]
    try:
        return parsing.kode(v, allowed, label=name)
    except parsing.ParseError as exc:
        raise _reject(exc) from None


def get_rupiah(values: dict, name: str, ctx: ImportContext) -> int | None:
    v = values.get(name)
    if v is None:
        return None
    if type(v) is str:
        return memoised(ctx, ("rupiah", name), lambda t: _rupiah(t, name), v)
    return _rupiah(v, name)


def _rupiah(v: object, name: str) -> int:
    try:
        return parsing.rupiah(v, label=name)
    except parsing.ParseError as exc:
        raise _reject(exc) from None


def choices(text_choices) -> dict[str, str]:
    """A TextChoices as the lower-case -> stored map `get_code` takes."""
    return {v.lower(): v for v in text_choices.values}


def check_period(
    daftar: dt.date | None, selesai: dt.date | None, *, names=("tanggal_daftar", "tanggal_selesai")
):
    if daftar and selesai and selesai < daftar:
        raise RowRejected(f"{names[1]} {selesai:%Y-%m-%d} sebelum {names[0]} {daftar:%Y-%m-%d}")
