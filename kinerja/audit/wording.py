"""The audit log in words an auditor reads: each action code as an Indonesian sentence, each
recorded field under its Indonesian name, each value written out (no codes, no Python dicts).

Every action code the product writes must be in `AKSI_KALIMAT`: a test (test_wording.py) finds
the codes in the source and fails on one without a sentence (D160).
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone

from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.privacy import mask_identifiers

# code -> what the person did, as the predicate of a sentence ("<who> mengajukan capaian ...").
AKSI_KALIMAT: dict[str, str] = {
    "lke_jawab_mandiri": "mengisi penilaian mandiri lembar kerja evaluasi",
    "lke_jawab_evaluator": "mengisi nilai evaluator lembar kerja evaluasi",
    "lke_tutup": "menutup evaluasi akuntabilitas kinerja",
    "lke_buka_kembali": "membuka kembali evaluasi akuntabilitas kinerja",
    "lke_bukti_tautkan": "menautkan bukti",
    "lke_bukti_unggah": "mengunggah berkas bukti evaluasi",
    "lke_bukti_cabut": "mencabut bukti evaluasi",
    "lhe_catat": "mencatat laporan hasil evaluasi",
    "lhe_ubah": "mengubah laporan hasil evaluasi",
    "rekomendasi_tambah": "menambahkan rekomendasi evaluasi",
    "tindak_lanjut_ubah": "memperbarui tindak lanjut rekomendasi",
    "teks_lkjip_ubah": "mengubah teks laporan kinerja tahunan",
    "bukti_unggah": "mengunggah bukti dukung",
    "bukti_lepas": "melepas bukti dukung",
    "pohon_impor": "mengimpor pohon kinerja",
    "realisasi_isi": "mengisi realisasi indikator",
    "realisasi_submit": "mengajukan realisasi indikator",
    "realisasi_verify": "memverifikasi realisasi indikator",
    "realisasi_approve": "menyetujui dan membekukan realisasi indikator",
    "realisasi_reopen": "membuka kembali realisasi indikator",
    "renstra_buat": "membuat renstra",
    "renstra_kunci": "mengunci renstra",
    "renstra_perubahan": "membuat renstra perubahan (versi baru dengan salinan pohon kinerja)",
    "simpul_ubah": "mengubah simpul pohon kinerja",
    "simpan_pemetaan": "menyimpan pemetaan berkas",
    "tambah_ejaan_wilayah": "menambahkan ejaan nama wilayah",
    "jabatan_simpan": "menyimpan jabatan",
    "pk_draf": "menyusun draf perjanjian kinerja",
    "pk_hapus_draf": "menghapus draf perjanjian kinerja",
    "pk_perubahan": "menyusun perjanjian kinerja perubahan",
    "pk_setujui": "menyetujui dan menandatangani perjanjian kinerja",
    "pk_target": "mengubah target perjanjian kinerja",
    "tindak_lanjut": "mencatat tindakan rencana aksi",
    "persetujuan_submit": "mengajukan capaian untuk diverifikasi",
    "persetujuan_verify": "memverifikasi capaian",
    "persetujuan_approve": "menyetujui dan membekukan capaian",
    "persetujuan_reopen": "membuka kembali capaian",
    "buat_target": "menetapkan target baru",
    "ubah_target": "mengubah target",
    "hapus_target": "menghapus target",
    "buat_anggaran": "mencatat anggaran baru",
    "ubah_anggaran": "mengubah anggaran",
    "ubah_skala_capaian": "mengubah skala predikat capaian",
    "buat_analisis": "menulis analisis capaian",
    "ubah_analisis": "mengubah analisis capaian",
    "ubah_katalog": "mengubah katalog IKU (versi keputusan baru)",
    "tambah": "menambah data registri",
    "ubah": "mengubah data registri",
    "hapus_identitas": "menghapus identitas orang (pseudonimisasi UU PDP)",
    "buat_pengguna": "membuat akun pengguna",
    "ubah_pengguna": "mengubah peran atau bidang akun pengguna",
    "reset_sandi": "mengatur ulang kata sandi akun pengguna",
    "nonaktifkan_pengguna": "menonaktifkan akun pengguna",
    "aktifkan_pengguna": "mengaktifkan kembali akun pengguna",
    "reset_2fa": "mengatur ulang verifikasi dua langkah akun pengguna",
    "2fa_aktif": "memasang verifikasi dua langkah",
    "ubah_notifikasi": "mengubah pilihan pemberitahuan surel",
    "buat_token_api": "membuat token API",
    "cabut_token_api": "mencabut token API",
    "uji": "mencatat entri uji",
}

OBJEK_LABEL: dict[str, str] = {
    "persetujuan": "persetujuan capaian",
    "target": "target",
    "anggaran": "anggaran",
    "skala_capaian": "skala predikat capaian",
    "analisis": "analisis capaian",
    "keputusan": "keputusan katalog IKU",
    "renstra": "Renstra",
    "pengguna": "akun pengguna",
    "organisation.user": "akun pengguna",
    "uji": "uji",
}

FIELD_LABEL: dict[str, str] = {
    "status": "Status",
    "putaran": "Putaran persetujuan",
    "definisi": "Definisi yang dipakai (nomor)",
    "versi_katalog": "Versi katalog",
    "pembilang": "Pembilang",
    "penyebut": "Penyebut",
    "beku_snapshot": "Nomor daftar unit beku",
    "beku_hash": "Sidik daftar unit beku",
    "beku_jumlah_unit": "Jumlah unit beku",
    "hash_audit": "Sidik jejak audit saat disetujui",
    "alasan": "Alasan",
    "indikator": "Indikator",
    "tahun": "Tahun",
    "triwulan": "Triwulan",
    "jenis": "Jenis",
    "target": "Nilai target",
    "impor": "Nomor impor",
    "baris": "Baris berkas",
    "versi": "Versi",
    "nomor": "Nomor keputusan",
    "perubahan": "Perubahan",
    "kolom": "Kolom yang berubah",
    "skala": "Skala predikat",
    "username": "Nama pengguna",
    "role": "Peran",
    "bidang": "Bidang",
    "aktif": "Aktif",
    "awalan": "Awalan token",
    "pseudonim": "Pseudonim",
    "anggota_dtks": "Baris DTKS yang disamarkan",
    "psks": "PSKS yang disamarkan",
    "surel_pemberitahuan": "Pemberitahuan lewat surel",
    "surel": "Alamat surel",
    "penyebab": "Penyebab",
    "upaya": "Upaya",
    "alternatif": "Alternatif",
    "tindak_lanjut": "Tindak lanjut",
    "berlaku_mulai": "Berlaku mulai (tahun)",
    "simpul_disalin": "Simpul pohon disalin",
    "simpul_per_tingkat": "Simpul disalin per tingkat",
    "indikator_disalin": "Indikator disalin",
    "target_disalin": "Target disalin",
}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
STATUS_LABEL = {
    "draft": "Draf",
    "submitted": "Diajukan",
    "verified": "Diverifikasi",
    "approved": "Disetujui",
}
ROLE_LABEL = {
    "perencana": "Perencana",
    "staf": "Staf Bidang",
    "kabid": "Kepala Bidang",
    "kadis": "Kepala Dinas",
    "auditor": "Auditor",
    "admin": "Administrator",
}
VALUE_LABEL = {
    "surel_pemberitahuan": {
        "segera": "Setiap ada yang menunggu",
        "harian": "Ringkasan harian",
        "tidak": "Tidak dikirim surel",
    },
    "status": STATUS_LABEL,
    "role": ROLE_LABEL,
    "jenis": {"pk": "Perjanjian Kinerja (PK)", "renstra": "Renstra"},
}


def aksi_kalimat(code: str) -> str:
    return AKSI_KALIMAT.get(code, "melakukan perubahan lain")


def objek_label(jenis: str) -> str:
    if jenis in OBJEK_LABEL:
        return OBJEK_LABEL[jenis]
    if jenis.startswith("registries."):
        try:
            return str(apps.get_model(jenis)._meta.verbose_name)
        except LookupError:
            return "data registri"
    return "data"


_PERIODE_RE = re.compile(r"^(\S+) (\d{4})(?:-Q([1-4]))?$")
ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def objek_teks(jenis: str, objek_id: str) -> str:
    """`persetujuan capaian IKU-2 Triwulan IV 2025`, `target nomor 7`."""
    label = objek_label(jenis)
    if not objek_id:
        return label
    m = _PERIODE_RE.match(objek_id)
    if m:
        periode = f"Triwulan {ROMAWI[m[3]]} {m[2]}" if m[3] else f"Tahun {m[2]}"
        return f"{label} {m[1]} {periode}"
    return f"{label} nomor {objek_id}" if objek_id.isdigit() else f"{label} {objek_id}"


def waktu_indonesia(value: dt.datetime) -> str:
    """6 Desember 2030 pukul 14.05.03 WITA: the deployment's time zone, named."""
    local = timezone.localtime(value)
    return (
        f"{tanggal_indonesia(local.date())} pukul {local:%H.%M.%S} {local.tzname() or ''}".strip()
    )


def field_label(key: str, registry_model: str | None = None) -> str:
    if key in FIELD_LABEL:
        return FIELD_LABEL[key]
    if registry_model:
        label = _registry_field(registry_model, key)
        if label:
            return label
    return key.replace("_", " ").capitalize()


def _registry_field(model_label: str, attname: str) -> str | None:
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return None
    for f in model._meta.concrete_fields:
        if attname in (f.attname, f.name):
            return str(f.verbose_name).capitalize()
    return None


def nilai(key: str, value: Any, *, registry_model: str | None = None, mask: bool = True) -> str:
    """One recorded value in words; NIK and KK masked unless `mask` is False."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if key in VALUE_LABEL and isinstance(value, str):
        return VALUE_LABEL[key].get(value, value)
    if key == "bidang" and isinstance(value, str):
        return _bidang_nama(value)
    if key == "kolom" and isinstance(value, list):
        return ", ".join(field_label(str(v), registry_model) for v in value)
    if key == "skala" and isinstance(value, list):
        return "; ".join(_band(b) for b in value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, list):
        return ", ".join(nilai(key, v, registry_model=registry_model, mask=mask) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(str(k), registry_model)}: "
            f"{nilai(str(k), v, registry_model=registry_model, mask=mask)}"
            for k, v in value.items()
        )
    text = str(value)
    if ISO_DATE.fullmatch(text):  # a date recorded as JSON (an LHE's date, a due date)
        return tanggal_indonesia(dt.date.fromisoformat(text))
    return mask_identifiers(text) if mask else text


def _bidang_nama(kode: str) -> str:
    """A Bidang by its name, not its code (`rehabilitasi` -> `Bidang Rehabilitasi Sosial`)."""
    bidang = apps.get_model("organisation", "Bidang").objects.filter(kode=kode).first()
    return bidang.nama if bidang is not None else kode


def _band(b: Any) -> str:
    if isinstance(b, list) and len(b) == 2:
        batas, label = b
        return f"{label} (mulai {batas.replace('.', ',')}%)" if batas is not None else str(label)
    return str(b)


@dataclass(frozen=True)
class Baris:
    """One field of an entry: its name, the value before and after, and whether it changed."""

    label: str
    sebelum: str
    sesudah: str
    berubah: bool


def perubahan(sebelum: Any, sesudah: Any, objek_jenis: str, *, mask: bool = True) -> list[Baris]:
    """The before/after of an entry as rows of fields, in the order they were recorded."""
    model = objek_jenis if objek_jenis.startswith("registries.") else None
    before = sebelum if isinstance(sebelum, dict) else ({} if sebelum is None else {"": sebelum})
    after = sesudah if isinstance(sesudah, dict) else ({} if sesudah is None else {"": sesudah})
    keys = list(dict.fromkeys([*before, *after]))
    rows = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        rows.append(
            Baris(
                label=field_label(key, model) if key else "Nilai",
                sebelum=nilai(key, a, registry_model=model, mask=mask) if key in before else "—",
                sesudah=nilai(key, b, registry_model=model, mask=mask) if key in after else "—",
                berubah=key in before and key in after and a != b,
            )
        )
    return rows


@dataclass(frozen=True)
class Entri:
    """An entry as the page and the export show it."""

    nomor: int
    waktu: str
    siapa: str
    peran: str
    kalimat: str
    objek: str
    baris: list[Baris]


def entri(e: Any, *, mask: bool = True) -> Entri:
    user = e.pengguna
    if user is not None:
        full = user.get_full_name()
        siapa = f"{full} ({e.nama_pengguna})" if full else e.nama_pengguna
        peran = ROLE_LABEL.get("admin" if user.is_superuser else user.role, "")
    else:
        siapa = e.nama_pengguna or "Sistem (baris perintah atau proses latar)"
        peran = ""
    return Entri(
        nomor=e.pk,
        waktu=waktu_indonesia(e.waktu),
        siapa=siapa,
        peran=peran,
        kalimat=aksi_kalimat(e.aksi),
        objek=objek_teks(e.objek_jenis, e.objek_id),
        baris=perubahan(e.sebelum, e.sesudah, e.objek_jenis, mask=mask),
    )
