"""The rejects file: every rejected row with its original values in its original columns, its number
and the reason. CSV (the contract's, in the input's delimiter, UTF-8 with BOM) or, for a path ending in
`.xlsx`, a workbook in which every cell is a text cell (D131): Excel turns a NIK typed as a number into
6,37E+15, and the rejects are meant to be fixed in Excel and imported again."""

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, TextIO

from kinerja.lib.cells import safe_row, safe_text
from kinerja.lib.privacy import mask_nik

ROW_COLUMN = "baris"
REASON_COLUMN = "alasan_ditolak"

if TYPE_CHECKING:
    from _csv import Writer  # the type of csv.writer(); not importable by that name at runtime

    from xlsxwriter.worksheet import Worksheet


class Rejects(Protocol):
    count: int

    def write(self, number: int, raw: list[str], reason: str) -> None: ...
    def close(self) -> Path | None: ...


def open_rejects(path: Path | None, header: list[str], delimiter: str) -> Rejects:
    """The writer for `path`: XLSX when it ends in `.xlsx` (the web's XLSX uploads), else CSV."""
    if path is not None and Path(path).suffix.lower() == ".xlsx":
        return XlsxRejectsWriter(Path(path), header)
    return RejectsWriter(path, header, delimiter)


class RejectsWriter:
    """CSV in UTF-8 with BOM (Excel opens it right), in the input's delimiter; opened at first use."""

    def __init__(self, path: Path | None, header: list[str], delimiter: str) -> None:
        self.path = path
        self.header = header
        self.delimiter = delimiter
        self.count = 0
        self._fh: TextIO | None = None
        self._writer: Writer | None = None

    def write(self, number: int, raw: list[str], reason: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._writer is None:
            self._fh = _open_owner_only(Path(self.path))
            self._writer = csv.writer(self._fh, delimiter=self.delimiter)
            self._writer.writerow(safe_row([*self.header, ROW_COLUMN, REASON_COLUMN]))
        width = len(self.header)
        cells = list(raw[:width]) + [""] * (width - len(raw))
        # The original values are written back as read: a cell `=HYPERLINK(...)` (or `\t=1+1`) in
        # the upload must not come alive when the rejects file is opened in Excel.
        self._writer.writerow(safe_row([*cells, number, reason]))

    def close(self) -> Path | None:
        """The file written, or None when nothing was rejected (a stale file there is removed)."""
        if self._fh is not None and self.path is not None:  # a file is opened only with a path
            self._fh.close()
            return Path(self.path)
        if self.path is not None and Path(self.path).exists():
            Path(self.path).unlink()
        return None


class XlsxRejectsWriter:
    """The rejects as a workbook (D131), opened at first use: written row by row to disk (xlsxwriter's
    constant-memory mode, its temporary files beside the rejects file, owner-only like it)."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.header = header
        self.count = 0
        self._fh: BinaryIO | None = None
        self._table: XlsxTable | None = None

    def write(self, number: int, raw: list[str], reason: str) -> None:
        self.count += 1
        if self._table is None:
            self._fh = _open_owner_only(self.path, binary=True)
            self._table = XlsxTable(self._fh, [*self.header, ROW_COLUMN, REASON_COLUMN], self.path)
        width = len(self.header)
        cells = [str(c) for c in raw[:width]] + [""] * (width - len(raw))
        self._table.append([*cells, str(number), reason])

    def close(self) -> Path | None:
        if self._table is not None and self._fh is not None:
            self._table.close()
            self._fh.close()
            return self.path
        if self.path.exists():
            self.path.unlink()
        return None


class XlsxTable:
    """One table over as many sheets as it needs (Excel holds 1,048,576 rows a sheet): a bold header
    repeated on each, every cell a text cell (`@`, through safe_text), widths from the content."""

    MAX_ROWS = 1_048_576  # a sheet's rows, the header included
    WIDTH_MIN, WIDTH_MAX = 8, 60

    def __init__(self, out: BinaryIO, header: list[str], beside: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            out,
            {"constant_memory": True, "tmpdir": str(beside.parent), "strings_to_numbers": False},
        )
        self.bold = self.book.add_format({"bold": True, "num_format": "@"})
        self.text = self.book.add_format({"num_format": "@"})
        self.header = header
        self.widths = [len(h) for h in header]
        self.sheet: Worksheet | None = None  # added on the first append
        self.row = 0

    def append(self, cells: list[str]) -> None:
        if self.sheet is None or self.row >= self.MAX_ROWS:
            self.sheet = self._new_sheet()
        write, text, row, widths = self.sheet.write_string, self.text, self.row, self.widths
        for col, value in enumerate(cells):
            if value:
                write(row, col, str(safe_text(_xml_safe(value))), text)
                if col < len(widths) and len(value) > widths[col]:
                    widths[col] = len(value)
        self.row += 1

    def _new_sheet(self) -> "Worksheet":
        if self.sheet is not None:
            self._finish_sheet(self.sheet)
        number = len(self.book.worksheets()) + 1
        sheet = self.book.add_worksheet("tolakan" if number == 1 else f"tolakan {number}")
        for col, name in enumerate(self.header):
            sheet.write_string(0, col, str(safe_text(_xml_safe(name))), self.bold)
        sheet.freeze_panes(1, 0)
        self.row = 1
        return sheet

    def _finish_sheet(self, sheet: "Worksheet") -> None:
        for col, width in enumerate(self.widths):
            shown = min(max(width + 2, self.WIDTH_MIN), self.WIDTH_MAX)
            sheet.set_column(col, col, shown, self.text)
        if self.header:
            sheet.autofilter(0, 0, max(self.row - 1, 0), len(self.header) - 1)

    def close(self) -> None:
        sheet = self.sheet or self._new_sheet()  # a header-only table has its sheet too
        self._finish_sheet(sheet)
        self.book.close()


# Characters XML 1.0 cannot hold: a CSV cell may carry them, a workbook may not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _open_owner_only(path: Path, *, binary: bool = False):
    """The rejects hold raw NIK and KK: only the owner reads them (0600, D66), even over an old file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8-sig", newline="")


SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def is_personal(header: str) -> bool:
    """A NIK or KK column, in our layout (`nik`, `no_kk`) or another system's (`NOMOR NIK`,
    `NIK KPM`, `NO KK`): one of its words, once normalised, is NIK or KK."""
    words = re.sub(r"[^A-Z0-9]+", " ", str(header).upper()).split()
    return "NIK" in words or "KK" in words


def _masked(row: list[str], personal: set[int]) -> list[str]:
    return [mask_nik(c) if i in personal and c else _mask_runs(c) for i, c in enumerate(row)]


def masked_rejects(path: Path) -> Iterator[bytes]:
    """The rejects file for a reader without D3, in the format of the file: the NIK and KK columns
    masked, and any other 16-digit run in any cell too (a NIK typed into another column, or quoted
    by a reason)."""
    if Path(path).suffix.lower() == ".xlsx":
        yield from _masked_xlsx(Path(path))
        return
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        delimiter = _delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        personal = {i for i, h in enumerate(header) if is_personal(h)}
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        out.write("\ufeff")
        writer.writerow(header)
        for number, row in enumerate(csv.reader(fh, delimiter=delimiter)):
            writer.writerow(_masked(row, personal))
            if number % 1000 == 999:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")


def _masked_xlsx(path: Path) -> Iterator[bytes]:
    """Read back sheet by sheet (each begins with the header) and written again, masked, to an
    anonymous temporary file beside it, handed out in pieces."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        with tempfile.TemporaryFile(dir=path.parent) as out:
            table: XlsxTable | None = None
            for sheet in book.worksheets:
                rows = sheet.iter_rows(values_only=True)
                header = ["" if c is None else str(c) for c in next(rows, ())]
                personal = {i for i, h in enumerate(header) if is_personal(h)}
                if table is None:
                    table = XlsxTable(out, header, path)
                for row in rows:
                    table.append(_masked(["" if c is None else str(c) for c in row], personal))
            if table is None:
                table = XlsxTable(out, [], path)
            table.close()
            out.seek(0)
            while chunk := out.read(1 << 16):
                yield chunk
    finally:
        book.close()


def _delimiter(header_line: str) -> str:
    """The writer puts REASON_COLUMN last, right after the input's delimiter."""
    line = header_line.rstrip("\r\n")
    if line.endswith(REASON_COLUMN) and len(line) > len(REASON_COLUMN):
        return line[-len(REASON_COLUMN) - 1]
    return ","


def _mask_runs(cell: str) -> str:
    return SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)), cell)
