"""Checks on a Definisi, so that a perencana's new indicator can only say what the engine can count."""

from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from ..models import Definisi

KELOMPOK_LAYANAN = {"dasar", "pengasuhan", "bansos", "bencana"}
LOKASI = {"", "luar_panti", "dalam_panti"}

# What each family allows: its registry's code list, the service windows that make sense, whether
# the literal reading may count types, and whether an age band applies.


class Family(TypedDict):
    codes: str | None  # the code list model of its registrations
    jendela: set[str]
    jenis: bool  # the literal reading may count types
    umur: bool  # an age band applies


FAMILIES: dict[str, Family] = {
    "psks_pelatihan": {"codes": "JenisPsks", "jendela": {"periode"}, "jenis": True, "umur": False},
    "ppks_layanan": {
        "codes": "JenisPpks",
        "jendela": {"periode", "registrasi"},
        "jenis": True,
        "umur": False,
    },
    "anak_layanan": {
        "codes": "JenisPpks",
        "jendela": {"periode", "registrasi"},
        "jenis": False,
        "umur": True,
    },
    "dtks_layanan": {"codes": None, "jendela": {"periode"}, "jenis": False, "umur": False},
    "korban_layanan": {"codes": None, "jendela": {"kejadian"}, "jenis": False, "umur": False},
}


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def validate_definisi(d: "Definisi") -> None:
    """Raise ValidationError (field -> messages) when the parameters do not fit the family."""
    from kinerja.registries.models import JenisLayanan, JenisPpks, JenisPsks

    errors: dict[str, list[str]] = {}

    def err(field: str, msg: str) -> None:
        errors.setdefault(field, []).append(msg)

    family = FAMILIES.get(d.keluarga)
    if family is None:
        raise ValidationError({"keluarga": "Keluarga tidak dikenal."})
    # Registration types
    if not _is_str_list(d.jenis_registrasi):
        err("jenis_registrasi", "Harus berupa daftar kode.")
    elif family["codes"] is None:
        if d.jenis_registrasi:
            err("jenis_registrasi", "Keluarga ini tidak memakai jenis registrasi.")
    else:
        model = JenisPsks if family["codes"] == "JenisPsks" else JenisPpks
        known = set(model.objects.values_list("kode", flat=True))
        unknown = sorted(set(d.jenis_registrasi) - known)
        if unknown:
            err("jenis_registrasi", f"Kode tidak dikenal: {', '.join(unknown)}")
        if family["codes"] == "JenisPpks" and not d.jenis_registrasi:
            err("jenis_registrasi", "Sebutkan sedikitnya satu jenis PPKS.")
    if d.lokasi not in LOKASI:
        err("lokasi", "Lokasi harus luar_panti, dalam_panti atau kosong.")
    if d.lokasi and family["codes"] != "JenisPpks":
        err("lokasi", "Lokasi hanya berlaku untuk registrasi PPKS.")
    # Age band
    if family["umur"]:
        if d.umur_min is None or d.umur_maks is None:
            err("umur_min", "Keluarga anak memerlukan pita umur (minimal dan maksimal).")
        elif d.umur_min > d.umur_maks:
            err("umur_maks", "Umur maksimal lebih kecil dari umur minimal.")
    elif d.umur_min is not None or d.umur_maks is not None:
        err("umur_min", "Pita umur hanya berlaku untuk keluarga anak_layanan.")
    # Numerator services
    if not _is_str_list(d.layanan_jenis):
        err("layanan_jenis", "Harus berupa daftar kode.")
    else:
        known = set(JenisLayanan.objects.values_list("kode", flat=True))
        unknown = sorted(set(d.layanan_jenis) - known)
        if unknown:
            err("layanan_jenis", f"Kode tidak dikenal: {', '.join(unknown)}")
    if not _is_str_list(d.layanan_kelompok):
        err("layanan_kelompok", "Harus berupa daftar kelompok.")
    elif set(d.layanan_kelompok) - KELOMPOK_LAYANAN:
        err("layanan_kelompok", "Kelompok harus dasar, pengasuhan, bansos atau bencana.")
    if d.keluarga == "psks_pelatihan" and (d.layanan_jenis or d.layanan_kelompok):
        err("layanan_jenis", "PSKS dihitung dari pelatihan, bukan layanan.")
    if (
        d.keluarga in ("ppks_layanan", "anak_layanan", "dtks_layanan")
        and not d.layanan_jenis
        and not d.layanan_kelompok
    ):
        err("layanan_jenis", "Sebutkan jenis atau kelompok layanan pembilang.")
    if d.jendela not in family["jendela"]:
        err("jendela", f"Jendela untuk keluarga ini: {', '.join(sorted(family['jendela']))}.")
    if d.hitung == "jenis" and not family["jenis"]:
        err("hitung", "Keluarga ini hanya dapat menghitung unit.")
    # Type grouping
    if not isinstance(d.kelompok_jenis, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in d.kelompok_jenis.items()
    ):
        err("kelompok_jenis", 'Harus berupa objek {"kode": "nama kelompok"}.')
    elif _is_str_list(d.jenis_registrasi) and d.jenis_registrasi:
        stray = sorted(set(d.kelompok_jenis) - set(d.jenis_registrasi))
        if stray:
            err("kelompok_jenis", f"Bukan jenis registrasi penyebut: {', '.join(stray)}")
    _validate_dtsen(d, err)
    # Both readings share the denominator (one frozen list serves both).
    if d.indikator_id and not errors:
        sibling = (
            type(d)
            .objects.filter(indikator_id=d.indikator_id)
            .exclude(bacaan=d.bacaan)
            .exclude(pk=d.pk)
            .first()
        )
        if sibling is not None:
            for field in d.DENOMINATOR_FIELDS:
                if getattr(sibling, field) != getattr(d, field):
                    err(field, f"Penyebut harus sama dengan bacaan {sibling.bacaan}.")
            if sibling.kelompok_jenis != d.kelompok_jenis:
                err(
                    "kelompok_jenis",
                    f"Pengelompokan jenis harus sama dengan bacaan {sibling.bacaan}.",
                )
    if errors:
        raise ValidationError(errors)


def _validate_dtsen(d: "Definisi", err: Callable[[str, str], None]) -> None:
    """The DTSEN options (contract section 6): DTKS family only, desil 1-10, never in version 1."""
    on = d.desil_maks is not None or d.bansos_per_keluarga
    if d.desil_maks is not None and not 1 <= d.desil_maks <= 10:
        err("desil_maks", "Desil maksimal harus 1 sampai 10, atau kosong.")
    if on and d.keluarga != "dtks_layanan":
        err(
            "desil_maks",
            "Opsi DTSEN (desil maksimal, bansos per keluarga) hanya untuk keluarga"
            " dtks_layanan (IKU-3B).",
        )
    if on and d.indikator_id and d.indikator.keputusan.versi == 1:
        err(
            "desil_maks" if d.desil_maks is not None else "bansos_per_keluarga",
            "Opsi DTSEN tidak dapat diisi pada versi katalog 1 (angka keputusan tidak berubah);"
            " buat versi perubahan katalog terlebih dulu.",
        )
