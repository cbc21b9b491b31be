"""XLSX through XlsxWriter: styled headers, frozen panes, number formats, live formulas.

Only the formulas the document asks for (`CellFormula`, `Column.formula`) are written as formulas.
Every text goes through `_text`: `write_string` (XlsxWriter's `write` would turn `=...` into a
formula) of `safe_text` (an indicator name, analysis or programme typed as `=HYPERLINK(...)` stays
text even when the cell is edited or the sheet saved as CSV).
"""

import io
import re
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from kinerja.lib.cells import safe_text

from ..document import CellFormula, Document, Heading, Paragraph, Provisional, Table

NUMBER_FORMATS = {"pct": "0.00", "number": "0.00", "int": "#,##0", "rupiah": '"Rp" #,##0'}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name)[:31].strip() or "Sheet"
    candidate, i = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]} {i}"
        i += 1
    used.add(candidate.lower())
    return candidate


def _text(ws, row: int, col: int, value: object, fmt=None) -> None:
    ws.write_string(row, col, str(safe_text(value)), fmt)


def _formula(
    template: str, row: int, letters: dict[str, str], first: int | None = None
) -> str | None:
    """The formula of one cell; None when its range {first}:{prev} holds no row (a total under an
    empty table): SUM(C7:C6) would include its own cell, an error in every spreadsheet (D90)."""
    rows = {"row": row, "prev": row - 1, "first": first if first is not None else row}
    if "{first}" in template and rows["first"] > rows["prev"]:
        return None
    return _PLACEHOLDER.sub(
        lambda m: str(rows[m.group(1)]) if m.group(1) in rows else letters[m.group(1)], template
    )


def _cached(value) -> float | str:
    """The result stored beside a formula, for readers that do not calculate."""
    if isinstance(value, Provisional):
        value = value.value
    return float(value) if isinstance(value, int | float | Decimal) else ""


def _text_sheet(wb, ws, doc: Document, f_title, f_cap) -> None:
    """The document's headings and paragraphs in order, one a row (the LKjIP's narrative)."""
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 110)
    _text(ws, 0, 0, doc.title, f_title)
    row = 2
    for block in doc.blocks:
        if isinstance(block, Heading):
            _text(ws, row, 0, block.text, f_cap)
        elif isinstance(block, Paragraph):
            _text(ws, row, 0, block.text, wrap)
        else:
            continue
        row += 1


def render_xlsx(doc: Document) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    wb.set_properties(
        {"title": doc.title, "subject": doc.subject, "author": doc.letterhead.instansi}
    )
    f_title = wb.add_format({"bold": True, "font_size": 13})
    f_sub = wb.add_format({"italic": True, "font_color": "#444444"})
    f_head = wb.add_format(
        {
            "bold": True,
            "bg_color": "#0B5D7A",
            "font_color": "#FFFFFF",
            "border": 1,
            "text_wrap": True,
            "valign": "vcenter",
        }
    )
    f_cap = wb.add_format({"bold": True})
    f_text = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    f_num = {
        k: wb.add_format({"border": 1, "num_format": v, "valign": "top"})
        for k, v in NUMBER_FORMATS.items()
    }
    # A provisional figure stays a number (formulas keep working) and shows "(s)" beside it.
    f_prov = {
        k: wb.add_format(
            {"border": 1, "num_format": v + '" (s)"', "valign": "top", "font_color": "#A1262B"}
        )
        for k, v in NUMBER_FORMATS.items()
    }

    sheets: dict[str, list[Any]] = {}  # [worksheet, next row, panes frozen]
    used: set[str] = set()
    intro: list[str] = [doc.title, doc.subtitle]
    for block in doc.blocks:
        if isinstance(block, Heading | Paragraph):
            intro.append(block.text)
            continue
        if not isinstance(block, Table):
            continue
        key = block.sheet or block.title or "Tabel"
        if key not in sheets:
            ws = wb.add_worksheet(_sheet_name(key, used))
            _text(ws, 0, 0, doc.letterhead.dinas + " · " + doc.letterhead.pemerintah, f_cap)
            _text(ws, 1, 0, doc.title, f_title)
            _text(
                ws,
                2,
                0,
                doc.subtitle + (" · SEMENTARA (belum disetujui)" if doc.provisional else ""),
                f_sub,
            )
            sheets[key] = [ws, 4, False]
        ws, row, frozen = sheets[key]
        if block.title:
            _text(ws, row, 0, block.title, f_cap)
            row += 1
        letters = {c.title: xl_col_to_name(i) for i, c in enumerate(block.columns)}
        for i, col in enumerate(block.columns):
            if not block.plain:
                _text(ws, row, i, col.title, f_head)
            ws.set_column(i, i, max(8, min(60, col.width * 14)))
        if not block.plain:
            if not frozen:
                ws.freeze_panes(row + 1, 0)
                sheets[key][2] = True
            row += 1
        first = row + 1
        for values in block.rows:
            for i, (value, col) in enumerate(zip(values, block.columns, strict=True)):
                cell_formula = value.formula if isinstance(value, CellFormula) else col.formula
                if isinstance(value, CellFormula):
                    value = value.value
                fmt = f_num.get(col.kind, f_text)
                if isinstance(value, Provisional):
                    fmt = f_prov.get(col.kind, f_text)
                if cell_formula:
                    cell_formula = _formula(cell_formula, row + 1, letters, first)
                if cell_formula:
                    ws.write_formula(row, i, cell_formula, fmt, _cached(value))
                    continue
                if isinstance(value, Provisional):
                    value = value.value
                if value is None or value == "":
                    ws.write_blank(row, i, None, fmt)
                elif col.kind != "text" and isinstance(value, int | float | Decimal):
                    ws.write_number(row, i, float(value), fmt)
                else:
                    _text(ws, row, i, value, fmt)
            row += 1
        if block.note:
            _text(ws, row, 0, block.note, f_sub)
            row += 1
        sheets[key][1] = row + 1
    if doc.xlsx_text_sheet:
        _text_sheet(
            wb, wb.add_worksheet(_sheet_name(doc.xlsx_text_sheet, used)), doc, f_title, f_cap
        )
    if not sheets:
        ws = wb.add_worksheet("Dokumen")
        for i, line in enumerate(intro):
            _text(ws, i, 0, line)
    wb.close()
    return out.getvalue()
