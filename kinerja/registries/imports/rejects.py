"""The rejects file: every rejected row with its number, original values and reason."""

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kinerja.lib.cells import safe_row
from kinerja.lib.privacy import mask_nik

ROW_COLUMN = "baris"
REASON_COLUMN = "alasan_ditolak"

if TYPE_CHECKING:
    from _csv import Writer  # the type of csv.writer(); not importable by that name at runtime


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


def _open_owner_only(path: Path) -> TextIO:
    """The rejects hold raw NIK and KK: only the owner reads them (0600, D66), even over an old file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8-sig", newline="")


SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
PERSONAL_COLUMNS = frozenset({"nik", "no_kk"})


def masked_rejects(path: Path) -> Iterator[bytes]:
    """The rejects file for a reader without D3: the nik and no_kk columns masked, and any other
    16-digit run in any cell too (a NIK typed into another column, or quoted by a reason)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        delimiter = _delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        personal = {i for i, h in enumerate(header) if h.strip().lower() in PERSONAL_COLUMNS}
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        out.write("\ufeff")
        writer.writerow(header)
        for number, row in enumerate(csv.reader(fh, delimiter=delimiter)):
            writer.writerow(
                [mask_nik(c) if i in personal and c else _mask_runs(c) for i, c in enumerate(row)]
            )
            if number % 1000 == 999:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")


def _delimiter(header_line: str) -> str:
    """The writer puts REASON_COLUMN last, right after the input's delimiter."""
    line = header_line.rstrip("\r\n")
    if line.endswith(REASON_COLUMN) and len(line) > len(REASON_COLUMN):
        return line[-len(REASON_COLUMN) - 1]
    return ","


def _mask_runs(cell: str) -> str:
    return SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)), cell)
