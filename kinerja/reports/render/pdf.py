"""PDF through WeasyPrint from one HTML template (A4, letterhead, page numbers)."""

import functools
from pathlib import Path

from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..document import (
    CellFormula,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Provisional,
    Signature,
    SignatureRow,
    Table,
    TableOfContents,
)
from .tinggi import PANJANG, teks_sel, tetap_utuh


def _provisional(value) -> bool:
    if isinstance(value, CellFormula):
        value = value.value
    return isinstance(value, Provisional)


def _cell(value, column, teks: str) -> str:
    kelas = ("num" if column.kind != "text" else "") + (" prov" if _provisional(value) else "")
    return f'<td class="{kelas}">{linebreaksbr(teks, autoescape=True)}</td>'


def _body(block: Table, teks: list[list[str]]) -> SafeString:
    """The table's rows as HTML, built here rather than in the template: Django's loop over the
    cells of the LKjIP's 190-row table took about 0.2 s (D240). Every text is escaped."""
    return mark_safe(  # noqa: S308 - every cell text escaped by linebreaksbr(autoescape=True)
        "".join(
            "<tr>"
            + "".join(_cell(v, c, t) for v, c, t in zip(row, block.columns, tb, strict=True))
            + "</tr>"
            for row, tb in zip(block.rows, teks, strict=True)
        )
    )


def _block(block, landscape: bool = False) -> dict:
    if isinstance(block, Table):
        total = sum(c.width for c in block.columns) or 1
        teks = teks_sel(block)
        panjang = len(block.rows) > PANJANG
        return {
            "type": "table",
            "title": block.title,
            "note": block.note,
            "plain": block.plain,
            "panjang": panjang,
            "utuh": tetap_utuh(block, teks, landscape=landscape),
            "columns": [
                {"title": c.title, "pct": round(c.width * 100 / total, 2), "num": c.kind != "text"}
                for c in block.columns
            ],
            "body": _body(block, teks),
        }
    kind = {
        Heading: "heading",
        Paragraph: "paragraph",
        Image: "image",
        Signature: "signature",
        SignatureRow: "signatures",
    }
    if isinstance(block, PageBreak):
        return {"type": "pagebreak"}
    if isinstance(block, TableOfContents):
        return {"type": "toc", "b": block}
    return {"type": kind[type(block)], "b": block}


def render_html(doc: Document) -> str:
    blocks = [_block(b, doc.landscape) for b in doc.blocks]
    toc = []
    for i, blk in enumerate(blocks):
        if blk["type"] == "heading":
            blk["id"] = f"h{i}"
            if blk["b"].level <= 2:
                toc.append(blk)
    return render_to_string("reports/dokumen.html", {"doc": doc, "blocks": blocks, "toc": toc})


# Archival: PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata) for signed documents (D93).
PDF_VARIANT = "pdf/a-2b"


# WeasyPrint's user-agent stylesheet gives every element six pseudo-elements (::marker, ::footnote-*,
# ::note-*) whose styles it computes and checks while building boxes: about a third of the layout of
# a 30-page LKjIP. No Kinerja document uses footnotes or notes, and only list items have markers, so
# the documents use WeasyPrint's own sheet with those rules narrowed to `li::marker` and dropped (D240).
UNIVERSAL_PSEUDO = ("::footnote-", "::note-")


def _ua_text() -> str:
    import weasyprint

    text = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text("utf-8")
    return "\n".join(
        "li" + line if line.startswith("::marker") else line
        for line in text.splitlines()
        if not line.startswith(UNIVERSAL_PSEUDO)
    )


@functools.cache
def _ua_stylesheet():
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle

    return CSS(string=_ua_text(), counter_style=CounterStyle())


@functools.cache
def _html_class():
    from weasyprint import HTML

    class DokumenHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [_ua_stylesheet()]

    return DokumenHTML


def render_pdf(doc: Document) -> bytes:
    return _html_class()(string=render_html(doc)).write_pdf(pdf_variant=PDF_VARIANT)
