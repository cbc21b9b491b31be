"""The PDF renderer's own choices (D240): WeasyPrint's user-agent sheet without the universal
pseudo-element rules, cell texts escaped, long tables laid out with their declared widths."""

import io

import pytest
from pypdf import PdfReader

from kinerja.reports.document import Column, Document, Letterhead, Table
from kinerja.reports.render import pdf


def _doc(rows) -> Document:
    kop = Letterhead(
        pemerintah="PEMERINTAH KOTA UJI", dinas="DINAS SOSIAL", alamat="Jl. Uji", email="a@b.c"
    )
    table = Table("Uji", [Column("Nama", 3), Column("Nilai", 1, "number")], rows)
    return Document(title="UJI", subtitle="", letterhead=kop, blocks=[table])


def test_user_agent_sheet_drops_only_the_universal_pseudo_elements():
    from weasyprint import HTML

    # An upgrade of WeasyPrint that renames the hook fails here instead of silently losing D240.
    assert callable(HTML._ua_stylesheets)
    sheets = pdf._html_class()(string="<p>x</p>")._ua_stylesheets()
    assert sheets == [pdf._ua_stylesheet()]
    text = pdf._ua_text()
    assert "::footnote-call" not in text and "::note-call" not in text
    assert "li::marker" in text and "\n::marker" not in text


def test_cell_text_is_escaped_and_line_breaks_kept():
    html = pdf.render_html(_doc([["<script>alert(1)</script>\nbaris dua", 5]]))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>baris dua" in html
    assert '<td class="num">5,00</td>' in html


@pytest.mark.parametrize(("rows", "panjang"), [(pdf.PANJANG, False), (pdf.PANJANG + 1, True)])
def test_long_tables_use_fixed_layout(rows, panjang):
    html = pdf.render_html(_doc([[f"baris {i}", i] for i in range(rows)]))
    assert ('<table class="panjang">' in html) is panjang
    assert not panjang or '<div class="utuh">' not in html  # a long table is never kept whole


def test_pdf_of_a_long_table_keeps_every_row():
    data = pdf.render_pdf(_doc([[f"baris {i:03d}", i] for i in range(120)]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert all(f"baris {i:03d}" in text for i in range(120))
