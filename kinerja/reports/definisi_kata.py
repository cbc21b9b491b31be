"""A definition as the reader of a document needs it: how Kinerja counts an IKU, in words, for both
readings, beside the decree's own words (issue 16 item 4)."""

from kinerja.indicators.models import Bacaan, Definisi, Hitung, Indikator
from kinerja.registries.models import JenisLayanan, JenisPpks, JenisPsks, KelompokLayanan


def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for model in (JenisPpks, JenisPsks, JenisLayanan):
        out |= dict(model.objects.values_list("kode", "nama"))
    return out


def _daftar(codes: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(c, c.replace("_", " ")) for c in codes)


def _bacaan(d: Definisi, names: dict[str, str]) -> str:
    parts = [f"{d.get_bacaan_display()}: {d.get_keluarga_display()}"]
    parts.append("menghitung jenis" if d.hitung == Hitung.JENIS else "menghitung unit")
    if d.jenis_registrasi:
        parts.append(f"jenis registrasi {_daftar(d.jenis_registrasi, names)}")
    if d.lokasi:
        parts.append(f"lokasi {d.lokasi.replace('_', ' ')}")
    if d.umur_min is not None or d.umur_maks is not None:
        parts.append(
            f"umur {d.umur_min if d.umur_min is not None else 0}-{d.umur_maks or ''} tahun"
        )
    if d.layanan_jenis:
        parts.append(f"pembilang: layanan {_daftar(d.layanan_jenis, names)}")
    elif d.layanan_kelompok:
        kelompok = dict(KelompokLayanan.choices)
        parts.append(
            "pembilang: layanan kelompok "
            + ", ".join(str(kelompok.get(k, k)) for k in d.layanan_kelompok)
        )
    parts.append(f"jendela layanan: {d.get_jendela_display().lower()}")
    if d.kelompok_jenis:
        parts.append(
            "dikelompokkan: "
            + "; ".join(f"{names.get(k, k)} = {v}" for k, v in sorted(d.kelompok_jenis.items()))
        )
    return "; ".join(parts) + "."


def definisi_operasional(ind: Indikator, names: dict[str, str] | None = None) -> str:
    """Both readings of `ind` in words, then the DTSEN options when set; empty without definitions."""
    names = names if names is not None else _names()
    rows = sorted(ind.definisi.all(), key=lambda d: d.bacaan != Bacaan.DEFAULT)
    lines = [_bacaan(d, names) for d in rows]
    lines += ind.opsi_dtsen
    return "\n".join(lines)
