"""Hand-written XLSX files, tiny on disk, for the bounds of D110 (tests and bench/file_limits_bench.py).

Written with zipfile directly, as an attacker would, so that a file can declare what it likes
(`<dimension ref="A1:XFD1048576"/>`) or hold a shared string of hundreds of MB in a few hundred KB.
"""

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
SST_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def column_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def row_xml(number: int, cells: list) -> str:
    """A row of inline-string cells (None: no cell); a cell given as ("s", i) is shared string i."""
    out = []
    for i, v in enumerate(cells, start=1):
        ref = f"{column_letter(i)}{number}"
        if v is None:
            continue
        if isinstance(v, tuple):
            out.append(f'<c r="{ref}" t="s"><v>{v[1]}</v></c>')
        else:
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
    return f'<row r="{number}">{"".join(out)}</row>'


def write_xlsx(
    path: Path,
    rows: list[list],
    *,
    dimension: str | None = None,
    extra_rows: str = "",
    shared: list[str] = (),
    sheet_tail: str = "</sheetData></worksheet>",
) -> Path:
    """An XLSX whose first sheet holds `rows` (row 1 = header) then the raw XML `extra_rows`."""
    body = "".join(row_xml(n, cells) for n, cells in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f"{SHEET_HEAD}{dim}<sheetData>{body}{extra_rows}{sheet_tail}"
    sst = SST_HEAD + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        _parts(zf)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", sst)
    return path


def _parts(zf: zipfile.ZipFile) -> None:
    zf.writestr("[Content_Types].xml", CONTENT_TYPES)
    zf.writestr("_rels/.rels", RELS)
    zf.writestr("xl/workbook.xml", WORKBOOK)
    zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)


def dimension_bomb(path: Path, header: list[str], *, declared: bool = True) -> Path:
    """A header and one cell at XFD1048576, declared A1:XFD1048576: 1.8 KB on disk. openpyxl's
    row iterator pads every row to 16,384 cells and yields 1,048,575 filler rows for it.
    Undeclared, the import reads it (the far cell's row is rejected: nothing in a named column)."""
    return write_xlsx(
        path,
        [header],
        dimension="A1:XFD1048576" if declared else None,
        extra_rows='<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    )


def shared_string_bomb(path: Path, header: list[str], megabytes: int) -> Path:
    """A header and one row whose first cell is a shared string of `megabytes` MB of one letter:
    a few hundred KB on disk. Written in 1 MB pieces, so building it needs no memory either."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _parts(zf)
        shared = [("s", i) for i in range(len(header))]
        body = row_xml(1, shared) + row_xml(2, [("s", len(header))])
        zf.writestr(
            "xl/worksheets/sheet1.xml", f"{SHEET_HEAD}<sheetData>{body}</sheetData></worksheet>"
        )
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(SST_HEAD.encode())
            for name in header:
                fh.write(f"<si><t>{escape(name)}</t></si>".encode())
            fh.write(b"<si><t>")
            piece = b"a" * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(piece)
            fh.write(b"</t></si></sst>")
    return path
