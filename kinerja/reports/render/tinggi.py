"""Will a table fit on one PDF page? A generous estimate of its height, made before WeasyPrint lays
it out, decides whether the table is kept whole (D271).

A table kept whole that does not fit is pushed to a new page and then split anyway, leaving a gap
and its heading behind; a table that fits but is not kept whole may be split across two pages. The
estimate errs towards "does not fit": every character is counted as wide as DejaVu Sans's digits
and each column gets only its declared share of the width.
"""

from collections.abc import Sequence

from ..common import fmt
from ..document import Table

# A table longer than this is never kept whole. The PDF also lays it out with its declared widths
# (`table-layout: fixed`), smaller and tighter: WeasyPrint's automatic layout measures every cell's
# text first, about 1 s for the LKjIP's 190-row table of programmes and kegiatan (D240).
PANJANG = 30

MM_PER_PT = 25.4 / 72
FONT_PT = 9.5
LINE = 1.35  # line-height of the document's body text
EM_PER_CHAR = 0.64
PADDING_MM = 6 * 0.75 * MM_PER_PT + 0.3  # 3px above and below, the borders
# Height inside the page margins (A4, 18 + 20 mm), less room for a heading or an introducing
# paragraph that stays with the table.
HALAMAN_MM = {False: 297 - 38, True: 210 - 38}
CADANGAN = 0.8
LEBAR_MM = {False: 210 - 34, True: 297 - 34}


def _baris_teks(teks: str, kolom_mm: float) -> int:
    per_baris = max(1, int(kolom_mm / (EM_PER_CHAR * FONT_PT * MM_PER_PT)))
    return sum(max(1, -(-len(bagian) // per_baris)) for bagian in teks.split("\n"))


def tinggi_mm(
    judul: Sequence[str], baris: Sequence[Sequence[str]], lebar: Sequence[float], *, landscape: bool
) -> float:
    """Estimated height of the table with its caption: `lebar` is each column's relative width."""
    total = sum(lebar) or 1
    kolom = [w / total * LEBAR_MM[landscape] - 2 for w in lebar]
    garis = FONT_PT * LINE * MM_PER_PT
    tinggi = 2 * garis  # the caption
    for sel in [judul, *baris]:
        tinggi += (
            max(_baris_teks(t, k) for t, k in zip(sel, kolom, strict=True)) * garis + PADDING_MM
        )
    return tinggi


def muat_sehalaman(
    judul: Sequence[str], baris: Sequence[Sequence[str]], lebar: Sequence[float], *, landscape: bool
) -> bool:
    return tinggi_mm(judul, baris, lebar, landscape=landscape) <= CADANGAN * HALAMAN_MM[landscape]


def teks_sel(block: Table) -> list[list[str]]:
    """Every cell as the documents print it."""
    return [[fmt(v, c.kind) for v, c in zip(row, block.columns, strict=True)] for row in block.rows]


def tetap_utuh(block: Table, teks: Sequence[Sequence[str]], *, landscape: bool) -> bool:
    """The one rule both renderers follow: keep the table whole when it is short and fits."""
    judul, lebar = [c.title for c in block.columns], [c.width for c in block.columns]
    return len(block.rows) <= PANJANG and muat_sehalaman(judul, teks, lebar, landscape=landscape)
