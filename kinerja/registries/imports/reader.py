"""Reading an import file as a stream of rows: CSV (UTF-8 or Windows-1252; `,` `;` `|` or tab: D130)
or XLSX (first sheet).

Before the first row is handed out, the file is checked against the bounds of D110 (`limits.py`) in
one pass over its bytes, so that nothing found later can stop an import halfway.
"""

import csv
import datetime as dt
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from .errors import FileBeyondLimits, FileBrokenMidway, FileUnusable
from .limits import (
    Limits,
    angka,
    broken_xlsx,
    cell_too_long,
    check_file_size,
    check_zip,
    too_many_columns,
)
from .scan import (
    CP1252,
    UTF8,
    declared_size,
    ensure_field_limit,
    first_sheet,
    scan_csv,
    scan_sheet,
    text_encoding,
)

log = logging.getLogger(__name__)

CSV_SUFFIXES = {".csv", ".txt"}
# Detected from the header line; on a tie the earlier one wins (`,` as before).
DELIMITERS = (",", ";", "\t", "|")
WINDOWS_1252_NOTICE = (
    "File ini bukan UTF-8 dan dibaca sebagai Windows-1252 (CSV lama dari Excel). Periksa huruf "
    "seperti é dan ñ pada nama di data yang tersimpan; lain kali simpan sebagai 'CSV UTF-8'."
)
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(slots=True)
class Row:
    number: int  # as Excel numbers rows: the header is row 1
    raw: list[str]  # the original cells, for the rejects file
    values: dict[str, object]  # known column -> trimmed value; empty cells are absent
    problem: str | None = None  # set by the reader: the row is rejected with this reason


@dataclass
class Source:
    format: str  # "csv" or "xlsx"
    header: list[str]  # as written in the file
    columns: list[str]  # normalised (trimmed, lower case)
    delimiter: str  # the rejects file's delimiter: the input's, `,` for XLSX
    _rows: Iterator[tuple[int, list]] = field(repr=False)  # (row number, cells)
    _close: object = field(default=None, repr=False)
    limits: Limits | None = field(default=None, repr=False)
    encoding: str = UTF8  # a CSV's, as read: UTF8 or CP1252 (D130)

    @property
    def notices(self) -> list[str]:
        """What the import's summary says about how the file was read (Indonesian)."""
        return [WINDOWS_1252_NOTICE] if self.encoding == CP1252 else []

    def rows(self, wanted: set[str]) -> Iterator[Row]:
        """Non-empty data rows, with only the `wanted` columns in `values`."""
        index = [(i, c) for i, c in enumerate(self.columns) if c in wanted]
        if self.format == "csv":
            yield from self._csv_rows(index)
            return
        limits = self.limits or Limits.from_settings()
        last_row = limits.rows + 1
        for number, cells in self._rows:
            raw = [_cell_text(c) for c in cells]
            problem = None
            if number > last_row:  # only a sheet whose row tags the byte scan could not count
                problem = f"baris di luar batas {angka(limits.rows)} baris data per file"
            elif max(map(len, raw)) > limits.cell:
                problem = cell_too_long(limits)
            if problem:
                yield Row(number, [c[: limits.cell] for c in raw], {}, problem)
                continue
            values: dict[str, object] = {}
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
        for number, cells in self._rows:
            if not cells or not "".join(cells).strip():
                continue
            if pick is not None and len(cells) > last:
                values: dict[str, object] = {
                    n: v for n, v in zip(names, map(strip, pick(cells)), strict=True) if v
                }
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


def open_source(
    path: Path, original_name: str | None = None, limits: Limits | None = None
) -> Source:
    """Open `path` for reading, checked against `limits` (default: the settings); raises
    FileUnusable (or its FileBeyondLimits) with a message for the user."""
    path = Path(path)
    limits = limits or Limits.from_settings()
    name = original_name or path.name
    suffix = Path(name).suffix.lower()
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        check_file_size(path, limits)
    except OSError as exc:
        log.warning("impor: %s tidak terbaca: %s", path, exc)
        raise FileUnusable("File tidak dapat dibaca (hilang atau tanpa izin baca).") from None
    if head.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        source = _open_xlsx(path, limits)
    elif head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise FileUnusable(
            "Format .xls (Excel lama) tidak didukung: simpan sebagai .xlsx atau CSV."
        )
    elif suffix and suffix not in CSV_SUFFIXES:
        raise FileUnusable(
            f"Format file {suffix[:20]} tidak didukung: pakai CSV (UTF-8) atau XLSX."
        )
    else:
        source = _open_csv(path, limits)
    source.limits = limits
    return source


def _detect_delimiter(line: str) -> str:
    """Whichever of DELIMITERS separates most header cells, outside quotes (`,` when none does)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return max(DELIMITERS, key=lambda d: counts[d])  # the first of the largest


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


def _open_csv(path: Path, limits: Limits) -> Source:
    with path.open("rb") as head:  # the header line, only to tell the delimiter
        first = head.readline(64 * 1024).decode("utf-8-sig", "replace")
    if not first.strip():
        scan_csv(path, ",", limits)  # a binary or non-UTF-8 file says so, before "empty"
        raise FileUnusable("File kosong: tidak ada baris judul kolom.")
    delimiter = _detect_delimiter(first)
    encoding = scan_csv(path, delimiter, limits)
    ensure_field_limit(limits)
    fh = path.open("r", encoding=text_encoding(encoding), newline="")
    try:
        reader = csv.reader(fh, delimiter=delimiter)
        header = next(reader)
        columns = _normalise_header(header)
    except FileUnusable:
        fh.close()
        raise
    except (csv.Error, StopIteration):  # the scan parsed the same bytes: not expected
        fh.close()
        raise FileUnusable("Baris judul kolom tidak dapat dibaca.") from None
    source = Source("csv", header, columns, delimiter, enumerate(reader, start=2), fh.close)
    source.encoding = encoding
    return source


def _open_xlsx(path: Path, limits: Limits) -> Source:
    # Every bound is checked before openpyxl unpacks anything (it reads all shared strings at
    # once) and before it is even imported.
    check_zip(path, limits)
    try:
        with zipfile.ZipFile(path) as zf:
            checked = first_sheet(zf)
            if checked is not None:
                _check_dimension(declared_size(zf, checked), limits)
                scan_sheet(zf, checked, limits)
    except (zipfile.BadZipFile, OSError):
        raise broken_xlsx() from None
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises assorted errors (in English) on damaged workbooks
        log.info("impor: XLSX tidak dapat dibuka", exc_info=True)
        raise broken_xlsx() from None
    stream = None
    try:
        if not wb.worksheets or not hasattr(wb.worksheets[0], "_worksheet_path"):
            raise FileUnusable("File XLSX tidak berisi lembar kerja.")
        ws = wb.worksheets[0]
        if ws._worksheet_path != checked:  # noqa: SLF001 (a layout first_sheet did not follow)
            _check_dimension((ws.max_row or 0, ws.max_column or 0), limits)
            scan_sheet(wb._archive, ws._worksheet_path, limits)  # noqa: SLF001
        # openpyxl's own row iterator pads every row to the declared width and yields a filler
        # for every missing row up to the declared height: 438 s for one cell at XFD1048576.
        # Its parser yields only the rows and cells the file holds.
        stream = wb._archive.open(ws._worksheet_path)  # noqa: SLF001
        parsed = WorkSheetParser(
            stream,
            ws._shared_strings,  # noqa: SLF001
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,  # noqa: SLF001
            timedelta_formats=wb._timedelta_formats,  # noqa: SLF001
        ).parse()
        header = _sheet_header(parsed, limits)
        columns = _normalise_header(header)
    except FileUnusable:
        _close_all(stream, wb)
        raise
    except Exception:
        _close_all(stream, wb)
        log.info("impor: XLSX tidak dapat dibaca", exc_info=True)
        raise broken_xlsx() from None
    rows = _sheet_rows(parsed, len(header))
    return Source("xlsx", header, columns, ",", rows, lambda: _close_all(stream, wb))


def _close_all(stream, wb) -> None:
    if stream is not None:
        stream.close()
    wb.close()


def _check_dimension(size: tuple[int, int] | None, limits: Limits) -> None:
    """The size the sheet declares (`<dimension ref="A1:XFD1048576"/>`), before reading a row."""
    rows, cols = size or (0, 0)
    if rows - 1 > limits.rows or cols > limits.columns:
        raise FileBeyondLimits(
            f"Lembar kerja menyatakan ukuran {angka(rows)} baris x {angka(cols)} kolom, melebihi batas "
            f"{angka(limits.rows)} baris data x {angka(limits.columns)} kolom. Biasanya ada sel "
            "(atau bekas sel) jauh di luar tabel: hapus baris dan kolom di luar data, atau salin "
            "tabelnya ke file baru, lalu simpan ulang."
        )


def _sheet_header(parsed: Iterator, limits: Limits) -> list[str]:
    try:
        number, cells = next(parsed)
    except StopIteration:
        raise FileUnusable("File kosong: tidak ada baris judul kolom.") from None
    if number != 1:
        raise FileUnusable("Baris pertama (judul kolom) kosong.")
    filled = [c for c in cells if c["value"] is not None and _cell_text(c["value"]).strip()]
    width = max((c["column"] for c in filled), default=0)
    if width > limits.columns:
        raise too_many_columns(1, width, limits)
    header = [""] * width
    for c in filled:
        header[c["column"] - 1] = _cell_text(c["value"])
    return header


def _sheet_rows(parsed: Iterator, width: int) -> Iterator[tuple[int, list[object]]]:
    """(row number, the first `width` cells) of each row holding something: a cell beyond the
    header's width counts for that (as in a CSV row), but is not kept."""
    number = 1
    try:
        for number, cells in parsed:  # noqa: B007 (number: for the message)
            row: list[object] = [None] * width
            filled = False
            for c in cells:
                v = c["value"]
                if v is None:
                    continue
                if not filled and (type(v) is not str or v.strip()):
                    filled = True
                col = c["column"]
                if col <= width:
                    row[col - 1] = v
            if filled:
                yield number, row
    except Exception:  # the sheet's XML breaks off past the checks of scan_sheet
        log.warning("impor: XLSX rusak setelah baris %s", number, exc_info=True)
        raise FileBrokenMidway(
            f"File XLSX rusak setelah baris {angka(number)} (isi lembar kerja terputus). "
            "Buka di Excel lalu simpan ulang sebagai .xlsx."
        ) from None
