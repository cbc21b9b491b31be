"""The performance tree: Renstra, nodes, indicators, targets, typed values and evidence."""

from .indikator import Frekuensi, IndikatorKinerja, JenisIndikator, TargetIndikator
from .pk import IndikatorPK, Jabatan, JenisJabatan, PerjanjianKinerja, StatusPK, TindakLanjut
from .realisasi import BuktiDukung, JenisBerkas, LangkahRealisasi, Realisasi
from .renstra import INDUK_TINGKAT, Renstra, Simpul, Tingkat

__all__ = [
    "INDUK_TINGKAT",
    "BuktiDukung",
    "Frekuensi",
    "IndikatorKinerja",
    "IndikatorPK",
    "Jabatan",
    "JenisJabatan",
    "JenisBerkas",
    "JenisIndikator",
    "LangkahRealisasi",
    "PerjanjianKinerja",
    "Realisasi",
    "Renstra",
    "Simpul",
    "StatusPK",
    "TargetIndikator",
    "TindakLanjut",
    "Tingkat",
]
