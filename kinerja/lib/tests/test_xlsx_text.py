"""The streamed workbook of text cells (D131): what openpyxl (Excel's reading) sees, and the reading
back used for the masked rejects."""

import io

import openpyxl
import pytest

from kinerja.lib.xlsx_text import TextWorkbook, column_letters, read_text_workbook

HEADER = [f"k{i}" for i in range(28)]  # past Z: AA, AB
TRICKY = [
    "6372041208900001",
    "  spasi di depan",
    "a & b < c > d \"e\" 'f'",
    "_x0041_ tetap teks",
    "kontrol\x01\x0bdi sini",
    "José Ñañez 田中",
    "=HYPERLINK(1)",
    "",
    "baris\nbaru",
]


def _book(rows, header=HEADER, **limits) -> bytes:
    out = io.BytesIO()
    book = TextWorkbook(out, header, "tolakan")
    for name, value in limits.items():
        setattr(book, name, value)
    for row in rows:
        book.append(row)
    book.close()
    return out.getvalue()


def test_column_letters():
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_every_value_is_a_text_cell_read_back_exactly():
    row = TRICKY + [""] * 17 + ["AA", "AB"]  # in columns AA and AB
    data = _book([row])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    got = [c.value for c in ws[2]]
    expected = [
        "6372041208900001", "  spasi di depan", "a & b < c > d \"e\" 'f'", "_x0041_ tetap teks",
        "kontrol\ufffd\ufffddi sini", "José Ñañez 田中", "'=HYPERLINK(1)", None, "baris\nbaru",
    ]  # fmt: skip
    # Excel (and LibreOffice) read `_x0041_` as "A": a literal one is escaped `_x005F_x0041_`,
    # which they show as written; openpyxl shows the escape itself.
    assert got[3] == "_x005F_x0041_ tetap teks"
    assert got[:3] + got[4:9] == expected[:3] + expected[4:] and got[-2:] == ["AA", "AB"]
    assert {(c.data_type, c.number_format) for c in ws[2] if c.value is not None} == {("s", "@")}
    assert all(c.font.b for c in ws[1]) and [c.value for c in ws[1]] == HEADER
    back = [row for _, row in read_text_workbook(io.BytesIO(data))]
    assert back[0] == HEADER
    assert back[1] == [*(e or "" for e in expected), *[""] * 17, "AA", "AB"]


def test_sheets_split_by_rows_and_by_size_header_repeated():
    rows = [[f"n{i}", "x" * 50] for i in range(7)]
    for limits, lengths in (({"MAX_ROWS": 3}, [3, 3, 3, 2]), ({"MAX_SHEET_BYTES": 400}, None)):
        data = _book(rows, ["nama", "isi"], SAMPLE=2, **limits)
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheets = [[[c.value for c in r] for r in ws.iter_rows()] for ws in book.worksheets]
        assert all(s[0] == ["nama", "isi"] for s in sheets)
        assert [r[0] for s in sheets for r in s[1:]] == [f"n{i}" for i in range(7)]
        if lengths:
            assert [len(s) for s in sheets] == lengths
        else:
            assert len(sheets) > 1
        assert book.sheetnames[:2] == ["tolakan", "tolakan 2"]
        back = list(read_text_workbook(io.BytesIO(data)))
        assert [r for _, r in back if r != ["nama", "isi"]] == rows
        assert [n for n, r in back if r == ["nama", "isi"]] == list(range(1, len(sheets) + 1))


@pytest.mark.parametrize("rows", [[], [["a"]] * 3])
def test_header_only_and_short_tables(rows):
    data = _book(rows, ["nik"])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["nik"], *[["a"]] * len(rows)]
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width == 8
