"""The PDF's page layout (issue 16 item 3, D271): a table that fits stays whole on its page with
its caption and the paragraph that introduces it; no page holds only a chart or only signatures;
no page ends with a heading."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

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


def test_the_docx_keeps_a_table_that_fits_with_its_title_and_splits_the_others():
    import docx

    from kinerja.reports.render.docx import render_docx

    kecil = Table(
        "Kecil", [Column("Nama", 3), Column("Nilai", 1, "number")], [["a", 1], ["b", 2], ["c", 3]]
    )
    besar = Table("Besar", [Column("Nama", 3)], [[f"baris {i}"] for i in range(80)])
    data = render_docx(Document(title="UJI", subtitle="", letterhead=KOP, blocks=[kecil, besar]))
    d = docx.Document(io.BytesIO(data))
    t_kecil, t_besar = d.tables[-2:]
    tetap = [
        [p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs]
        for r in t_kecil.rows
    ]
    assert tetap == [[True, True]] * 3 + [[None, None]]  # the header and rows, not the last row
    judul = next(p for p in d.paragraphs if p.text == "Kecil")
    assert judul.paragraph_format.keep_with_next
    assert not any(
        p.paragraph_format.keep_with_next
        for r in t_besar.rows
        for c in r.cells
        for p in c.paragraphs
    )
