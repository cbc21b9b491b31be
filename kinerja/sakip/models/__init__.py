"""The performance tree: Renstra, nodes, indicators, targets, typed values and evidence."""

from .indikator import Frekuensi, IndikatorKinerja, JenisIndikator, TargetIndikator
from .realisasi import BuktiDukung, JenisBerkas, LangkahRealisasi, Realisasi
from .renstra import INDUK_TINGKAT, Renstra, Simpul, Tingkat

__all__ = [
    "INDUK_TINGKAT",
    "BuktiDukung",
    "Frekuensi",
    "IndikatorKinerja",
    "JenisBerkas",
    "JenisIndikator",
    "LangkahRealisasi",
    "Realisasi",
    "Renstra",
    "Simpul",
    "TargetIndikator",
    "Tingkat",
]
