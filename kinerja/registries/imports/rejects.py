"""The rejects file: every rejected row with its number, original values and reason."""

import csv
from pathlib import Path

from kinerja.lib.cells import safe_row

ROW_COLUMN = "baris"
REASON_COLUMN = "alasan_ditolak"


class RejectsWriter:
    """CSV in UTF-8 with BOM (Excel opens it right), in the input's delimiter; opened at first use."""

    def __init__(self, path: Path | None, header: list[str], delimiter: str) -> None:
        self.path = path
        self.header = header
        self.delimiter = delimiter
        self.count = 0
        self._fh = None
        self._writer = None

    def write(self, number: int, raw: list[str], reason: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._writer is None:
            self._fh = Path(self.path).open("w", encoding="utf-8-sig", newline="")  # noqa: SIM115  (open for the whole import, closed by close())
            self._writer = csv.writer(self._fh, delimiter=self.delimiter)
            self._writer.writerow(safe_row([*self.header, ROW_COLUMN, REASON_COLUMN]))
        width = len(self.header)
        cells = list(raw[:width]) + [""] * (width - len(raw))
        # The original values are written back as read: a cell `=HYPERLINK(...)` (or `\t=1+1`) in
        # the upload must not come alive when the rejects file is opened in Excel.
        self._writer.writerow(safe_row([*cells, number, reason]))

    def close(self) -> Path | None:
        """The file written, or None when nothing was rejected (a stale file there is removed)."""
        if self._fh is not None:
            self._fh.close()
            return Path(self.path)
        if self.path is not None and Path(self.path).exists():
            Path(self.path).unlink()
        return None
