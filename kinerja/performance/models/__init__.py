"""Targets, achievement bands, approval of figures, analysis and budget: the SAKIP cycle."""

from .analisis import Analisis
from .anggaran import Anggaran
from .band import BandCapaian
from .persetujuan import LangkahPersetujuan, Persetujuan, Status
from .target import JenisTarget, Target

__all__ = [
    "Analisis",
    "Anggaran",
    "BandCapaian",
    "JenisTarget",
    "LangkahPersetujuan",
    "Persetujuan",
    "Status",
    "Target",
]
