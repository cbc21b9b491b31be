"""Charts as SVG drawn on the server: no JavaScript, no CDN, the same picture in the web and in PDFs.

Every chart carries a <title> and <desc> for screen readers; pages show the numbers as a table beside it.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .numbers import format_persen

PALETTE = ["#0b5d7a", "#e07b00", "#3f7f1f", "#8e3b8e", "#a1262b", "#4d5968"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | float | int | None]
    kind: str = "bar"  # bar | line
    color: str | None = None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 100.0
    for step in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * 5)
    magnitude = 10 ** (len(str(int(value))) - 1)
    return float((int(value / magnitude) + 1) * magnitude)


def chart_svg(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    y_label: str = "%",
    width: int = 720,
    height: int = 300,
    y_max: float | None = None,
) -> str:
    crowded = len(categories) > 8  # long region names: slanted so they do not overlap
    left, right, top, bottom = (110 if crowded else 56), 16, 36, (120 if crowded else 56)
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for s in series for v in s.values if v is not None]
    top_value = y_max or _nice_max(max(values, default=0))
    n = max(len(categories), 1)
    band = plot_w / n
    bars = [s for s in series if s.kind == "bar"]
    # Unique ids: several charts share a page, and their <title>/<desc> must not collide.
    uid = uuid.uuid4().hex[:8]
    bar_w = band * 0.7 / max(len(bars), 1)

    def y(v: float) -> float:
        return top + plot_h - (min(v, top_value) / top_value) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="t-{uid} d-{uid}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<title id="t-{uid}">{escape(title)}</title>',
        f'<desc id="d-{uid}">{escape(_describe(categories, series))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{left}" y="20" font-size="13" font-weight="bold" fill="#1b2430">{escape(title)}</text>',
    ]
    for i in range(6):
        tick = top_value * i / 5
        yy = y(tick)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" stroke="#e3e8ee"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#4d5968">{format_persen(tick, 0)}</text>'
        )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.0f}" transform="rotate(-90 14 {top + plot_h / 2:.0f})" '
        f'text-anchor="middle" fill="#4d5968">{escape(y_label)}</text>'
    )
    for i, cat in enumerate(categories):
        cx = left + band * (i + 0.5)
        cy = height - bottom + 16
        if crowded:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy - 6}" text-anchor="end" font-size="10" fill="#1b2430" '
                f'transform="rotate(-35 {cx:.1f} {cy - 6})">{escape(cat)}</text>'
            )
        else:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy}" text-anchor="middle" fill="#1b2430">{escape(cat)}</text>'
            )
    for j, s in enumerate(bars):
        color = s.color or PALETTE[series.index(s) % len(PALETTE)]
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x = left + band * i + band * 0.15 + bar_w * j
            parts.append(
                f'<rect x="{x:.1f}" y="{y(float(v)):.1f}" width="{bar_w:.1f}" '
                f'height="{top + plot_h - y(float(v)):.1f}" fill="{color}"><title>{escape(s.name)} {escape(categories[i])}: '
                f"{format_persen(v)}</title></rect>"
            )
    for s in series:
        if s.kind != "line":
            continue
        color = s.color or PALETTE[series.index(s) % len(PALETTE)]
        points = [
            (left + band * (i + 0.5), y(float(v))) for i, v in enumerate(s.values) if v is not None
        ]
        if points:
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>'
            )
            parts.extend(
                f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="{color}"/>' for x, yy in points
            )
    lx = left
    for i, s in enumerate(series):
        color = s.color or PALETTE[i % len(PALETTE)]
        ly = height - 14
        if s.kind == "line":
            parts.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 14}" y2="{ly - 4}" stroke="{color}" stroke-width="3"/>'
            )
        else:
            parts.append(f'<rect x="{lx}" y="{ly - 10}" width="14" height="10" fill="{color}"/>')
        parts.append(f'<text x="{lx + 18}" y="{ly}" fill="#1b2430">{escape(s.name)}</text>')
        lx += 30 + 7 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


def _describe(categories: list[str], series: list[Series]) -> str:
    chunks = []
    for s in series:
        pairs = ", ".join(
            f"{c}: {format_persen(v) if v is not None else 'tidak ada nilai'}"
            for c, v in zip(categories, s.values, strict=False)
        )
        chunks.append(f"{s.name}: {pairs}")
    return ". ".join(chunks)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    import cairosvg

    png: bytes = cairosvg.svg2png(bytestring=svg.encode(), scale=scale)
    return png
