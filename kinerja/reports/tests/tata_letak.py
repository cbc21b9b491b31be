"""What each page of a rendered PDF holds, read from WeasyPrint's own layout (issue 16: a table that
fits stays whole on its page; no page holds only a chart)."""

from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes

from kinerja.reports.document import Document
from kinerja.reports.render import pdf


@dataclass
class Halaman:
    utuh: set[int] = field(default_factory=set)  # the kept-whole tables on the page, by element
    gambar: int = 0  # text boxes inside a chart (its caption)
    ttd: int = 0  # text boxes inside a signature block
    teks: int = 0  # text boxes of anything else
    akhir: str = ""  # the tag of the last block on the page with text


def _kelas(box) -> str:
    el = box.element
    return (el.get("class") or "") if el is not None and box.element_tag == "div" else ""


def _jalan(box, h: Halaman, dalam_gambar: str, blok: list) -> None:
    if isinstance(box, boxes.MarginBox):
        return
    kelas = _kelas(box)
    if kelas == "utuh":
        h.utuh.add(id(box.element))
    if kelas in ("figure", "sig", "sigrow"):
        dalam_gambar = kelas
    if isinstance(box, boxes.TextBox) and box.text.strip():
        if dalam_gambar == "figure":
            h.gambar += 1
        elif dalam_gambar:
            h.ttd += 1
        else:
            h.teks += 1
        blok.append(box.element_tag)
    for anak in getattr(box, "children", ()):
        _jalan(anak, h, dalam_gambar, blok)


def halaman(doc: Document, html: str | None = None) -> list[Halaman]:
    hasil = []
    for page in pdf._html_class()(string=html or pdf.render_html(doc)).render().pages:
        h, blok = Halaman(), []
        _jalan(page._page_box, h, "", blok)
        h.akhir = blok[-1] if blok else ""
        hasil.append(h)
    return hasil
