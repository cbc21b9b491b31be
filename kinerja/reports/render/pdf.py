"""PDF through WeasyPrint from one HTML template (A4, letterhead, page numbers)."""

from django.template.loader import render_to_string

from ..common import fmt
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


def _provisional(value) -> bool:
    if isinstance(value, CellFormula):
        value = value.value
    return isinstance(value, Provisional)


def _block(block) -> dict:
    if isinstance(block, Table):
        total = sum(c.width for c in block.columns) or 1
        return {
            "type": "table",
            "title": block.title,
            "note": block.note,
            "plain": block.plain,
            "columns": [
                {"title": c.title, "pct": round(c.width * 100 / total, 2), "num": c.kind != "text"}
                for c in block.columns
            ],
            "rows": [
                [
                    {"text": fmt(v, c.kind), "num": c.kind != "text", "prov": _provisional(v)}
                    for v, c in zip(row, block.columns, strict=True)
                ]
                for row in block.rows
            ],
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
    blocks = [_block(b) for b in doc.blocks]
    toc = []
    for i, blk in enumerate(blocks):
        if blk["type"] == "heading":
            blk["id"] = f"h{i}"
            if blk["b"].level <= 2:
                toc.append(blk)
    return render_to_string("reports/dokumen.html", {"doc": doc, "blocks": blocks, "toc": toc})


# Archival: PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata) for signed documents (D93).
PDF_VARIANT = "pdf/a-2b"


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(doc)).write_pdf(pdf_variant=PDF_VARIANT)
