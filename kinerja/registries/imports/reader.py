"""Reading an import file as a stream of rows: CSV (UTF-8, `,` or `;`) or XLSX (first sheet)."""

import codecs
import csv
import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from .errors import FileUnusable

CSV_SUFFIXES = {".csv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_CHUNK = 1 << 20


@dataclass(slots=True)
class Row:
    number: int  # as Excel numbers rows: the header is row 1
    raw: list[str]  # the original cells, for the rejects file
    values: dict[str, object]  # known column -> trimmed value; empty cells are absent


@dataclass
class Source:
    format: str  # "csv" or "xlsx"
    header: list[str]  # as written in the file
    columns: list[str]  # normalised (trimmed, lower case)
    delimiter: str  # the rejects file's delimiter: the input's, `,` for XLSX
    _rows: Iterator[list[object]] = field(repr=False)
    _close: object = field(default=None, repr=False)

    def rows(self, wanted: set[str]) -> Iterator[Row]:
        """Non-empty data rows, with only the `wanted` columns in `values`."""
        index = [(i, c) for i, c in enumerate(self.columns) if c in wanted]
        if self.format == "csv":
            yield from self._csv_rows(index)
            return
        width = len(self.header)
        for number, cells in enumerate(self._rows, start=2):
            if not cells or all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            raw = [_cell_text(c) for c in cells[:width]]
            values = {}
            n = len(cells)
            for i, name in index:
                if i < n:
                    v = cells[i]
                    if isinstance(v, str):
                        v = v.strip()
                        if v:
                            values[name] = v
                    elif v is not None:
                        values[name] = _cell_value(v)
            yield Row(number, raw, values)

    def _csv_rows(self, index: list[tuple[int, str]]) -> Iterator[Row]:
        names = [c for _, c in index]
        positions = [i for i, _ in index]
        last = max(positions, default=-1)
        pick = itemgetter(*positions) if len(positions) > 1 else None
        strip = str.strip
        for number, cells in enumerate(self._rows, start=2):
            if not cells or not "".join(cells).strip():
                continue
            if pick is not None and len(cells) > last:
                values = {n: v for n, v in zip(names, map(strip, pick(cells)), strict=True) if v}
            else:  # a short row (or one wanted column): missing cells are empty
                n = len(cells)
                values = {}
                for i, name in index:
                    if i < n and (v := cells[i].strip()):
                        values[name] = v
            yield Row(number, cells, values)

    def close(self) -> None:
        if callable(self._close):
            self._close()


def _cell_value(v: object) -> object:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    v = _cell_value(v)
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    return str(v)


def cell_text(v: object) -> str:
    """A typed XLSX value as the text a user would have typed (`123`, `2025-03-14`)."""
    return _cell_text(v)


def open_source(path: Path, original_name: str | None = None) -> Source:
    """Open `path` for reading; raises FileUnusable with a message for the user."""
    path = Path(path)
    name = original_name or path.name
    suffix = Path(name).suffix.lower()
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise FileUnusable(f"File tidak dapat dibaca: {exc.strerror or exc}") from None
    if head.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        return _open_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise FileUnusable(
            "Format .xls (Excel lama) tidak didukung: simpan sebagai .xlsx atau CSV."
        )
    if suffix and suffix not in CSV_SUFFIXES:
        raise FileUnusable(f"Format file {suffix} tidak didukung: pakai CSV (UTF-8) atau XLSX.")
    return _open_csv(path)


def _check_utf8(path: Path) -> None:
    """Decode the whole file once, so a bad byte deep in the file cannot stop an import midway."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        offset = 0
        while chunk := fh.read(_CHUNK):
            if b"\x00" in chunk:
                raise FileUnusable(
                    "File ini bukan CSV (berisi data biner): pakai CSV UTF-8 atau XLSX."
                )
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise FileUnusable(
                    f"File bukan teks UTF-8 (byte ke-{offset + exc.start + 1}): simpan ulang sebagai "
                    "'CSV UTF-8' lalu impor lagi."
                ) from None
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileUnusable("File bukan teks UTF-8: simpan ulang sebagai 'CSV UTF-8'.") from None


def _detect_delimiter(line: str) -> str:
    """`;` (Indonesian Excel) or `,`: whichever separates more header cells, outside quotes."""
    counts = {",": 0, ";": 0}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return ";" if counts[";"] > counts[","] else ","


def _normalise_header(header: list[str]) -> list[str]:
    columns = [str(c or "").strip().lower() for c in header]
    seen: set[str] = set()
    for c in columns:
        if c and c in seen:
            raise FileUnusable(f"Kolom '{c}' muncul lebih dari sekali di baris judul.")
        seen.add(c)
    if not any(columns):
        raise FileUnusable("Baris pertama (judul kolom) kosong.")
    return columns


def _open_csv(path: Path) -> Source:
    _check_utf8(path)
    fh = path.open("r", encoding="utf-8-sig", newline="")
    try:
        first = fh.readline()
        if not first.strip():
            raise FileUnusable("File kosong: tidak ada baris judul kolom.")
        delimiter = _detect_delimiter(first)
        fh.seek(0)  # resets the decoder, which skips the BOM again
        reader = csv.reader(fh, delimiter=delimiter)
        header = next(reader)
        columns = _normalise_header(header)
    except FileUnusable:
        fh.close()
        raise
    except csv.Error as exc:
        fh.close()
        raise FileUnusable(f"File CSV tidak dapat dibaca: {exc}") from None
    return Source("csv", header, columns, delimiter, reader, fh.close)


def _open_xlsx(path: Path) -> Source:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileUnusable(f"File XLSX tidak dapat dibuka: {exc}") from None
    except Exception as exc:  # openpyxl raises assorted errors on damaged workbooks
        raise FileUnusable(f"File XLSX tidak dapat dibuka: {exc}") from None
    if not wb.worksheets:
        wb.close()
        raise FileUnusable("File XLSX tidak berisi lembar kerja.")
    rows = wb.worksheets[0].iter_rows(values_only=True)
    try:
        first = next(rows)
    except StopIteration:
        wb.close()
        raise FileUnusable("File kosong: tidak ada baris judul kolom.") from None
    header = [_cell_text(c) for c in first]
    while header and not header[-1].strip():
        header.pop()
    try:
        columns = _normalise_header(header)
    except FileUnusable:
        wb.close()
        raise
    return Source("xlsx", header, columns, ",", rows, wb.close)
