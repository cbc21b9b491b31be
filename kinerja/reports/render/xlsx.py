"""XLSX through XlsxWriter: styled headers, frozen panes, number formats, live formulas."""

import io
import re
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ..document import Document, Heading, Paragraph, Table

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


def _formula(template: str, row: int, letters: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(
        lambda m: str(row) if m.group(1) == "row" else letters[m.group(1)], template
    )


def render_xlsx(doc: Document) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    wb.set_properties({"title": doc.title, "subject": doc.subtitle, "author": doc.letterhead.dinas})
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

    sheets: dict[str, tuple] = {}
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
            ws.write(0, 0, doc.letterhead.dinas + " · " + doc.letterhead.pemerintah, f_cap)
            ws.write(1, 0, doc.title, f_title)
            ws.write(
                2,
                0,
                doc.subtitle + (" · SEMENTARA (belum disetujui)" if doc.provisional else ""),
                f_sub,
            )
            sheets[key] = [ws, 4, False]
        ws, row, frozen = sheets[key]
        if block.title:
            ws.write(row, 0, block.title, f_cap)
            row += 1
        letters = {c.title: xl_col_to_name(i) for i, c in enumerate(block.columns)}
        for i, col in enumerate(block.columns):
            ws.write(row, i, col.title, f_head)
            ws.set_column(i, i, max(8, min(60, col.width * 14)))
        if not frozen:
            ws.freeze_panes(row + 1, 0)
            sheets[key][2] = True
        row += 1
        for values in block.rows:
            for i, (value, col) in enumerate(zip(values, block.columns, strict=True)):
                fmt = f_num.get(col.kind, f_text)
                if col.formula:
                    ws.write_formula(
                        row,
                        i,
                        _formula(col.formula, row + 1, letters),
                        fmt,
                        value if value is not None else "",
                    )
                elif value is None or value == "":
                    ws.write_blank(row, i, None, fmt)
                elif col.kind != "text" and isinstance(value, int | float | Decimal):
                    ws.write_number(row, i, float(value), fmt)
                else:
                    ws.write_string(row, i, str(value), fmt)
            row += 1
        if block.note:
            ws.write(row, 0, block.note, f_sub)
            row += 1
        sheets[key][1] = row + 1
    if not sheets:
        ws = wb.add_worksheet("Dokumen")
        for i, line in enumerate(intro):
            ws.write(i, 0, line)
    wb.close()
    return out.getvalue()
