"""A realistic, deterministic Banjarbaru-sized demo dataset for 2021-2025, written as import files.

The files follow the data contract exactly, so `kinerja demo` loads them through the same import code
path a Bidang clerk uses. Sizes scale with `scale` (1.0: thousands of PPKS, hundreds of PSKS, tens of
thousands of DTKS members, disasters with victims).
"""

import csv
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

KECAMATAN_KELURAHAN = {
    "02": ["1003", "1004", "1005", "1006"],
    "03": ["1001", "1002", "1003", "1004"],
    "04": ["1001", "1002", "1003", "1004"],
    "05": ["1001", "1002", "1003", "1004"],
    "06": ["1001", "1002", "1003", "1004"],
}
KELURAHAN = [f"63.72.{kec}.{kel}" for kec, kels in KECAMATAN_KELURAHAN.items() for kel in kels]
FIRST = 2021
LAST = 2025
IMPORT_ORDER = [
    "psks", "pelatihan", "bencana", "ppks", "dtks", "layanan", "korban", "target", "anggaran",
]  # fmt: skip

NAMA_DEPAN_L = "Ahmad Muhammad Rizky Budi Agus Hendra Rahmat Fauzi Arif Yusuf Ilham Taufik Gusti Anang Iwan Fajar".split()
NAMA_DEPAN_P = "Siti Nur Dewi Rina Fitri Aisyah Rahmah Putri Ayu Lina Mariam Hj.Aminah Wulan Sari Nadia Intan".split()
NAMA_BELAKANG = "Rahman Hidayat Saputra Anwar Maulana Hasan Fadillah Kurniawan Wijaya Santoso Noor Syahrani Ansyari Effendi Arsyad Hamdani".split()

SCOPE_IKU2 = [
    "penyandang_disabilitas",
    "anak_telantar",
    "lanjut_usia_telantar",
    "gelandangan",
    "pengemis",
]
OTHER_PPKS = [
    "fakir_miskin", "anak_jalanan", "anak_disabilitas", "korban_kekerasan", "perempuan_rawan_sosial_ekonomi",
    "pemulung", "odha", "korban_napza", "anak_balita_telantar", "bekas_warga_binaan",
]  # fmt: skip
LAYANAN_DASAR = [
    "permakanan", "sandang", "alat_bantu", "perbekalan_kesehatan", "bimbingan_sosial",
    "bimbingan_keluarga", "fasilitasi_adminduk", "akses_layanan_dasar", "penelusuran_keluarga",
    "reunifikasi", "rujukan", "tempat_tinggal_sementara",
]  # fmt: skip
JENIS_PSKS = [
    ("pekerja_sosial_profesional", "orang"), ("pekerja_sosial_masyarakat", "orang"),
    ("tagana", "orang"), ("lks", "lembaga"), ("karang_taruna", "lembaga"), ("lk3", "lembaga"),
    ("keluarga_pioner", "orang"), ("wksbm", "lembaga"), ("wanita_pemimpin_kesos", "orang"),
    ("penyuluh_sosial", "orang"), ("tksk", "orang"), ("dunia_usaha", "lembaga"),
]  # fmt: skip
BENCANA = [
    ("alam", "banjir"), ("alam", "kebakaran hutan dan lahan"), ("alam", "angin puting beliung"),
    ("sosial", "kebakaran permukiman"), ("sosial", "konflik sosial"), ("alam", "tanah longsor"),
]  # fmt: skip


@dataclass
class Person:
    nik: str | None
    id_lokal: str | None
    nama: str
    jk: str
    lahir: dt.date
    no_kk: str
    kelurahan: str


@dataclass
class DemoFiles:
    paths: dict[str, Path] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


class _Generator:
    def __init__(self, seed: int, scale: float) -> None:
        self.r = random.Random(seed)
        self.scale = scale
        self.used_nik: set[str] = set()
        self.serial = 0

    def n(self, base: int) -> int:
        return max(1, int(base * self.scale))

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.r.randint(0, (end - start).days))

    def nik(self, kelurahan: str, jk: str, lahir: dt.date) -> str:
        kec = kelurahan.split(".")[2]
        day = lahir.day + (40 if jk == "P" else 0)
        while True:
            self.serial += 1
            serial = self.serial % 9999 + 1
            nik = f"6372{kec}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}{serial:04d}"
            if nik not in self.used_nik:
                self.used_nik.add(nik)
                return nik

    def kk(self, kelurahan: str) -> str:
        kec = kelurahan.split(".")[2]
        return f"6372{kec}{self.r.randint(10**9, 10**10 - 1)}"

    def person(
        self, *, min_age: int, max_age: int, with_nik: bool = True, kelurahan: str | None = None
    ) -> Person:
        jk = self.r.choice("LP")
        kel = kelurahan or self.r.choice(KELURAHAN)
        ref = dt.date(2025, 6, 30)
        lahir = self.date_between(
            dt.date(ref.year - max_age - 1, ref.month, 1), dt.date(ref.year - min_age, ref.month, 1)
        )
        depan = self.r.choice(NAMA_DEPAN_L if jk == "L" else NAMA_DEPAN_P)
        nama = f"{depan} {self.r.choice(NAMA_BELAKANG)}"
        if with_nik:
            return Person(self.nik(kel, jk, lahir), None, nama, jk, lahir, self.kk(kel), kel)
        self.serial += 1
        return Person(None, f"DINSOS-{self.serial:06d}", nama, jk, lahir, "", kel)


def _write(
    path: Path, header: list[str], rows: Sequence[Sequence[object]], delimiter: str = ","
) -> int:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def _identity(p: Person) -> list[object]:
    return [p.nik or "", p.id_lokal or "", p.nama, p.jk, p.lahir.isoformat(), p.no_kk, p.kelurahan]


IDENTITY = ["nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kode_wilayah"]


def generate_demo_files(out_dir: Path, *, seed: int = 2025, scale: float = 1.0) -> DemoFiles:
    """Write one CSV per registry kind into `out_dir`; return their paths and row counts."""
    g = _Generator(seed, scale)
    r = g.r
    out_dir.mkdir(parents=True, exist_ok=True)
    files = DemoFiles()
    today = dt.date(LAST, 12, 31)

    def emit(kind: str, header: list[str], rows: Sequence[Sequence[object]]) -> None:
        path = out_dir / f"{kind}.csv"
        files.paths[kind] = path
        files.rows[kind] = _write(path, header, rows)

    # PSKS units and their training.
    psks_rows, psks_codes = [], []
    for i in range(g.n(420)):
        jenis, bentuk = JENIS_PSKS[i % len(JENIS_PSKS)]
        kel = r.choice(KELURAHAN)
        daftar = g.date_between(dt.date(2015, 1, 1), dt.date(LAST, 9, 30))
        selesai = g.date_between(daftar, today) if r.random() < 0.12 else None
        kode = f"PSKS-{i + 1:04d}"
        if bentuk == "orang":
            p = g.person(min_age=22, max_age=60, kelurahan=kel)
            nama, nik = p.nama, p.nik
        else:
            nama, nik = f"{jenis.replace('_', ' ').upper()} {kel[-4:]}-{i + 1}", ""
        psks_rows.append(
            [
                kode,
                jenis,
                bentuk,
                nama,
                nik,
                kel,
                daftar.isoformat(),
                selesai.isoformat() if selesai else "",
            ]
        )
        psks_codes.append((kode, daftar))
    emit(
        "psks",
        [
            "kode_psks",
            "jenis_psks",
            "bentuk",
            "nama",
            "nik",
            "kode_wilayah",
            "tanggal_daftar",
            "tanggal_selesai",
        ],
        psks_rows,
    )
    pel_rows = []
    for year in range(FIRST, LAST + 1):
        active = [(k, d) for k, d in psks_codes if d.year <= year]
        kegiatan = [
            (
                f"BIMTEK-{year}-{k + 1:02d}",
                g.date_between(dt.date(year, 2, 1), dt.date(year, 11, 30)),
            )
            for k in range(g.n(8))
        ]
        for kode, daftar in active:
            if r.random() < 0.55:
                kode_keg, tanggal = r.choice(kegiatan)
                if daftar <= tanggal:
                    nama_keg = f"Bimbingan teknis PSKS {year} angkatan {kode_keg[-2:]}"
                    pel_rows.append([kode_keg, nama_keg, tanggal.strftime("%d/%m/%Y"), kode])
    emit("pelatihan", ["kode_kegiatan", "nama_kegiatan", "tanggal", "kode_psks"], pel_rows)

    # Disasters.
    bencana_rows, events = [], []
    for i in range(g.n(40)):
        jenis, sub = r.choice(BENCANA)
        tanggal = g.date_between(dt.date(FIRST, 1, 5), dt.date(LAST, 11, 30))
        wilayah = (
            r.choice(KELURAHAN)
            if r.random() < 0.85
            else ".".join(r.choice(KELURAHAN).split(".")[:3])
        )
        selesai_td = tanggal + dt.timedelta(days=r.randint(3, 14))
        kode = f"BNC-{tanggal.year}-{i + 1:03d}"
        bencana_rows.append(
            [
                kode,
                jenis,
                sub,
                tanggal.isoformat(),
                wilayah.replace(".", "") if i % 3 == 0 else wilayah,
                tanggal.isoformat(),
                selesai_td.isoformat(),
            ]
        )
        events.append((kode, tanggal, wilayah))
    emit(
        "bencana",
        [
            "kode_kejadian",
            "jenis",
            "sub_jenis",
            "tanggal_kejadian",
            "kode_wilayah",
            "mulai_tanggap_darurat",
            "selesai_tanggap_darurat",
        ],
        bencana_rows,
    )

    # PPKS registrations, and the basic-needs / child services that follow them.
    ppks_rows, layanan_rows = [], []
    registered: list[tuple[Person, str, dt.date, dt.date | None, str]] = []
    for _ in range(g.n(3200)):
        jenis = r.choice(SCOPE_IKU2) if r.random() < 0.7 else r.choice(OTHER_PPKS)
        if jenis == "anak_telantar":
            p = g.person(min_age=4, max_age=18)
        elif jenis == "lanjut_usia_telantar":
            p = g.person(min_age=60, max_age=90)
        elif jenis in ("gelandangan", "pengemis"):
            p = g.person(min_age=15, max_age=70, with_nik=r.random() < 0.4)
        else:
            p = g.person(min_age=5, max_age=75)
        daftar = g.date_between(dt.date(2019, 1, 1), dt.date(LAST, 10, 31))
        selesai = g.date_between(daftar, today) if r.random() < 0.3 else None
        lokasi = "dalam_panti" if r.random() < 0.1 else "luar_panti"
        ppks_rows.append(
            [
                *_identity(p),
                jenis,
                daftar.isoformat(),
                selesai.isoformat() if selesai else "",
                lokasi,
            ]
        )
        registered.append((p, jenis, daftar, selesai, lokasi))
    emit(
        "ppks", [*IDENTITY, "jenis_ppks", "tanggal_daftar", "tanggal_selesai", "lokasi"], ppks_rows
    )

    for p, jenis, daftar, selesai, _lokasi in registered:
        end = selesai or today
        for year in range(max(daftar.year, FIRST), min(end.year, LAST) + 1):
            start = max(daftar, dt.date(year, 1, 1))
            stop = min(end, dt.date(year, 12, 31))
            if r.random() > 0.82:
                continue
            for _ in range(r.choice([1, 1, 2, 3])):
                kind = r.choice(LAYANAN_DASAR)
                if jenis == "anak_telantar" and r.random() < 0.7:
                    kind = r.choice(["pengasuhan", "pengasuhan", "pelatihan_keterampilan"])
                layanan_rows.append(
                    [
                        *_identity(p),
                        kind,
                        g.date_between(start, stop).isoformat(),
                        "Rehabilitasi Sosial Dasar",
                        r.choice(["", "150000", "Rp 250.000"]),
                        "APBD",
                        "",
                        "",
                    ]
                )

    # DTKS extracts and social assistance to their members.
    members = [g.person(min_age=18, max_age=80) for _ in range(g.n(9000))]
    dtks_rows = []
    periods = [(y, 1) for y in range(FIRST, LAST + 1)] + [(LAST, 7)]
    for y, m in periods:
        for p in members:
            if r.random() < 0.88:
                dtks_rows.append([f"{y}-{m:02d}", *_identity(p), r.randint(1, 4)])
    emit("dtks", ["periode", *IDENTITY, "desil"], dtks_rows)
    for p in members:
        for year in range(FIRST, LAST + 1):
            if r.random() < 0.6:
                tanggal = g.date_between(dt.date(year, 1, 1), dt.date(year, 12, 15))
                kind = r.choice(["bansos_keluarga", "bansos_keluarga", "bantuan_usaha"])
                layanan_rows.append(
                    [
                        *_identity(p),
                        kind,
                        tanggal.isoformat(),
                        "Bantuan Sosial Kota",
                        "Rp 1.500.000",
                        r.choice(["APBD", "APBN"]),
                        "",
                        "",
                    ]
                )

    # Victims and the aid they received for their event.
    korban_rows = []
    for kode, tanggal, wilayah in events:
        kel_korban = wilayah if wilayah.count(".") == 3 else None
        for _ in range(r.randint(int(10 * scale) + 5, int(90 * scale) + 10)):
            p = g.person(min_age=0, max_age=85, with_nik=r.random() < 0.9, kelurahan=kel_korban)
            korban_rows.append(
                [
                    kode,
                    *_identity(p),
                    r.choice(["terdampak", "terdampak", "mengungsi", "luka", "meninggal"]),
                ]
            )
            if r.random() < 0.8:
                aid_date = g.date_between(tanggal, min(tanggal + dt.timedelta(days=45), today))
                kind = r.choice(
                    [
                        "tempat_penampungan",
                        "dukungan_psikososial",
                        "santunan",
                        "permakanan",
                        "sandang",
                    ]
                )
                layanan_rows.append(
                    [
                        *_identity(p),
                        kind,
                        aid_date.isoformat(),
                        "Tanggap Darurat Bencana",
                        "",
                        "APBD",
                        kode,
                        "",
                    ]
                )
    emit("korban", ["kode_kejadian", *IDENTITY, "kondisi"], korban_rows)
    emit(
        "layanan",
        [
            *IDENTITY,
            "jenis_layanan",
            "tanggal",
            "program",
            "nilai_rp",
            "sumber_dana",
            "kode_kejadian",
            "keterangan",
        ],
        layanan_rows,
    )
    emit("target", ["indikator", "tahun", "triwulan", "jenis", "target"], _targets())
    emit(
        "anggaran",
        [
            "tahun",
            "kode_program",
            "nama_program",
            "kode_kegiatan",
            "nama_kegiatan",
            "kode_sub_kegiatan",
            "nama_sub_kegiatan",
            "indikator",
            "pagu",
            "realisasi",
        ],
        _anggaran(r),
    )
    return files


# Renstra 2021-2026 targets per IKU (first and last year; linear in between) and PK targets by quarter.
TARGET_RANGE = {
    "IKU-1": (35, 60),
    "IKU-2": (55, 80),
    "IKU-3A": (50, 75),
    "IKU-3B": (40, 60),
    "IKU-4": (70, 95),
}
QUARTER_SHARE = {1: Decimal("0.40"), 2: Decimal("0.65"), 3: Decimal("0.85"), 4: Decimal("1")}


def _targets() -> list[list[object]]:
    rows: list[list[object]] = []
    for kode, (first, last) in TARGET_RANGE.items():
        for i, year in enumerate(range(FIRST, 2027)):
            renstra = Decimal(first) + (Decimal(last - first) * i / 5)
            rows.append([kode, year, "", "renstra", f"{renstra:.2f}".replace(".", ",")])
            if year > LAST:
                continue
            rows.append([kode, year, "", "pk", f"{renstra:.2f}"])
            for q, share in QUARTER_SHARE.items():
                rows.append([kode, year, q, "pk", f"{renstra * share:.2f}"])
    return rows


PROGRAMS = [
    (
        "1.06.02",
        "PROGRAM PEMBERDAYAAN SOSIAL",
        "1.06.02.2.01",
        "Pemberdayaan Potensi Sumber Kesejahteraan Sosial",
        "IKU-1",
        850_000_000,
    ),
    (
        "1.06.04",
        "PROGRAM REHABILITASI SOSIAL",
        "1.06.04.2.01",
        "Rehabilitasi Sosial Dasar Penyandang Disabilitas, Anak, Lanjut Usia Terlantar, Gelandangan Pengemis di Luar Panti",
        "IKU-2",
        2_400_000_000,
    ),
    (
        "1.06.05",
        "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
        "1.06.05.2.01",
        "Pemeliharaan Anak-Anak Terlantar",
        "IKU-3A",
        900_000_000,
    ),
    (
        "1.06.05",
        "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
        "1.06.05.2.02",
        "Pengelolaan Data Fakir Miskin dan Bantuan Sosial",
        "IKU-3B",
        3_100_000_000,
    ),
    (
        "1.06.06",
        "PROGRAM PENANGANAN BENCANA",
        "1.06.06.2.01",
        "Perlindungan Sosial Korban Bencana Alam dan Sosial",
        "IKU-4",
        1_200_000_000,
    ),
]


def _anggaran(r: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for year in range(FIRST, LAST + 1):
        for kode_p, nama_p, kode_k, nama_k, iku, base in PROGRAMS:
            pagu = int(base * (1 + 0.06 * (year - FIRST)) // 1000 * 1000)
            realisasi = int(pagu * r.uniform(0.82, 0.98) // 1000 * 1000)
            sub = f"{kode_k}.0001"
            rows.append(
                [
                    year,
                    kode_p,
                    nama_p,
                    kode_k,
                    nama_k,
                    sub,
                    f"Sub kegiatan {nama_k.lower()}",
                    iku,
                    f"Rp {pagu:,}".replace(",", "."),
                    str(realisasi),
                ]
            )
    return rows
