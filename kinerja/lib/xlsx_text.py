"""A workbook of text cells written as a stream, and read back (D131).

For tables people fix in Excel and send back (the rejects of an import): every cell holding something
is an inline string with the Text number format (`@`), so Excel never turns a NIK into 6,37E+15, not
even after the cell is edited; every value passes through `cells.safe_text`. The header row is bold and
frozen; column widths come from the header and the first rows. Rows go straight into the zip stream:
no temporary file, memory flat, about ten times faster than a general writer. Past Excel's rows per
sheet (or 1.9 GB of sheet XML, below the size a plain zip entry may hold) the table goes on in a next
sheet, header repeated.
"""

import re
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.sax.saxutils import escape, unescape

from .cells import safe_text

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>'
    '<family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
    'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
    '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
    'xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
TEXT, BOLD = 1, 2  # cellXfs: the Text format (numFmtId 49 is `@`), and bold too
# Characters XML 1.0 cannot hold (a CSV cell may carry them): shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel reads `_x0041_` in a string as the character it codes: a literal one is escaped.
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x005F_(x[0-9A-Fa-f]{4}_)")


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml_text(value: str) -> str:
    value = str(safe_text(value))
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("\ufffd", value)
    if "_x" in value:
        value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
    text = escape(value)
    if value[0].isspace() or value[-1].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


class TextWorkbook:
    MAX_ROWS = 1_048_576  # a sheet's rows in Excel, the header included
    MAX_SHEET_BYTES = 1_900_000_000
    SAMPLE = 200  # rows read for the column widths before the first sheet is begun
    WIDTH_MIN, WIDTH_MAX = 8, 60

    def __init__(self, out: IO[bytes], header: list[str], sheet_name: str) -> None:
        self.zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.header = [str(h) for h in header]
        self.name = sheet_name
        self.widths = [len(h) for h in self.header]
        self.sample: list[list[str]] | None = []
        self.sheets = 0
        self.stream: IO[bytes] | None = None
        self.row = self.size = 0
        self.refs = [column_letters(i) for i in range(len(self.header))]

    def append(self, cells: list[str]) -> None:
        if self.sample is not None:
            self.sample.append(cells)
            if len(self.sample) >= self.SAMPLE:
                self._flush_sample()
            return
        self._write_data_row(cells)

    def close(self) -> None:
        if self.sample is not None:
            self._flush_sample()
        self._end_sheet()
        self._write_package()
        self.zip.close()

    def _flush_sample(self) -> None:
        sample, self.sample = self.sample or [], None
        for cells in sample:
            for i, value in enumerate(cells[: len(self.widths)]):
                self.widths[i] = max(self.widths[i], len(value))
        self._begin_sheet()
        for cells in sample:
            self._write_data_row(cells)

    def _begin_sheet(self) -> None:
        self.sheets += 1
        self.stream = self.zip.open(f"xl/worksheets/sheet{self.sheets}.xml", "w")
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{min(max(w + 2, self.WIDTH_MIN), self.WIDTH_MAX)}" '
            f'style="{TEXT}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        )
        self.size = 0
        self._put(
            f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><sheetViews><sheetView '
            'workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>"
        )
        self.row = 0
        self._write_row(self.header, BOLD)

    def _write_data_row(self, cells: list[str]) -> None:
        if self.row >= self.MAX_ROWS or self.size >= self.MAX_SHEET_BYTES:
            self._end_sheet()
            self._begin_sheet()
        self._write_row(cells, TEXT)

    def _write_row(self, cells: list[str], style: int) -> None:
        self.row += 1
        n, refs = self.row, self.refs
        parts = [f'<row r="{n}">']
        for i, value in enumerate(cells[: len(refs)]):
            if value:
                parts.append(f'<c r="{refs[i]}{n}" s="{style}" t="inlineStr"><is>')
                parts.append(_xml_text(value))
                parts.append("</is></c>")
        parts.append("</row>")
        self._put("".join(parts))

    def _put(self, text: str) -> None:
        data = text.encode("utf-8")
        self.size += len(data)
        assert self.stream is not None
        self.stream.write(data)

    def _end_sheet(self) -> None:
        if self.stream is None:
            self._begin_sheet()  # a header-only table has its sheet too
        self._put("</sheetData></worksheet>")
        assert self.stream is not None
        self.stream.close()
        self.stream = None

    def _sheet_name(self, number: int) -> str:
        return escape(self.name if number == 1 else f"{self.name} {number}", {'"': "&quot;"})

    def _write_package(self) -> None:
        n = self.sheets
        sheets = "".join(
            f'<sheet name="{self._sheet_name(i)}" sheetId="{i}" r:id="rId{i}"/>'
            for i in range(1, n + 1)
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
            for i in range(1, n + 1)
        )
        doc = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        self.zip.writestr(
            "[Content_Types].xml",
            f'{HEAD}<Types xmlns="{PKG}/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            f'ContentType="{doc}.sheet.main+xml"/>{overrides}<Override PartName="/xl/styles.xml" '
            f'ContentType="{doc}.styles+xml"/></Types>',
        )
        self.zip.writestr(
            "_rels/.rels",
            f'{HEAD}<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        self.zip.writestr(
            "xl/workbook.xml",
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{sheets}</sheets></workbook>",
        )
        self.zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{HEAD}<Relationships xmlns="{PKG}/relationships">{rels}<Relationship '
            f'Id="rId{n + 1}" Type="{RELS}/styles" Target="styles.xml"/></Relationships>',
        )
        self.zip.writestr("xl/styles.xml", STYLES)


def read_text_workbook(source: str | IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """(sheet number, row) of a workbook written by TextWorkbook, sheet after sheet, each sheet's
    header first, as lists of texts: read as a stream, memory flat."""
    with zipfile.ZipFile(source) as zf:
        names = set(zf.namelist())
        number = 1
        while (name := f"xl/worksheets/sheet{number}.xml") in names:
            with zf.open(name) as fh:
                for row in _sheet_rows(fh):
                    yield number, row
            number += 1


# What TextWorkbook writes, and all it writes, in a row: text cells (TextWorkbook's own files only).
_ROW_END = b"</row>"
_CELL = re.compile(r'<c r="([A-Z]+)\d+"[^>]*><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>')
CHUNK = 1 << 20


def _sheet_rows(fh: IO[bytes]) -> Iterator[list[str]]:
    """The rows of one sheet XML written by TextWorkbook, read chunk by chunk (a regular expression
    over its fixed form: about ten times faster than an XML parser's events)."""
    rest = b""
    while chunk := fh.read(CHUNK):
        data = rest + chunk
        cut = data.rfind(_ROW_END)
        if cut < 0:
            rest = data
            continue
        rest = data[cut + len(_ROW_END) :]
        for row in data[:cut].decode("utf-8").split("</row>"):
            yield _row_cells(row)


def _row_cells(row: str) -> list[str]:
    cells: list[str] = []
    for ref, text in _CELL.findall(row):
        index = _column_index(ref)
        if index > len(cells):
            cells.extend([""] * (index - len(cells)))
        if "&" in text:
            text = unescape(text)
        cells.append(_ESCAPED.sub(r"_\1", text) if "_x005F_" in text else text)
    return cells


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1
