"""Producing a document: pick the builder, render it in the asked format."""

from pathlib import Path

from kinerja.indicators.engine import Periode

from .builders.iku import build_iku
from .builders.lke import build_lke
from .builders.lkjip import build_lkjip
from .builders.pk import build_pk
from .builders.pk_jabatan import build_pk_semua
from .builders.rekap import build_rekap
from .builders.spm import build_spm
from .document import Document
from .render import RENDERERS

BUILDERS = {
    "iku": lambda year, quarter: build_iku(date=Periode(year, quarter).akhir),
    "pk": lambda year, quarter: build_pk(year),
    "pk-jabatan": lambda year, quarter: build_pk_semua(year),
    "lkjip": lambda year, quarter: build_lkjip(year),
    "spm": build_spm,
    "rekap": build_rekap,
    "lke": lambda year, quarter: build_lke(year),
}
FORMATS = tuple(RENDERERS)


def build_document(kind: str, *, year: int, quarter: int | None = None) -> Document:
    if kind not in BUILDERS:
        raise ValueError(f"Jenis dokumen tidak dikenal: {kind}. Pilihan: {', '.join(BUILDERS)}.")
    return BUILDERS[kind](year, quarter)


def render_document(kind: str, fmt: str, *, year: int, quarter: int | None = None) -> bytes:
    if fmt not in RENDERERS:
        raise ValueError(f"Format tidak dikenal: {fmt}. Pilihan: {', '.join(RENDERERS)}.")
    return RENDERERS[fmt](build_document(kind, year=year, quarter=quarter))


def write_document(
    kind: str, fmt: str, output: Path, *, year: int, quarter: int | None = None
) -> Path:
    data = render_document(kind, fmt, year=year, quarter=quarter)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return output
