from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from kinerja.lib.charts import Series, chart_svg, svg_to_png
from kinerja.lib.numbers import format_angka, format_persen, percentage, round_half_up


def test_percentage_rounds_half_up_and_has_no_value_for_zero_denominator():
    assert percentage(1, 8) == Decimal("12.50")
    assert percentage(2, 3) == Decimal("66.67")
    assert percentage(1, 6) == Decimal("16.67")
    assert percentage(1, 400) == Decimal("0.25")
    assert percentage(1, 800) == Decimal("0.13")  # 0.125 -> half up
    assert percentage(0, 0) is None
    assert percentage(0, 5) == Decimal("0.00")


@pytest.mark.parametrize(
    ("numerator", "denominator", "half_up", "half_even"),
    [
        (1, 800, "0.13", "0.12"),  # 0.125
        (1, 32, "3.13", "3.12"),  # 3.125
        (5, 32, "15.63", "15.62"),  # 15.625
        (107, 4000, "2.68", "2.68"),  # 2.675: a float would give 2.67 (2.67499...)
        (17, 32, "53.13", "53.12"),  # 53.125
        (1, 8, "12.50", "12.50"),  # 1/8 x 100 = 12.5 exactly
    ],
)
def test_percentage_is_half_up_not_half_even_and_not_float(
    numerator, denominator, half_up, half_even
):
    value = percentage(numerator, denominator)
    assert value == Decimal(half_up) and str(value) == half_up
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    assert exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) == Decimal(half_even)
    if (numerator, denominator) != (1, 8):  # float and round() get every other case wrong
        assert round(numerator * 100 / denominator, 2) != float(half_up)


def test_round_half_up_and_the_shown_text():
    assert round_half_up(Decimal("2.675")) == Decimal("2.68")
    assert round_half_up(Decimal("2.665")) == Decimal("2.67")  # half-even: 2.66
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert round_half_up(Decimal("-0.125")) == Decimal("-0.13")  # away from zero
    assert format_persen(Decimal("0.125")) == "0,13"
    assert format_persen(2.675) == "2,68"  # a float is read by its shortest text, not 2.67499...
    assert format_persen(Decimal("12.345")) == "12,35"


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
