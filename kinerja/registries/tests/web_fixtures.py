"""Fixtures of the registry web tests: one small registry with a record of every kind."""

import datetime as dt
from dataclasses import dataclass

import pytest

from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    KegiatanPelatihan,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

NIK_BUDI = "6372041208900001"  # 12-08-1990, L
NIK_SITI = "6372045502850002"  # 15-02-1985, P
NIK_PSKS = "6372041503800003"
KOMET = "63.72.04.1003"
MENTAOS = "63.72.04.1002"
PALAM = "63.72.03.1001"

ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
NIK_ROLES = {r for r in ROLES if r.startswith(("staf_", "kabid_")) or r == "admin"}


@dataclass
class Data:
    budi: Orang
    siti: Orang
    tanpa_nik: Orang
    ppks: Ppks
    layanan_dasar: Layanan
    layanan_bansos: Layanan
    layanan_bencana: Layanan
    periode: DtksPeriode
    dtks: DtksAnggota
    bencana: Bencana
    korban: Korban
    psks: Psks
    kegiatan: KegiatanPelatihan
    pelatihan: Pelatihan


@pytest.fixture
def data(db) -> Data:
    budi = Orang.objects.create(
        nik=NIK_BUDI,
        nama="Budi Santoso",
        jenis_kelamin="L",
        tanggal_lahir=dt.date(1990, 8, 12),
        no_kk="6372040101900001",
        kelurahan_id=KOMET,
    )
    siti = Orang.objects.create(
        nik=NIK_SITI,
        nama="Siti Aminah",
        jenis_kelamin="P",
        tanggal_lahir=dt.date(1985, 2, 15),
        no_kk="6372040101850002",
        kelurahan_id=PALAM,
    )
    tanpa_nik = Orang.objects.create(id_lokal="REH-2024-007", nama="Pak Tua", kelurahan_id=MENTAOS)
    ppks = Ppks.objects.create(
        orang=budi, jenis_id="penyandang_disabilitas", tanggal_daftar=dt.date(2024, 2, 1)
    )
    Ppks.objects.create(
        orang=tanpa_nik, jenis_id="gelandangan", tanggal_daftar=dt.date(2023, 5, 1),
        tanggal_selesai=dt.date(2023, 12, 31),
    )  # fmt: skip
    layanan_dasar = Layanan.objects.create(
        orang=budi, jenis_id="permakanan", tanggal=dt.date(2024, 3, 5), nilai_rp=150000
    )
    layanan_bansos = Layanan.objects.create(
        orang=siti, jenis_id="bansos_keluarga", tanggal=dt.date(2024, 7, 1), sumber_dana="APBD"
    )
    bencana = Bencana.objects.create(
        kode_kejadian="BJR-2024-01",
        jenis="alam",
        sub_jenis="banjir",
        tanggal_kejadian=dt.date(2024, 1, 10),
        wilayah_id="63.72.03",
    )
    korban = Korban.objects.create(bencana=bencana, orang=siti, kondisi="mengungsi")
    layanan_bencana = Layanan.objects.create(
        orang=siti, jenis_id="permakanan", tanggal=dt.date(2024, 1, 11), bencana=bencana
    )
    periode = DtksPeriode.objects.create(periode=dt.date(2024, 6, 1))
    dtks = DtksAnggota.objects.create(
        periode=periode, orang=siti, nik=NIK_SITI, no_kk=siti.no_kk, desil=2
    )
    psks = Psks.objects.create(
        kode_psks="TKSK-01",
        jenis_id="tksk",
        bentuk="orang",
        nama="Ahmad Fauzi",
        nik=NIK_PSKS,
        kelurahan_id=KOMET,
        tanggal_daftar=dt.date(2022, 1, 1),
    )
    kegiatan = KegiatanPelatihan.objects.create(kode_kegiatan="BIMTEK-24", nama_kegiatan="Bimtek")
    pelatihan = Pelatihan.objects.create(kegiatan=kegiatan, psks=psks, tanggal=dt.date(2024, 4, 2))
    return Data(
        budi, siti, tanpa_nik, ppks, layanan_dasar, layanan_bansos, layanan_bencana, periode,
        dtks, bencana, korban, psks, kegiatan, pelatihan,
    )  # fmt: skip
