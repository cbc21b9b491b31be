"""The figures the performance app reads: the kota figure computed now, and the level of a set of
region codes. Everything else (freezing, frozen figures, why they changed) is the engine's, through
its door `kinerja.indicators.engine`."""

from kinerja.indicators.engine import Figure, compute_figures

from .periods import Periode


def live_kota(kode: str, periode: Periode, bacaan: str = "default") -> Figure | None:
    """The kota figure computed now; None when the indicator has no definition for the period."""
    figs = compute_figures(periode.tahun, periode.triwulan, level="kota", bacaan=bacaan, kode=kode)
    return figs[0] if figs else None


def level_of(regions: list[str]) -> str:
    """The level of a set of region codes as compute prints them (kota, kecamatan, kelurahan)."""
    longest = max((len(r) for r in regions), default=0)
    return "kelurahan" if longest > 8 else ("kecamatan" if longest > 5 else "kota")
