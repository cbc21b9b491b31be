from .base import Impor, Tercatat
from .bencana import Bencana, JenisBencana, Kondisi, Korban
from .codes import JenisLayanan, JenisPpks, JenisPsks, KelompokLayanan
from .dtks import DtksAnggota, DtksPeriode
from .layanan import Layanan, SumberDana
from .orang import JenisKelamin, Orang
from .pemetaan import Pemetaan
from .ppks import Lokasi, Ppks
from .psks import Bentuk, KegiatanPelatihan, Pelatihan, Psks

__all__ = [
    "Bencana", "Bentuk", "DtksAnggota", "DtksPeriode", "Impor", "JenisBencana", "JenisKelamin",
    "JenisLayanan", "JenisPpks", "JenisPsks", "KegiatanPelatihan", "KelompokLayanan", "Kondisi",
    "Korban", "Layanan", "Lokasi", "Orang", "Pemetaan", "Pelatihan", "Ppks", "Psks", "SumberDana", "Tercatat",
]  # fmt: skip
