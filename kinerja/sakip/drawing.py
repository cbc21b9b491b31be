"""The performance tree as SVG drawn on the server (no JavaScript, no CDN), like lib/charts.py.

An indented tree: one row per node, children below their parent and shifted right, joined by lines,
so a tree of hundreds of sub-kegiatan stays readable in a scrollable box and on paper. Each node is a
link to its page and shows its indicators' latest capaian, coloured by band.
"""

from html import escape

from kinerja.lib.numbers import format_persen

from .selectors import NodeRow

ROW_H = 34
BOX_H = 28
INDENT = 26
WIDTH = 1100
# Band colours by position on the scale (highest first); grey without capaian.
BAND_COLOURS = ["#1a7f37", "#3f7f1f", "#b58100", "#e07b00", "#a1262b", "#7a1f24"]
NO_BAND = "#8a96a3"
TINGKAT_FILL = {
    "tujuan": "#e8f0f5",
    "sasaran": "#eef5ea",
    "program": "#f6f0e6",
    "kegiatan": "#f3eef6",
    "sub_kegiatan": "#ffffff",
}


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(chars - 1, 1)] + "…"


def _colour(index: int | None) -> str:
    if index is None:
        return NO_BAND
    return BAND_COLOURS[min(index, len(BAND_COLOURS) - 1)]


def tree_svg(rows: list[NodeRow], *, title: str, href: str) -> str:
    """`href` is a format string with `{id}` for each node's page."""
    height = max(len(rows), 1) * ROW_H + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-svg" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="pohon-judul"><title id="pohon-judul">{escape(title)}</title>',
    ]
    y_of: dict[int, float] = {}
    lines = []
    for i, row in enumerate(rows):
        y = 8 + i * ROW_H
        y_of[row.id] = y
        x = 8 + row.depth * INDENT
        if row.parent_id in y_of:
            px = 8 + (row.depth - 1) * INDENT + 10
            lines.append(
                f'<path d="M{px} {y_of[row.parent_id] + BOX_H} V{y + BOX_H / 2} H{x}" '
                'fill="none" stroke="#9aa5b1"/>'
            )
        shown = [c for c in row.indikator if c.capaian is not None] or row.indikator
        first = shown[0] if shown else None
        colour = _colour(first.band_index if first else None)
        right = ""
        if first is not None:
            value = f"{format_persen(first.capaian)} %" if first.capaian is not None else "–"
            more = f" +{len(row.indikator) - 1}" if len(row.indikator) > 1 else ""
            right = f"{first.kode}: {value} {first.band or 'belum ada capaian'}{more}"
        label = f"{row.kode} {row.uraian}"
        room = (WIDTH - 16 - x - 8 * len(right) - 24) // 7
        parts.append(
            f'<a href="{escape(href.format(id=row.id))}"><title>{escape(label)}'
            f"{escape(' — ' + right) if right else ''}</title>"
            f'<rect x="{x}" y="{y}" width="{WIDTH - 8 - x}" height="{BOX_H}" rx="4" '
            f'fill="{TINGKAT_FILL.get(row.tingkat, "#fff")}" stroke="#c5ced8"/>'
            f'<rect x="{x}" y="{y}" width="6" height="{BOX_H}" rx="2" fill="{colour}"/>'
            f'<text x="{x + 12}" y="{y + 19}" font-size="13" fill="#1d2630">'
            f'<tspan font-weight="700">{escape(row.kode)}</tspan> '
            f"{escape(_fit(row.uraian, max(room - len(row.kode), 8)))}</text>"
            f'<text font-size="12" x="{WIDTH - 16}" y="{y + 19}" text-anchor="end" '
            f'fill="{colour}">{escape(right)}</text></a>'
        )
    parts[1:1] = lines
    parts.append("</svg>")
    return "".join(parts)
