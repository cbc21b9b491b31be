"""LKjIP Bab II D (tujuan, indikator tujuan) and Bab III A.7 (programmes' and kegiatan's
indicators with realisation) from the tree."""

from decimal import Decimal

from kinerja.reports.builders.lkjip import build_lkjip
from kinerja.reports.document import Heading, Table
from kinerja.sakip.models import IndikatorKinerja, Realisasi, TargetIndikator


def _table_after(doc, heading: str) -> Table:
    blocks = doc.blocks
    i = next(n for n, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return next(b for b in blocks[i:] if isinstance(b, Table))


def test_lkjip_reads_the_tree(tree):
    it1 = IndikatorKinerja.objects.get(renstra=tree, kode="IT-1")
    TargetIndikator.objects.create(indikator=it1, tahun=2025, nilai=Decimal(80))
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    Realisasi.objects.create(indikator=ip1, tahun=2025, periode=2, nilai=Decimal(150))
    doc = build_lkjip(2025)
    tujuan = _table_after(doc, "D. Tujuan dan Indikator Tujuan")
    assert [list(r) for r in tujuan.rows] == [
        ["T1", "Meningkatkan kesejahteraan sosial", "IT-1: Persentase PPKS terlayani", "%", 80]
    ]
    a7 = _table_after(doc, "A.7 Capaian Indikator Program dan Kegiatan")
    assert [c.title for c in a7.columns[:2]] == ["Program / Kegiatan", "Indikator (satuan)"]
    assert [list(r[:2]) for r in a7.rows] == [
        ["1.06.02 Program Rehabilitasi Sosial", "IP-1: Jumlah PPKS yang direhabilitasi (orang)"],
        ["1.06.04 Program Perlindungan Sosial", "IP-2: Waktu respon bencana (jam)"],
    ]
    assert list(a7.rows[0][2:]) == [200, 150, Decimal("75.00"), "sedang"]
    assert list(a7.rows[1][2:]) == [None, None, None, ""]
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings.index("D. Tujuan dan Indikator Tujuan") < headings.index(
        "BAB III AKUNTABILITAS KINERJA"
    )
    assert headings.index("A.7 Capaian Indikator Program dan Kegiatan") < headings.index(
        "B. Realisasi Anggaran"
    )


def test_lkjip_without_a_tree_is_unchanged(db):
    headings = [b.text for b in build_lkjip(2025).blocks if isinstance(b, Heading)]
    assert "D. Tujuan dan Indikator Tujuan" not in headings
    assert "A.7 Capaian Indikator Program dan Kegiatan" not in headings
