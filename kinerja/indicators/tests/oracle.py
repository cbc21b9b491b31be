"""A plain, slow, independent counter of the data contract's section 2 (tests only).

It reads the registries with the ORM into Python objects and counts with loops, following the
contract's words one by one. It shares nothing with the engine: no SQL, no engine helper, no
`Definisi` row. What a catalogue version changes is given to it as `Aturan` (the test that amends
the catalogue tells both the database and this counter). Slow on purpose: small worlds only.
"""

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from kinerja.regions.models import Wilayah
from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

# Contract section 1: the twelve basic-needs codes (SPM rehabilitasi sosial dasar).
KEBUTUHAN_DASAR = frozenset(
    {
        "permakanan", "sandang", "alat_bantu", "perbekalan_kesehatan", "bimbingan_sosial",
        "bimbingan_keluarga", "fasilitasi_adminduk", "akses_layanan_dasar",
        "penelusuran_keluarga", "reunifikasi", "rujukan", "tempat_tinggal_sementara",
    }
)  # fmt: skip
LINGKUP_IKU2 = frozenset(
    {"penyandang_disabilitas", "anak_telantar", "lanjut_usia_telantar", "gelandangan", "pengemis"}
)
# The decree names four groups: gelandangan and pengemis are one type in the literal reading.
KELOMPOK_IKU2 = {"gelandangan": "gelandangan pengemis", "pengemis": "gelandangan pengemis"}
IKU = ("IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4")
JENIS_KELAMIN = ("L", "P", "")
KELOMPOK_UMUR = ("0-5", "6-18", "19-59", "60+", "")
PROVINSI = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53}
PROVINSI |= {61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}


@dataclass(frozen=True)
class Aturan:
    """What one catalogue version says where a test may amend it (version 1: the contract)."""

    iku2_lokasi: str | None = "luar_panti"  # None: any lokasi
    iku3a_umur: tuple[int, int] = (6, 18)
    # Contract section 6 (DTSEN): the decile limit of the denominator, and bansos per KK.
    iku3b_desil_maks: int | None = None
    iku3b_per_kk: bool = False


@dataclass
class Dunia:
    """Every registry row of one kab/kota, as plain Python values."""

    kabkota: str
    hari_ini: dt.date
    orang: dict[int, dict] = field(default_factory=dict)
    ppks: list[dict] = field(default_factory=list)
    psks: list[dict] = field(default_factory=list)
    pelatihan: list[dict] = field(default_factory=list)
    layanan: list[dict] = field(default_factory=list)
    dtks: dict[int, dt.date] = field(default_factory=dict)  # periode id -> first day of its month
    anggota: list[dict] = field(default_factory=list)
    bencana: dict[int, dict] = field(default_factory=dict)
    korban: list[dict] = field(default_factory=list)
    induk: dict[str, str] = field(default_factory=dict)  # region code -> parent code
    kecamatan: list[str] = field(default_factory=list)
    kelurahan: list[str] = field(default_factory=list)


def baca_dunia(kabkota: str, hari_ini: dt.date) -> Dunia:
    w = Dunia(kabkota, hari_ini)
    k = {"kode_kabkota": kabkota}
    for o in Orang.objects.filter(**k).values():
        w.orang[o["id"]] = o
    w.ppks = list(Ppks.objects.filter(**k).values())
    w.psks = list(Psks.objects.filter(**k).values())
    w.pelatihan = list(Pelatihan.objects.filter(**k).values())
    w.layanan = list(Layanan.objects.filter(**k).values())
    w.dtks = dict(DtksPeriode.objects.filter(**k).values_list("id", "periode"))
    w.anggota = list(DtksAnggota.objects.filter(**k).values())
    w.bencana = {b["id"]: b for b in Bencana.objects.filter(**k).values()}
    w.korban = list(Korban.objects.filter(**k).values())
    for r in Wilayah.objects.filter(kode__startswith=kabkota + "."):
        w.induk[r.kode] = r.induk_id
        if r.tingkat == "kecamatan":
            w.kecamatan.append(r.kode)
        elif r.tingkat == "kelurahan":
            w.kelurahan.append(r.kode)
    return w


# -- periods, ages ----------------------------------------------------------------------------
def jendela(tahun: int, triwulan: int | None) -> tuple[dt.date, dt.date]:
    """W = 1 January to the last day of the quarter (or of the year): cumulative."""
    bulan = 12 if triwulan is None else 3 * triwulan
    return dt.date(tahun, 1, 1), dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def di(tanggal: dt.date | None, awal: dt.date, akhir: dt.date) -> bool:
    return tanggal is not None and awal <= tanggal <= akhir


def aktif(daftar: dt.date, selesai: dt.date | None, awal: dt.date, akhir: dt.date) -> bool:
    """Active in W: tanggal_daftar <= end(W) and (no tanggal_selesai or it is >= start(W))."""
    return daftar <= akhir and (selesai is None or selesai >= awal)


def lahir_dari_nik(nik: str | None, hari_ini: dt.date) -> dt.date | None:
    """The birth date a valid NIK encodes (contract section 1), else None."""
    if not nik or len(nik) != 16 or not nik.isdigit() or int(nik[:2]) not in PROVINSI:
        return None
    if nik[12:] == "0000":
        return None
    hari, bulan, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if hari > 40:
        hari -= 40
    if not 1 <= hari <= 31:
        return None
    for abad in (2000, 1900):
        try:
            tanggal = dt.date(abad + yy, bulan, hari)
        except ValueError:
            return None
        if tanggal <= hari_ini:
            return tanggal
    return None


def umur_penuh(lahir: dt.date, pada: dt.date) -> int:
    """Full years on `pada`."""
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def kelompok_umur(lahir: dt.date | None, pada: dt.date) -> str:
    if lahir is None:
        return ""
    u = umur_penuh(lahir, pada)
    if u <= 5:
        return "0-5"
    if u <= 18:
        return "6-18"
    if u <= 59:
        return "19-59"
    return "60+"


# -- units ------------------------------------------------------------------------------------
@dataclass
class Unit:
    """One unit behind a figure: where it counts, its split values, its types and numerators."""

    wilayah: str | None  # kelurahan or kecamatan code, None: kota only
    jenis_kelamin: str
    kelompok_umur: str
    pembilang: bool
    pembilang_literal: bool
    jenis: set[str] = field(default_factory=set)  # types of the literal reading
    jenis_pembilang: set[str] = field(default_factory=set)  # types counted in its numerator


class Penghitung:
    def __init__(self, dunia: Dunia):
        self.w = dunia
        self.layanan_orang: dict[int, list[dict]] = {}
        for lay in dunia.layanan:
            self.layanan_orang.setdefault(lay["orang_id"], []).append(lay)

    def _lahir(self, orang_id: int) -> dt.date | None:
        o = self.w.orang[orang_id]
        return o["tanggal_lahir"] or lahir_dari_nik(o["nik"], self.w.hari_ini)

    def _orang_unit(self, orang_id: int, akhir: dt.date, p: bool, pl: bool) -> Unit:
        o = self.w.orang[orang_id]
        jk = o["jenis_kelamin"] if o["jenis_kelamin"] in ("L", "P") else ""
        return Unit(o["kelurahan_id"], jk, kelompok_umur(self._lahir(orang_id), akhir), p, pl)

    def _dilayani(self, orang_id: int, jenis: Iterable[str], awal, akhir) -> bool:
        jenis = set(jenis)
        return any(
            lay["jenis_id"] in jenis and di(lay["tanggal"], awal, akhir)
            for lay in self.layanan_orang.get(orang_id, [])
        )

    def iku1(self, awal, akhir, aturan: Aturan) -> list[Unit]:
        units = []
        for p in self.w.psks:
            if not aktif(p["tanggal_daftar"], p["tanggal_selesai"], awal, akhir):
                continue
            dilatih = any(
                t["psks_id"] == p["id"] and di(t["tanggal"], awal, akhir) for t in self.w.pelatihan
            )
            u = Unit(p["kelurahan_id"], "", "", dilatih, dilatih, {p["jenis_id"]})
            u.jenis_pembilang = {p["jenis_id"]} if dilatih else set()
            units.append(u)
        return units

    def iku2(self, awal, akhir, aturan: Aturan) -> list[Unit]:
        per_orang: dict[int, list[dict]] = {}
        for r in self.w.ppks:
            if r["jenis_id"] not in LINGKUP_IKU2:
                continue
            if aturan.iku2_lokasi is not None and r["lokasi"] != aturan.iku2_lokasi:
                continue
            if aktif(r["tanggal_daftar"], r["tanggal_selesai"], awal, akhir):
                per_orang.setdefault(r["orang_id"], []).append(r)
        units = []
        for orang_id, regs in per_orang.items():
            jenis, dilayani_dalam = set(), set()
            for r in regs:
                kelompok = KELOMPOK_IKU2.get(r["jenis_id"], r["jenis_id"])
                jenis.add(kelompok)
                for lay in self.layanan_orang.get(orang_id, []):
                    if (
                        lay["jenis_id"] in KEBUTUHAN_DASAR
                        and di(lay["tanggal"], awal, akhir)
                        and di(lay["tanggal"], r["tanggal_daftar"], r["tanggal_selesai"] or akhir)
                    ):
                        dilayani_dalam.add(kelompok)
            u = self._orang_unit(orang_id, akhir, bool(dilayani_dalam), bool(dilayani_dalam))
            u.jenis, u.jenis_pembilang = jenis, dilayani_dalam
            units.append(u)
        return units

    def iku3a(self, awal, akhir, aturan: Aturan) -> list[Unit]:
        anak = {
            r["orang_id"]
            for r in self.w.ppks
            if r["jenis_id"] == "anak_telantar"
            and aktif(r["tanggal_daftar"], r["tanggal_selesai"], awal, akhir)
        }
        lo, hi = aturan.iku3a_umur
        units = []
        for orang_id in anak:
            lahir = self._lahir(orang_id)
            if lahir is not None and not lo <= umur_penuh(lahir, akhir) <= hi:
                continue  # with no birth date at all the child is counted (and flagged)
            p = self._dilayani(orang_id, ("pengasuhan", "pelatihan_keterampilan"), awal, akhir)
            pl = self._dilayani(orang_id, ("pelatihan_keterampilan",), awal, akhir)
            units.append(self._orang_unit(orang_id, akhir, p, pl))
        return units

    def iku3b(self, awal, akhir, aturan: Aturan) -> list[Unit]:
        bulan_akhir = (akhir.year, akhir.month)
        calon = [
            (tgl, pid) for pid, tgl in self.w.dtks.items() if (tgl.year, tgl.month) <= bulan_akhir
        ]
        if not calon:
            return []  # no DTKS of W: no value
        _, dtks_w = max(calon)
        anggota = [a for a in self.w.anggota if a["periode_id"] == dtks_w]
        bansos = ("bansos_keluarga", "bantuan_usaha")
        # Section 6: a KK is served when any of its members in the DTKS of W is (any decile).
        kk_dilayani = {
            a["no_kk"] for a in anggota if self._dilayani(a["orang_id"], bansos, awal, akhir)
        }
        batas = aturan.iku3b_desil_maks
        units = []
        for a in anggota:
            if batas is not None and a["desil"] is not None and a["desil"] > batas:
                continue
            p = self._dilayani(a["orang_id"], bansos, awal, akhir)
            if aturan.iku3b_per_kk:
                p = a["no_kk"] in kk_dilayani
            units.append(self._orang_unit(a["orang_id"], akhir, p, p))
        return units

    def iku4(self, awal, akhir, aturan: Aturan) -> list[Unit]:
        units = []
        for k in self.w.korban:
            e = self.w.bencana[k["bencana_id"]]
            if not di(e["tanggal_kejadian"], awal, akhir):
                continue
            p = any(
                lay["bencana_id"] == e["id"] and di(lay["tanggal"], e["tanggal_kejadian"], akhir)
                for lay in self.layanan_orang.get(k["orang_id"], [])
            )
            u = self._orang_unit(k["orang_id"], akhir, p, p)
            u.wilayah = e["wilayah_id"]  # the event's region, not the victim's domicile
            units.append(u)
        return units

    def units(self, iku: str, awal: dt.date, akhir: dt.date, aturan: Aturan) -> list[Unit]:
        fn = {
            "IKU-1": self.iku1, "IKU-2": self.iku2, "IKU-3A": self.iku3a, "IKU-3B": self.iku3b,
            "IKU-4": self.iku4,
        }[iku]  # fmt: skip
        return fn(awal, akhir, aturan)

    # -- regions and figures ------------------------------------------------------------------
    def wilayah_unit(self, u: Unit) -> set[str]:
        """Every region a unit counts in: the kota, and its kecamatan and kelurahan when known."""
        regions = {self.w.kabkota}
        kode = u.wilayah
        while kode is not None and kode != self.w.kabkota:
            regions.add(kode)
            kode = self.w.induk.get(kode)
        return regions

    def angka(
        self, tahun: int, triwulan: int | None, aturan_pada: Callable[[dt.date], Aturan]
    ) -> dict[tuple, tuple[int, int]]:
        """(iku, bacaan, wilayah, split, split value) -> (numerator, denominator), every region."""
        awal, akhir = jendela(tahun, triwulan)
        aturan = aturan_pada(akhir)  # the catalogue version in force on end(W)
        regions = [self.w.kabkota, *self.w.kecamatan, *self.w.kelurahan]
        splits = {None: (None,), "jenis_kelamin": JENIS_KELAMIN, "kelompok_umur": KELOMPOK_UMUR}
        out: dict[tuple, tuple[int, int]] = {}
        for iku in IKU:
            # Every unit adds itself to each of its regions, unsplit and under its split values.
            groups: dict[tuple, list[Unit]] = {
                (region, split, sv): []
                for region in regions
                for split in splits
                for sv in splits[split]
            }
            for u in self.units(iku, awal, akhir, aturan):
                for region in self.wilayah_unit(u):
                    groups[(region, None, None)].append(u)
                    groups[(region, "jenis_kelamin", u.jenis_kelamin)].append(u)
                    groups[(region, "kelompok_umur", u.kelompok_umur)].append(u)
            for key, mine in groups.items():
                out[(iku, "default", *key)] = (sum(u.pembilang for u in mine), len(mine))
                if iku in ("IKU-1", "IKU-2"):  # the decree counts jenis
                    jenis = set().union(*(u.jenis for u in mine))
                    dilayani = set().union(*(u.jenis_pembilang for u in mine))
                    lit = (len(dilayani), len(jenis))
                else:
                    lit = (sum(u.pembilang_literal for u in mine), len(mine))
                out[(iku, "literal", *key)] = lit
        return out


def nilai(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator x 100, half up to two decimals, by exact fractions."""
    if denominator == 0:
        return None
    hundredths = Fraction(numerator * 100 * 100, denominator) + Fraction(1, 2)
    return Decimal(hundredths.numerator // hundredths.denominator) / 100
