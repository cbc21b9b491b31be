"""Hand-made registry rows for engine tests, built straight through the ORM."""

import datetime as dt
import itertools

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

KEL = "63.72.04.1003"  # Komet, Banjarbaru Utara
KEL2 = "63.72.02.1004"  # Guntung Payung, Landasan Ulin
_seq = itertools.count(1)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def orang(nama=None, kel=KEL, jk="L", lahir="1980-01-01", nik=None, **extra) -> Orang:
    n = next(_seq)
    return Orang.objects.create(
        nama=nama or f"Orang {n}",
        kelurahan_id=kel,
        jenis_kelamin=jk,
        tanggal_lahir=d(lahir) if lahir else None,
        nik=nik,
        id_lokal=None if nik else f"L-{n}",
        **extra,
    )


def ppks(o, jenis="penyandang_disabilitas", daftar="2024-06-01", selesai=None, lokasi="luar_panti"):
    return Ppks.objects.create(
        orang=o, jenis_id=jenis, tanggal_daftar=d(daftar),
        tanggal_selesai=d(selesai) if selesai else None, lokasi=lokasi,
    )  # fmt: skip


def layanan(o, jenis="permakanan", tanggal="2025-02-01", bencana=None, program=""):
    return Layanan.objects.create(
        orang=o, jenis_id=jenis, tanggal=d(tanggal), bencana=bencana, program=program
    )


def psks(jenis="tksk", kel=KEL, daftar="2024-01-01", selesai=None, kode=None) -> Psks:
    n = next(_seq)
    return Psks.objects.create(
        kode_psks=kode or f"PSKS-{n}", jenis_id=jenis, bentuk="orang", nama=f"PSKS {n}",
        kelurahan_id=kel, tanggal_daftar=d(daftar), tanggal_selesai=d(selesai) if selesai else None,
    )  # fmt: skip


def pelatihan(p: Psks, tanggal="2025-03-01", kegiatan="K1") -> Pelatihan:
    k, _ = KegiatanPelatihan.objects.get_or_create(kode_kegiatan=kegiatan)
    return Pelatihan.objects.create(kegiatan=k, psks=p, tanggal=d(tanggal))


def dtks(periode: str, *people) -> DtksPeriode:
    p, _ = DtksPeriode.objects.get_or_create(periode=d(periode))
    for o in people:
        DtksAnggota.objects.create(periode=p, orang=o, nik=o.nik or f"{o.pk:016d}", no_kk="1" * 16)
    return p


def bencana(kode="B1", tanggal="2025-02-10", wilayah=KEL) -> Bencana:
    return Bencana.objects.create(
        kode_kejadian=kode, jenis="alam", tanggal_kejadian=d(tanggal), wilayah_id=wilayah
    )


def korban(b: Bencana, o) -> Korban:
    return Korban.objects.create(bencana=b, orang=o, kondisi="terdampak")
