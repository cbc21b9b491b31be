from decimal import Decimal

from kinerja.lib.charts import Series, chart_svg, svg_to_png
from kinerja.lib.numbers import format_angka, format_persen, percentage


def test_percentage_rounds_half_up_and_has_no_value_for_zero_denominator():
    assert percentage(1, 8) == Decimal("12.50")
    assert percentage(2, 3) == Decimal("66.67")
    assert percentage(1, 6) == Decimal("16.67")
    assert percentage(1, 400) == Decimal("0.25")
    assert percentage(1, 800) == Decimal("0.13")  # 0.125 -> half up
    assert percentage(0, 0) is None
    assert percentage(0, 5) == Decimal("0.00")


def test_indonesian_number_formats():
    assert format_persen(Decimal("87.5")) == "87,50"
    assert format_persen(Decimal("1234.5")) == "1.234,50"
    assert format_angka(1234567) == "1.234.567"
    assert format_persen(None) == "–"


def test_chart_is_accessible_svg_and_converts_to_png():
    svg = chart_svg(
        title="IKU-2",
        categories=["TW I", "TW II"],
        series=[Series("Realisasi", [Decimal("87.5"), None]), Series("Target", [80, 85], "line")],
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "87,50" in svg and "tidak ada nilai" in svg
    assert svg_to_png(svg)[:8] == b"\x89PNG\r\n\x1a\n"
