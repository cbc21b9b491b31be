"""Small random registries ("worlds") from a seeded `random.Random`, for the independent counter.

Rows are written with `bulk_create` (faster than the importer) but keep what the importer
guarantees: a stored NIK is valid and fills sex and birth date (a disagreeing record is flagged);
people without NIK have an id_lokal and may lack sex, birth date or domicile; no date is after
today; tanggal_selesai >= tanggal_daftar; natural keys are unique; DTKS rows carry the person's NIK;
a service's kode_kejadian is a registered event. Dates crowd around the window edges (1 January,
quarter ends, birthdays turning 6, 19 and 60 on a quarter end) where counting mistakes hide.
"""

import datetime as dt
import random

from django.conf import settings

from kinerja.indicators.models import Definisi, Keputusan
from kinerja.indicators.services import keputusan_amend
from kinerja.regions.models import Wilayah
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

from .oracle import Aturan

PPKS = (
    "anak_balita_telantar", "anak_telantar", "anak_berhadapan_hukum", "anak_jalanan",
    "anak_disabilitas", "lanjut_usia_telantar", "penyandang_disabilitas", "gelandangan",
    "pengemis", "pemulung", "fakir_miskin", "korban_bencana_alam",
)  # fmt: skip
LINGKUP = ("penyandang_disabilitas", "anak_telantar", "lanjut_usia_telantar", "gelandangan")
LINGKUP += ("pengemis",)
PSKS = (
    "pekerja_sosial_profesional", "pekerja_sosial_masyarakat", "tagana", "lks", "karang_taruna",
    "lk3", "keluarga_pioner", "wksbm", "wanita_pemimpin_kesos", "penyuluh_sosial", "tksk",
    "dunia_usaha",
)  # fmt: skip
LAYANAN = (
    "permakanan", "sandang", "alat_bantu", "perbekalan_kesehatan", "bimbingan_sosial",
    "bimbingan_keluarga", "fasilitasi_adminduk", "akses_layanan_dasar", "penelusuran_keluarga",
    "reunifikasi", "rujukan", "tempat_tinggal_sementara", "pengasuhan", "pelatihan_keterampilan",
    "bansos_keluarga", "bantuan_usaha", "tempat_penampungan", "dukungan_psikososial", "santunan",
)  # fmt: skip
FOKUS = ("permakanan", "pengasuhan", "pelatihan_keterampilan", "bansos_keluarga", "bantuan_usaha")
TAHUN = (2024, 2025, 2026)
AWAL = dt.date(2023, 1, 1)


class Pembuat:
    def __init__(self, rng: random.Random, hari_ini: dt.date, dtsen: bool = False):
        self.rng = rng
        # DTSEN worlds: IKU-3B amended with the section-6 options; KK numbers vary per DTKS.
        self.dtsen = dtsen
        self.akhir = min(hari_ini, dt.date(2026, 11, 30))
        self.k = settings.KINERJA_KODE_WILAYAH
        wil = Wilayah.objects.in_kabkota(self.k)
        self.kelurahan = list(wil.kelurahan().values_list("kode", flat=True))
        self.kecamatan = list(wil.kecamatan().values_list("kode", flat=True))
        ends = [dt.date(y, m, d) for y in TAHUN for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
        self.tepi = [e for e in ends if e <= self.akhir]
        self.tepi += [e + dt.timedelta(days=1) for e in self.tepi]
        self.tepi += [dt.date(y, 1, 1) for y in TAHUN] + [dt.date(y - 1, 12, 31) for y in TAHUN]
        self.tepi = [t for t in self.tepi if AWAL <= t <= self.akhir]
        self.ulang_tahun = [
            dt.date(e.year - n, e.month, e.day) + dt.timedelta(days=s)
            for e in ends
            for n in (6, 19, 60)
            for s in (0, 1)
        ] + [dt.date(2008, 2, 29), dt.date(2012, 2, 29), dt.date(1964, 2, 29)]
        self.serial = 0

    # -- values -------------------------------------------------------------------------------
    def tanggal(self, lo: dt.date = AWAL, hi: dt.date | None = None) -> dt.date:
        hi = hi or self.akhir
        if lo > hi:
            return hi
        edges = [t for t in self.tepi if lo <= t <= hi]
        if edges and self.rng.random() < 0.3:
            return self.rng.choice(edges)
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def selesai(self, daftar: dt.date) -> dt.date | None:
        if self.rng.random() < 0.5:
            return None
        return min(self.akhir, daftar + dt.timedelta(days=self.rng.choice((0, 1, 90, 400, 800))))

    def lahir(self) -> dt.date:
        r = self.rng.random()
        if r < 0.15:
            return self.rng.choice(self.ulang_tahun)
        if r < 0.45:
            return self.tanggal(dt.date(2003, 1, 1), dt.date(2022, 12, 31))
        return self.tanggal(dt.date(1935, 1, 1), self.akhir)

    def nik(self, lahir: dt.date, jk: str) -> str:
        """A valid NIK (contract section 1) encoding `lahir` and `jk`; birth years 1935 onwards
        decode to the same century."""
        self.serial += 1
        day = lahir.day + (40 if jk == "P" else 0)
        kec = self.rng.randint(1, 5)
        return f"6372{kec:02d}{day:02d}{lahir:%m%y}{self.serial:04d}"

    # -- rows ---------------------------------------------------------------------------------
    def orang(self, n: int) -> list[Orang]:
        rows = []
        for i in range(n):
            kel = None if self.rng.random() < 0.1 else self.rng.choice(self.kelurahan)
            lahir, jk = self.lahir(), self.rng.choice("LP")
            o = Orang(nama=f"Warga {i}", kelurahan_id=kel, no_kk=f"{6372 + i % 40:016d}")
            if self.rng.random() < 0.7:
                o.nik = self.nik(lahir, jk)
                # The importer fills sex and birth date from the NIK; a different value is flagged.
                o.tanggal_lahir = lahir if self.rng.random() < 0.9 else self.lahir()
                o.jenis_kelamin = jk if self.rng.random() < 0.95 else "LP".replace(jk, "")
                o.nik_tidak_cocok = (o.tanggal_lahir, o.jenis_kelamin) != (lahir, jk)
            else:
                o.id_lokal = f"ID-{i}"
                o.tanggal_lahir = None if self.rng.random() < 0.3 else lahir
                o.jenis_kelamin = "" if self.rng.random() < 0.25 else jk
            rows.append(o)
        return Orang.objects.bulk_create(rows)

    def ppks(self, people: list[Orang]) -> list[Ppks]:
        rows = {}
        for o in people:
            if self.rng.random() < 0.4:
                continue
            for _ in range(self.rng.choice((1, 1, 2, 3))):
                r = self.rng.random()
                jenis = self.rng.choice(LINGKUP if r < 0.6 else PPKS)
                jenis = "anak_telantar" if 0.6 <= r < 0.75 else jenis
                daftar = self.tanggal()
                lokasi = "luar_panti" if self.rng.random() < 0.75 else "dalam_panti"
                rows[(o.pk, jenis, daftar)] = Ppks(
                    orang=o, jenis_id=jenis, tanggal_daftar=daftar,
                    tanggal_selesai=self.selesai(daftar), lokasi=lokasi,
                )  # fmt: skip
        return Ppks.objects.bulk_create(rows.values())

    def layanan(
        self, people: list[Orang], regs: list[Ppks], events: dict[Bencana, list[Korban]]
    ) -> None:
        rows: dict = {}

        def add(o, jenis, tanggal, bencana=None, program=""):
            if tanggal <= self.akhir:
                key = (o.pk, jenis, tanggal, program, bencana.pk if bencana else 0)
                rows[key] = Layanan(
                    orang=o, jenis_id=jenis, tanggal=tanggal, program=program, bencana=bencana
                )

        def jenis():
            return self.rng.choice(FOKUS if self.rng.random() < 0.4 else LAYANAN)

        for o in people:
            for _ in range(self.rng.choice((0, 1, 2, 3, 5))):
                program = self.rng.choice(("", "", "PKH", "APBD"))
                event = (
                    self.rng.choice(list(events)) if events and self.rng.random() < 0.1 else None
                )
                add(o, jenis(), self.tanggal(), event, program)
        for r in regs:  # services at the edges of a registration
            for edge in (r.tanggal_daftar, r.tanggal_selesai):
                if edge is not None and self.rng.random() < 0.5:
                    shift = dt.timedelta(days=self.rng.choice((-1, 0, 0, 1)))
                    add(r.orang, jenis(), edge + shift)
        for e, victims in events.items():
            for k in victims:
                for _ in range(self.rng.choice((0, 1, 1, 2))):
                    shift = dt.timedelta(days=self.rng.choice((-3, -1, 0, 0, 5, 40, 200)))
                    add(k.orang, self.rng.choice(LAYANAN), e.tanggal_kejadian + shift, e)
        Layanan.objects.bulk_create(rows.values())

    def psks(self) -> None:
        units = []
        for i in range(self.rng.randint(15, 40)):
            daftar = self.tanggal()
            units.append(
                Psks(
                    kode_psks=f"PSKS-{i}",
                    jenis_id=self.rng.choice(PSKS),
                    bentuk=self.rng.choice(("orang", "lembaga")),
                    nama=f"Unit {i}",
                    kelurahan_id=None
                    if self.rng.random() < 0.1
                    else self.rng.choice(self.kelurahan),
                    tanggal_daftar=daftar,
                    tanggal_selesai=self.selesai(daftar),
                )  # fmt: skip
            )
        units = Psks.objects.bulk_create(units)
        kegiatan = KegiatanPelatihan.objects.bulk_create(
            KegiatanPelatihan(kode_kegiatan=f"K{i}") for i in range(6)
        )
        rows = []
        for p in units:
            for kg in self.rng.sample(kegiatan, self.rng.choice((0, 1, 1, 2, 3))):
                rows.append(Pelatihan(kegiatan=kg, psks=p, tanggal=self.tanggal()))
        Pelatihan.objects.bulk_create(rows)

    def dtks(self, people: list[Orang]) -> None:
        months = {self.tanggal(dt.date(2023, 6, 1)).replace(day=1) for _ in range(4)}
        with_nik = [o for o in people if o.nik]
        for month in sorted(months)[: self.rng.choice((0, 1, 2, 3, 4, 4))]:
            periode = DtksPeriode.objects.create(periode=month)
            members = self.rng.sample(with_nik, len(with_nik) * self.rng.randint(2, 6) // 10)
            DtksAnggota.objects.bulk_create(
                DtksAnggota(
                    periode=periode,
                    orang=o,
                    nik=o.nik,
                    no_kk=self.kk(o),
                    desil=self.rng.choice((None, 1, 2, 4, 7, 10)),
                )  # fmt: skip
                for o in members
            )

    def kk(self, o: Orang) -> str:
        """The person's KK in one DTKS: in DTSEN worlds now and then another (a household split)."""
        if self.dtsen and self.rng.random() < 0.25:
            return f"{6372 + self.rng.randrange(40):016d}"
        return o.no_kk or ""

    def bencana(self, people: list[Orang]) -> dict[Bencana, list[Korban]]:
        events = {}
        for i in range(self.rng.randint(0, 5)):
            region = self.rng.choice(self.kelurahan if self.rng.random() < 0.6 else self.kecamatan)
            e = Bencana.objects.create(
                kode_kejadian=f"BC-{i}", jenis=self.rng.choice(("alam", "sosial")),
                tanggal_kejadian=self.tanggal(dt.date(2024, 1, 1)), wilayah_id=region,
            )  # fmt: skip
            victims = self.rng.sample(people, self.rng.randint(1, 15))
            events[e] = Korban.objects.bulk_create(
                Korban(bencana=e, orang=o, kondisi=self.rng.choice(("", "luka", "terdampak")))
                for o in victims
            )
        return events

    def luar(self) -> None:
        """A few rows of another kab/kota sharing the database: never counted here."""
        other = "63.71"
        o = Orang.objects.create(kode_kabkota=other, nama="Luar", id_lokal="X-1")
        d = dt.date(2025, 2, 1)
        Ppks.objects.create(kode_kabkota=other, orang=o, jenis_id="anak_telantar", tanggal_daftar=d)
        Layanan.objects.create(kode_kabkota=other, orang=o, jenis_id="pengasuhan", tanggal=d)
        Psks.objects.create(
            kode_kabkota=other, kode_psks="X", jenis_id="lks", bentuk="lembaga", nama="X",
            tanggal_daftar=d,
        )  # fmt: skip

    def katalog(self):
        """Sometimes amend the catalogue mid-way: returns `aturan_pada(end of W) -> Aturan`."""
        v1 = Aturan()
        if self.dtsen:
            return self.katalog_dtsen(v1)
        if self.rng.random() < 0.6:
            return lambda akhir: v1
        base = Keputusan.objects.get(kode_wilayah=self.k, versi=1)
        mulai = self.tanggal(dt.date(2024, 1, 2), dt.date(2026, 12, 31))
        v2 = keputusan_amend(
            base=base, nomor="acak", tanggal_ditetapkan=mulai, berlaku_mulai=mulai, catatan="uji",
            changes={},
        )  # fmt: skip
        lokasi = self.rng.choice((None, "luar_panti"))
        umur = self.rng.choice(((6, 18), (7, 17)))
        defs = Definisi.objects.filter(indikator__keputusan=v2)
        defs.filter(indikator__kode="IKU-2").update(lokasi=lokasi or "")
        defs.filter(indikator__kode="IKU-3A").update(umur_min=umur[0], umur_maks=umur[1])
        rules = Aturan(iku2_lokasi=lokasi, iku3a_umur=umur)
        return lambda akhir: rules if akhir >= mulai else v1

    def katalog_dtsen(self, v1: Aturan):
        """Always amend, through the service, with random DTSEN options on IKU-3B (section 6)."""
        base = Keputusan.objects.get(kode_wilayah=self.k, versi=1)
        mulai = self.tanggal(dt.date(2024, 1, 2), dt.date(2026, 12, 31))
        desil = self.rng.choice((None, 1, 2, 4, 7))
        per_kk = self.rng.random() < 0.7 or desil is None
        keputusan_amend(
            base=base, nomor="acak-dtsen", tanggal_ditetapkan=mulai, berlaku_mulai=mulai,
            catatan="uji", changes={},
            definisi_changes={"IKU-3B": {"desil_maks": desil, "bansos_per_keluarga": per_kk}},
        )  # fmt: skip
        rules = Aturan(iku3b_desil_maks=desil, iku3b_per_kk=per_kk)
        return lambda akhir: rules if akhir >= mulai else v1

    def dunia(self):
        people = self.orang(self.rng.randint(120, 250))
        regs = self.ppks(people)
        events = self.bencana(people)
        self.layanan(people, regs, events)
        self.psks()
        self.dtks(people)
        self.luar()
        return self.katalog()
