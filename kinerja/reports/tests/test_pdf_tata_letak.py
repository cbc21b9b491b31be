"""The PDF's page layout (issue 16 item 3, D271): a table that fits stays whole on its page with
its caption and the paragraph that introduces it; no page holds only a chart or only signatures;
no page ends with a heading. And the tree the fast parser reads is the HTML5 parser's (D272)."""

import io
from collections import Counter

import pytest
import tinyhtml5
from django.core.management import call_command
from pypdf import PdfReader

from kinerja.reports.document import (
    Column,
    Document,
    Heading,
    Image,
    Letterhead,
    PageBreak,
    Paragraph,
    Table,
)
from kinerja.reports.render import pdf
from kinerja.reports.render.tinggi import muat_sehalaman
from kinerja.reports.services import BUILDERS, build_document

from .tata_letak import halaman

KOP = Letterhead(
    pemerintah="PEMERINTAH KOTA UJI", dinas="DINAS SOSIAL", alamat="Jl. Uji", email="a@b.c"
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
    '<rect x="0" y="0" width="50" height="50" fill="#123"/><text x="60" y="25">IKU-1</text></svg>'
)


@pytest.fixture
def demo(db, tmp_path):
    call_command("demo", "--scale", "0.05", "--dir", str(tmp_path / "demo"), stdout=io.StringIO())


def _semua(demo) -> dict[str, Document]:
    return {
        k: build_document(k, year=2025, quarter=4 if k in ("spm", "rekap") else None)
        for k in BUILDERS
    }


def test_every_document_keeps_its_tables_whole_and_leaves_no_chart_alone(demo):
    for kind, doc in _semua(demo).items():
        pages = halaman(doc)
        per_tabel = Counter(e for h in pages for e in h.utuh)
        assert all(n == 1 for n in per_tabel.values()), f"{kind}: a table kept whole is split"
        sendiri = [i + 1 for i, h in enumerate(pages) if (h.gambar or h.ttd) and not h.teks]
        assert not sendiri, f"{kind}: pages {sendiri} hold only a chart or signatures"
        assert not [h for h in pages if h.akhir in ("h2", "h3")], (
            f"{kind}: a page ends with a heading"
        )
    lkjip = pdf.render_html(_semua(demo)["lkjip"])
    assert lkjip.count('<div class="utuh">') >= 15  # the LKjIP's small tables are all kept whole


def test_the_layout_reader_sees_a_chart_alone_and_a_split_table():
    """The checks above could fail: a chart between two page breaks is seen alone, and a table
    marked whole that is taller than a page is seen on two pages."""
    tinggi = Table("Panjang", [Column("Nama", 1)], [[f"baris {i}\n" * 3] for i in range(30)])
    doc = Document(
        title="UJI", subtitle="", letterhead=KOP,
        blocks=[Paragraph("awal"), PageBreak(), Image(svg=SVG, caption="Gambar: uji"), PageBreak(), Heading("Akhir"), tinggi],
    )  # fmt: skip
    html = pdf.render_html(doc).replace("<table>", '<div class="utuh"><table>', 1)
    pages = halaman(doc, html=html)
    assert [(h.gambar > 0, h.teks > 0) for h in pages[:2]] == [(False, True), (True, False)]
    assert max(Counter(e for h in pages for e in h.utuh).values()) > 1


@pytest.mark.parametrize(
    ("rows", "landscape", "utuh"),
    [
        (
            [["IKU-1", "Persentase pekerja sosial yang memperoleh fasilitas", "55,00"]] * 6,
            False,
            True,
        ),
        ([["320101", "Kelurahan Loktabat Utara", "12"]] * 26, True, False),  # the rekap's 26 rows
        (
            [["IKU-1", "Makna indikator " * 120, "55,00"]] * 4,
            True,
            False,
        ),  # the IKU document's texts
    ],
)
def test_the_height_estimate_keeps_only_tables_that_fit(rows, landscape, utuh):
    assert muat_sehalaman(["No", "Uraian", "Nilai"], rows, [1, 6, 2], landscape=landscape) is utuh


def _tanda(root) -> list:
    return [
        (e.tag, sorted(e.attrib.items()), (e.text or "").strip(), (e.tail or "").strip())
        for e in root.iter()
    ]


def test_the_fast_parser_reads_the_tree_the_html5_parser_reads(demo):
    for kind, doc in _semua(demo).items():
        html = pdf.render_html(doc)
        cepat = pdf._pohon(html)
        assert cepat is not None, f"{kind}: the template wrote markup expat refuses"
        assert _tanda(cepat) == _tanda(tinyhtml5.parse(html, namespace_html_elements=False)), kind


def test_the_fast_parser_sets_what_weasyprint_sets():
    from weasyprint import HTML

    html = pdf.render_html(
        Document(title="UJI", subtitle="", letterhead=KOP, blocks=[Paragraph("x")])
    )
    cepat, asli = pdf._html_class()(string=html), HTML(string=html)
    assert pdf._pohon(html) is not None
    assert set(vars(cepat)) == set(vars(asli))  # an upgrade that adds state fails here
    assert (cepat.base_url, cepat.media_type) == (asli.base_url, asli.media_type)


def test_text_expat_refuses_goes_through_the_html5_parser():
    doc = Document(
        title="UJI", subtitle="", letterhead=KOP, blocks=[Paragraph("tab\x0bvertikal dari Excel")]
    )
    assert pdf._pohon(pdf.render_html(doc)) is None
    text = PdfReader(io.BytesIO(pdf.render_pdf(doc))).pages[0].extract_text()
    assert "vertikal dari Excel" in text.replace(
        "\x00", ""
    )  # a glyph-less character makes pypdf read UTF-16
