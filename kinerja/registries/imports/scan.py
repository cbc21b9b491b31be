"""One pass over a file's bytes before its first row is imported (D110, D111): nothing found later may
stop an import halfway, so whatever would make the file unusable is found here.

CSV: UTF-8 (or, when it is not, Windows-1252: D130) without NUL bytes, and the bounds on rows, columns
and cell length. A file without any `"` has one row per line, so the bounds are proved on the bytes (a line no longer than the bounds cannot
break them; only longer lines are split); a file with quotes, whose rows may span lines, is parsed
once with the csv module (about 1.5 s a million rows).

XLSX: the first sheet's XML unpacked once (zipfile checks its CRC) and its row tags counted.
"""

import codecs
import csv
import re
import threading
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from .errors import FileBeyondLimits, FileUnusable
from .limits import Limits, angka, broken_xlsx, cell_too_long, too_many_columns, too_many_rows

CHUNK = 1 << 20
# A cell this many characters long runs past the limit; unclosed quotes are the usual cause.
UNCLOSED_QUOTE = (
    'Biasanya karena tanda kutip (") yang dibuka tetapi tidak ditutup, sehingga baris-baris '
    "sesudahnya terbaca sebagai satu sel: periksa baris itu dan baris sebelumnya, lalu impor lagi."
)


UTF8 = "utf-8"
CP1252 = "cp1252"
# The five bytes Windows-1252 leaves undefined (Python's codec refuses them, as we do).
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
NOT_TEXT = "simpan ulang sebagai 'CSV UTF-8' lalu impor lagi."


def scan_csv(path: Path, delimiter: str, limits: Limits) -> str:
    """Raise FileUnusable (FileBeyondLimits for a bound) if the CSV cannot be imported whole; else
    its encoding: UTF8, or CP1252 for a file that is not valid UTF-8 (D130)."""
    encoding = UTF8
    decoder = codecs.getincrementaldecoder("utf-8")()
    sep = delimiter.encode()
    # A line no longer than this can hold neither a cell over the limit nor too many cells.
    short = min(limits.cell, limits.columns - 1)
    quoted = False  # rows may span lines: the csv module decides
    lines = 0  # complete lines seen
    carry = b""  # the line running on into the next chunk
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            if b"\x00" in chunk:
                raise FileUnusable(
                    "File ini bukan CSV (berisi data biner): pakai CSV UTF-8 atau XLSX."
                )
            if encoding == UTF8:
                pending = len(decoder.getstate()[0])  # a sequence begun in the last chunk
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    encoding = _fall_back(path, offset - pending + exc.start)
                    _check_cp1252(path, offset - pending, offset)
            if encoding == CP1252 and (bad := _NOT_CP1252.search(chunk)):
                raise _neither(offset + bad.start())
            offset += len(chunk)
            if quoted:
                continue
            if b'"' in chunk:
                quoted = True
                continue
            data = carry + chunk
            cut = data.rfind(b"\n")
            if cut < 0:
                carry = data
                if len(carry) > limits.columns * (4 * limits.cell + 1):
                    quoted = not _line_fits(carry, lines + 1, sep, limits, encoding)
                continue
            pieces = data[:cut].split(b"\n")
            carry = data[cut + 1 :]
            if max(map(len, pieces)) > short:
                for i, line in enumerate(pieces, start=lines + 1):
                    if len(line) > short and not _line_fits(line, i, sep, limits, encoding):
                        quoted = True
                        break
            lines += len(pieces)
        if encoding == UTF8:
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:  # the file ends inside a sequence: `é` as its last byte
                encoding = _fall_back(path, offset - pending)
                _check_cp1252(path, offset - pending, offset)
    if not quoted:
        if carry:
            lines += 1
            quoted = len(carry) > short and not _line_fits(carry, lines, sep, limits, encoding)
        if not quoted and lines - 1 <= limits.rows:  # blank lines counted too: an upper bound
            return encoding
    _parse_csv(path, delimiter, limits, encoding)
    return encoding


def _fall_back(path: Path, bad: int) -> str:
    """The file is not UTF-8 from byte `bad` on: it is read as Windows-1252, unless what came before
    was UTF-8 beyond ASCII (a BOM, `é` as two bytes): a file of both would be misread either way."""
    newlines = 0
    ascii_only = True
    with path.open("rb") as fh:
        left = bad
        while left > 0 and (chunk := fh.read(min(CHUNK, left))):
            left -= len(chunk)
            newlines += chunk.count(b"\n")
            ascii_only = ascii_only and chunk.isascii()
    if not ascii_only:
        raise FileUnusable(
            f"Baris ke-{angka(newlines + 1)} (byte ke-{angka(bad + 1)}) bukan teks UTF-8, padahal "
            "bagian sebelumnya berisi teks UTF-8: file ini campuran dua pengodean dan tidak dapat "
            f"dibaca dengan aman. Buka di Excel lalu {NOT_TEXT}"
        )
    return CP1252


def _check_cp1252(path: Path, start: int, end: int) -> None:
    """The bytes of the current chunk before the one being read (at most a few): Windows-1252 too."""
    if end <= start:
        return
    with path.open("rb") as fh:
        fh.seek(start)
        if bad := _NOT_CP1252.search(fh.read(end - start)):
            raise _neither(start + bad.start())


def _neither(offset: int) -> FileUnusable:
    return FileUnusable(
        f"File bukan teks UTF-8 maupun Windows-1252 (byte ke-{angka(offset + 1)}): {NOT_TEXT}"
    )


def _line_fits(line: bytes, number: int, sep: bytes, limits: Limits, encoding: str) -> bool:
    """A line of a file without quotes, which is one row: raise if it breaks a bound; False if the
    bytes cannot tell (a lone CR, which the csv module also takes for a line end)."""
    if line.endswith(b"\r"):
        line = line[:-1]
    if b"\r" in line:
        return False
    cells = line.split(sep)
    if len(cells) > limits.columns:
        raise too_many_columns(number, len(cells), limits)
    for cell in cells:  # Windows-1252: one byte, one character
        if len(cell) > limits.cell and (
            encoding == CP1252 or len(cell.decode(UTF8, "replace")) > limits.cell
        ):
            raise FileBeyondLimits(f"Baris {angka(number)}: {cell_too_long(limits)}.")
    return True


_limit_lock = threading.Lock()


@contextmanager
def _field_limit(n: int):
    """The csv module's field limit is one for the whole process: set it for this pass (the C
    parser then checks every cell's length for free) and put it back. Imports in other threads
    read files whose cells were checked against the same bound."""
    with _limit_lock:
        before = csv.field_size_limit(n)
        try:
            yield
        finally:
            csv.field_size_limit(before)


def _parse_csv(path: Path, delimiter: str, limits: Limits, encoding: str = UTF8) -> None:
    number = 0  # the last row read whole: the csv module fails on the next one
    rows = -1  # the header is not a data row
    with _field_limit(limits.cell), path.open(encoding=text_encoding(encoding), newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            for number, cells in enumerate(reader, start=1):  # noqa: B007 (number: for the message)
                if len(cells) > limits.columns:
                    raise too_many_columns(number, len(cells), limits)
                if cells:
                    rows += 1
                    if rows > limits.rows:
                        raise too_many_rows(limits)
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise FileBeyondLimits(
                    f"Baris {angka(number + 1)}: {cell_too_long(limits)}. {UNCLOSED_QUOTE}"
                ) from None
            raise FileUnusable(
                f"File CSV tidak dapat dibaca di baris {angka(number + 1)} (susunan tanda kutip "
                "atau pemisah rusak). Simpan ulang sebagai 'CSV UTF-8' lalu impor lagi."
            ) from None


def text_encoding(encoding: str) -> str:
    """The codec a file of `encoding` (as `scan_csv` tells it) is opened with: a UTF-8 BOM dropped."""
    return "utf-8-sig" if encoding == UTF8 else encoding


def ensure_field_limit(limits: Limits) -> None:
    """The import's own reader must accept every cell the scan let through."""
    with _limit_lock:
        if csv.field_size_limit() < limits.cell:
            csv.field_size_limit(limits.cell)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=[\"']([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData")


def first_sheet(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (as openpyxl finds it), read with the standard
    library: the bounds are checked before openpyxl is even imported (about a second of CPU)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None  # an unusual layout: openpyxl's own reading decides
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        return None
    for rel in rels:
        if rel.get("Id") == sheet.get(_REL):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def declared_size(archive: zipfile.ZipFile, member: str) -> tuple[int, int] | None:
    """(rows, columns) of the sheet's `<dimension ref="A1:XFD1048576"/>`, read from its first
    64 KB (the element comes before the data); None when it declares none."""
    try:
        with archive.open(member) as fh:
            head = fh.read(64 * 1024)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise broken_xlsx() from None
    data = _SHEET_DATA.search(head)
    match = _DIMENSION.search(head, 0, data.start() if data else len(head))
    if not match:
        return None
    col1, row1, col2, row2 = match.groups()
    col, row = (col2, row2) if col2 else (col1, row1)
    return (int(row) if row else 0), (_column_index(col) if col else 0)


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def scan_sheet(archive: zipfile.ZipFile, member: str, limits: Limits) -> None:
    """Unpack the sheet's XML once (zipfile checks its CRC: a damaged sheet is refused here, not
    halfway through the import) and count its row tags: at most the rows limit, plus the header.
    Writers that prefix their tags (`<x:row`) are not counted; the reader rejects rows past the
    limit one by one for them."""
    count = 0
    tail = b""
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(CHUNK):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b"<row>")
                tail = data[-4:]  # too short to hold a whole tag: none is counted twice
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError):
        raise broken_xlsx() from None
    if count - 1 > limits.rows:
        raise too_many_rows(limits)
