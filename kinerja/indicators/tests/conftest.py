import pytest

from kinerja.indicators.engine.figures import compute_figures


@pytest.fixture
def fig(db):
    """fig("IKU-2", 2025, 1, region=..., bacaan=...) -> (numerator, denominator, value or None)."""

    def _fig(kode, tahun, triwulan=None, region="63.72", bacaan="default", split=None, sv=None):
        rows = compute_figures(tahun, triwulan, "kelurahan", bacaan, kode=kode, split=split)
        [f] = [r for r in rows if r.wilayah == region and r.split_value == sv]
        return f.numerator, f.denominator, (float(f.value) if f.value is not None else None)

    return _fig
