"""DOCX through python-docx: A4, letterhead, page numbers, the same blocks as the PDF."""

import io

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, Twips

from kinerja.lib.charts import svg_to_png

from ..document import (
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Signature,
    SignatureRow,
    Table,
    TableOfContents,
)
from .tinggi import teks_sel, tetap_utuh

TABLE_TEXT = Pt(9.5)  # the PDF's size


def _page_number_field(paragraph) -> None:
    """The footer "Halaman 3 dari 12", as the PDF's."""
    for text, code in (("Halaman ", "PAGE"), (" dari ", "NUMPAGES")):
        paragraph.add_run(text)
        run = paragraph.add_run()
        begin, instr, end = (
            OxmlElement("w:fldChar"),
            OxmlElement("w:instrText"),
            OxmlElement("w:fldChar"),
        )
        begin.set(qn("w:fldCharType"), "begin")
        instr.set(qn("xml:space"), "preserve")
        instr.text = code
        end.set(qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(instr)
        run._r.append(end)


def _toc(d, block: TableOfContents) -> None:
    """A real TOC field over Heading 1-2; Word and LibreOffice fill it in (updateFields on open)."""
    d.add_heading(block.title, level=1)
    run = d.add_paragraph().add_run()
    parts = [("begin", None), (None, 'TOC \\o "1-2" \\h \\z \\u'), ("separate", None)]
    for kind, code in parts:
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = code
        run._r.append(el)
    placeholder = OxmlElement("w:t")
    placeholder.text = "Daftar isi diperbarui saat dokumen dibuka (Perbarui bidang / Update field)."
    run._r.append(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    d.settings.element.append(update)


def _setup(doc: Document, d) -> None:
    section = d.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(16)
    style = d.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    # The PDF's tables have lines of 1.35 em in DejaVu Sans, wider than Arial so more lines wrap:
    # 1.27 x Arial's single line gives the same page count (test_office.py, D92).
    d.styles["Table Grid"].paragraph_format.line_spacing = 1.27
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)


def _center(d, text: str, size: int, bold: bool = True) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    r = p.add_run(text)
    r.bold, r.font.size = bold, Pt(size)


def _text_width(d) -> int:
    section = d.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin).twips


def _row_flag(row, tag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def _lay_out(d, t, relative: list[float], header: bool) -> None:
    """Explicit widths in a fixed layout, rows kept whole, the header row repeated on every page.
    Left to autofit, Writer squeezed the LKjIP's Indikator column to two words (D92)."""
    width = _text_width(d)
    whole = sum(relative) or 1
    widths = [Twips(round(width * r / whole)) for r in relative]
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width))
    # Cell padding as the PDF's (3px: 2.25pt above and below, 3pt beside) rather than Word's 5.4pt
    # beside: narrow columns keep "Pembilang" on one line. Inserted before w:tblLook: Word refuses
    # tblPr children out of the schema's order.
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 45), ("left", 60), ("bottom", 45), ("right", 60)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.find(qn("w:tblLook")).addprevious(margins)
    for column, w in zip(t.columns, widths, strict=True):
        column.width = w
    for row in t.rows:
        _row_flag(row, "w:cantSplit")  # before w:tblHeader, as the schema orders them
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    if header and t.rows:
        _row_flag(t.rows[0], "w:tblHeader")
        for cell in t.rows[0].cells:  # the PDF's header shade
            shade = OxmlElement("w:shd")
            for key, value in (("val", "clear"), ("color", "auto"), ("fill", "DFE7EE")):
                shade.set(qn(f"w:{key}"), value)
            cell._tc.get_or_add_tcPr().append(shade)


def _keep_whole(t, title) -> None:
    """A table that fits on a page stays whole with its title, as in the PDF (D271): every
    paragraph but the last row's is kept with the next, so Word and Writer move it as one."""
    for row in t.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    if title is not None:
        title.paragraph_format.keep_with_next = True


def _table(d, block: Table, landscape: bool) -> None:
    title = None
    if block.title:
        title = d.add_paragraph()
        title.add_run(block.title).bold = True
    t = d.add_table(rows=0 if block.plain else 1, cols=len(block.columns))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = None if block.plain else TABLE_TEXT  # a statement's "Nama : ..." lines stay body text
    if not block.plain:
        t.style = "Table Grid"
        for cell, col in zip(t.rows[0].cells, block.columns, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(col.title)
            run.bold, run.font.size = True, size
    teks = teks_sel(block)
    for row in teks:
        cells = t.add_row().cells
        for cell, text, col in zip(cells, row, block.columns, strict=True):
            # "101,88 (s)" stays on one line, as in the PDF (numbers do not wrap there).
            run = cell.paragraphs[0].add_run(text.replace(" (s)", "\u00a0(s)"))
            run.font.size = size
            if col.kind != "text":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _lay_out(d, t, [c.width for c in block.columns], header=not block.plain)
    if tetap_utuh(block, teks, landscape=landscape):
        _keep_whole(t, title)
    if block.note:
        d.add_paragraph(block.note).runs[0].italic = True


def _signature_lines(s: Signature) -> list[tuple[str, bool]]:
    lines = [(s.place_date, False), (s.position, False), ("", False), ("", False), ("", False)]
    lines.append((s.name, True))
    if s.rank:
        lines.append((s.rank, False))
    if s.nip:
        lines.append((f"NIP. {s.nip}", False))
    return lines


def _signature_paragraph(p, text: str, bold: bool) -> None:
    p.paragraph_format.space_after = Pt(0)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = run.underline = bold


def _signature(d, block: Signature, indent) -> None:
    for text, bold in _signature_lines(block):
        p = d.add_paragraph()
        p.paragraph_format.left_indent = indent
        _signature_paragraph(p, text, bold)


def _signature_row(d, block: SignatureRow) -> None:
    t = d.add_table(rows=1, cols=len(block.signatures))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, sig in zip(t.rows[0].cells, block.signatures, strict=True):
        for i, (text, bold) in enumerate(_signature_lines(sig)):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            _signature_paragraph(p, text, bold)
    _lay_out(d, t, [1.0] * len(block.signatures), header=False)


def _rule(d) -> None:
    """The letterhead's double rule as a paragraph border (underscores wrapped in Writer)."""
    p = d.add_paragraph()
    border, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("val", "double"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)
    p.paragraph_format.space_after = Pt(8)


def _properties(doc: Document, d) -> None:
    """The file's metadata, as in the PDF and XLSX (python-docx's template says "python-docx")."""
    props = d.core_properties
    props.title, props.subject = doc.title, doc.subject
    props.author = props.last_modified_by = doc.letterhead.instansi
    props.comments = props.keywords = ""


def render_docx(doc: Document) -> bytes:
    d = DocxDocument()
    _setup(doc, d)
    _properties(doc, d)
    _center(d, doc.letterhead.pemerintah, 13)
    _center(d, doc.letterhead.dinas, 16)
    _center(
        d, f"Alamat Kantor: {doc.letterhead.alamat} · Email: {doc.letterhead.email}", 8, bold=False
    )
    _rule(d)
    _center(d, doc.title.upper(), 12)
    if doc.subtitle:
        _center(d, doc.subtitle, 10, bold=False)
    if doc.provisional:
        d.add_paragraph(
            "Catatan: angka yang ditandai (s) bersifat sementara karena belum disetujui Kepala Dinas."
        ).runs[0].bold = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            d.add_heading(block.text, level=min(block.level, 3))
        elif isinstance(block, Paragraph):
            run = d.add_paragraph().add_run(block.text)
            run.bold, run.italic = block.bold, block.italic
        elif isinstance(block, Table):
            _table(d, block, doc.landscape)
        elif isinstance(block, Image):
            png = block.png or svg_to_png(block.svg)
            d.add_picture(io.BytesIO(png), width=Mm(150))
            if block.caption:
                d.add_paragraph(block.caption).runs[0].italic = True
        elif isinstance(block, Signature):
            _signature(d, block, indent=Mm(95))
        elif isinstance(block, SignatureRow):
            _signature_row(d, block)
        elif isinstance(block, PageBreak):
            d.add_page_break()
        elif isinstance(block, TableOfContents):
            _toc(d, block)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
