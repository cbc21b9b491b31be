"""An XLSX upload's rejects open as XLSX (issue 14 item 4, D183): the web asks the import for
`tolakan.xlsx`; when the import wrote CSV there (a writer that knows only CSV), the file is turned
into a workbook in place: the original columns, `baris` and `alasan_ditolak`, every cell a text cell
(NIK and KK stay 16 digits in Excel, never 6,37E+15), every cell through safe_text."""

import csv
import os
from pathlib import Path

from kinerja.lib.cells import safe_text

XLSX_MAGIC = b"PK\x03\x04"


def rejects_path(upload: Path) -> Path:
    """Where the web's import of `upload` writes its rejects: XLSX for an XLSX upload."""
    name = "tolakan.xlsx" if upload.suffix.lower() == ".xlsx" else "tolakan.csv"
    return upload.parent / name


def ensure_xlsx(path: Path | None) -> None:
    """Make the rejects at an `.xlsx` path a workbook (a no-op when it is one already)."""
    if path is None or path.suffix.lower() != ".xlsx" or not path.exists():
        return
    with path.open("rb") as fh:
        if fh.read(4) == XLSX_MAGIC:
            return
    import xlsxwriter

    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # raw NIK: owner-only (D66)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as out, path.open(encoding="utf-8-sig", newline="") as src:
        book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                         "tmpdir": str(path.parent)})  # fmt: skip
        text = book.add_format({"num_format": "@"})
        bold = book.add_format({"bold": True, "num_format": "@"})
        sheet = book.add_worksheet("tolakan")
        for r, row in enumerate(csv.reader(src)):
            for c, value in enumerate(row):
                if value:
                    sheet.write_string(r, c, str(safe_text(value)), bold if r == 0 else text)
        sheet.freeze_panes(1, 0)
        book.close()
    os.replace(tmp, path)
