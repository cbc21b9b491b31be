"""Benchmark of the IKU engine: the full figure set of a year on SQLite, PostgreSQL and DuckDB.

    .venv/bin/python bench/compute_bench.py --scale 1 --scale 10 [--db sqlite --db postgres]

Generates Banjarbaru-sized registries (x1: 100,000 people, 300,000 services, 15,000 PPKS
registrations, 600 PSKS and 2,000 trainings, 2 DTKS periods of 30,000, 40 disasters x 5,000
victims; x10 ten times that) straight into the database (COPY / executemany, not the importer),
writes the same rows to Parquet, then times `compute_year` (5 IKU x Q1..Q4+year x 26 regions x 2
readings = 1,300 figures) on each database and the very same SQL on DuckDB over the Parquet files,
and checks that every figure agrees. Results go to bench/out/ (gitignored).
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PG_HOST = "postgres://postgres@127.0.0.1:5432"
PG_DB = "kinerja_cbench"
YEAR = 2025
K = "63.72"
KELURAHAN = [
    "63.72.02.1003", "63.72.02.1004", "63.72.02.1005", "63.72.02.1006", "63.72.03.1001",
    "63.72.03.1002", "63.72.03.1003", "63.72.03.1004", "63.72.04.1001", "63.72.04.1002",
    "63.72.04.1003", "63.72.04.1004", "63.72.05.1001", "63.72.05.1002", "63.72.05.1003",
    "63.72.05.1004", "63.72.06.1001", "63.72.06.1002", "63.72.06.1003", "63.72.06.1004",
]  # fmt: skip
KECAMATAN = ["63.72.02", "63.72.03", "63.72.04", "63.72.05", "63.72.06"]
PPKS_TYPES = (
    ["penyandang_disabilitas"] * 4 + ["anak_telantar"] * 5 + ["lanjut_usia_telantar"] * 4
    + ["gelandangan"] * 2 + ["pengemis"] * 2 + ["pemulung", "fakir_miskin", "korban_kekerasan"]
)  # fmt: skip
PSKS_TYPES = [
    "pekerja_sosial_profesional", "pekerja_sosial_masyarakat", "tagana", "lks", "karang_taruna",
    "lk3", "keluarga_pioner", "wksbm", "wanita_pemimpin_kesos", "penyuluh_sosial", "tksk",
    "dunia_usaha",
]  # fmt: skip
DASAR = [
    "permakanan", "sandang", "alat_bantu", "perbekalan_kesehatan", "bimbingan_sosial",
    "bimbingan_keluarga", "fasilitasi_adminduk", "akses_layanan_dasar", "penelusuran_keluarga",
    "reunifikasi", "rujukan", "tempat_tinggal_sementara",
]  # fmt: skip
BENCANA_AID = ["tempat_penampungan", "dukungan_psikososial", "santunan", "permakanan"]
NOW = dt.datetime(2025, 12, 31, 12, 0, tzinfo=dt.UTC)

# table -> columns written (every NOT NULL column, then the data)
COLUMNS = {
    "registries_orang": [
        "id", "kode_kabkota", "created_at", "updated_at", "nik", "id_lokal", "nama",
        "jenis_kelamin", "tanggal_lahir", "no_kk", "kelurahan_id", "nik_tidak_cocok", "peringatan",
    ],
    "registries_ppks": [
        "id", "kode_kabkota", "created_at", "updated_at", "orang_id", "jenis_id",
        "tanggal_daftar", "tanggal_selesai", "lokasi",
    ],
    "registries_psks": [
        "id", "kode_kabkota", "created_at", "updated_at", "kode_psks", "jenis_id", "bentuk", "nama",
        "nik", "kelurahan_id", "tanggal_daftar", "tanggal_selesai",
    ],
    "registries_kegiatanpelatihan": [
        "id", "kode_kabkota", "created_at", "updated_at", "kode_kegiatan", "nama_kegiatan",
    ],
    "registries_pelatihan": [
        "id", "kode_kabkota", "created_at", "updated_at", "kegiatan_id", "psks_id", "tanggal",
    ],
    "registries_dtksperiode": ["id", "kode_kabkota", "created_at", "updated_at", "periode"],
    "registries_dtksanggota": [
        "id", "kode_kabkota", "created_at", "updated_at", "periode_id", "orang_id", "nik", "no_kk",
        "desil",
    ],
    "registries_bencana": [
        "id", "kode_kabkota", "created_at", "updated_at", "kode_kejadian", "jenis", "sub_jenis",
        "tanggal_kejadian", "wilayah_id",
    ],
    "registries_korban": [
        "id", "kode_kabkota", "created_at", "updated_at", "bencana_id", "orang_id", "kondisi",
    ],
    "registries_layanan": [
        "id", "kode_kabkota", "created_at", "updated_at", "orang_id", "jenis_id", "tanggal",
        "program", "sumber_dana", "bencana_id", "keterangan",
    ],
}  # fmt: skip


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def generate(scale: int) -> dict[str, list[tuple]]:
    """Deterministic registries for `scale` x Banjarbaru."""
    rng = random.Random(20250000 + scale)
    meta = (K, NOW, NOW)
    n_people = 100_000 * scale
    t: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    for i in range(1, n_people + 1):
        lahir = (
            None if rng.random() < 0.02 else _date(rng, dt.date(1935, 1, 1), dt.date(2024, 12, 31))
        )
        kel = None if rng.random() < 0.01 else rng.choice(KELURAHAN)
        has_nik = rng.random() < 0.9
        t["registries_orang"].append(
            (i, *meta, f"63{i:014d}" if has_nik else None, None if has_nik else f"L{i}",
             f"Orang {i % 50_000}", rng.choice("LLPP ").strip(), lahir, "", kel,
             rng.random() < 0.01, "")
        )  # fmt: skip
    # PPKS: 15,000 registrations per x1 over ~12,000 people
    ppks_people = rng.sample(range(1, n_people + 1), 12_000 * scale)
    seen = set()
    for i in range(1, 15_000 * scale + 1):
        o = ppks_people[i % len(ppks_people)] if i > len(ppks_people) else ppks_people[i - 1]
        jenis = rng.choice(PPKS_TYPES)
        daftar = _date(rng, dt.date(2019, 1, 1), dt.date(2025, 11, 30))
        if (o, jenis, daftar) in seen:
            continue
        seen.add((o, jenis, daftar))
        selesai = _date(rng, daftar, dt.date(2025, 12, 31)) if rng.random() < 0.3 else None
        lokasi = "dalam_panti" if rng.random() < 0.1 else "luar_panti"
        t["registries_ppks"].append((i, *meta, o, jenis, daftar, selesai, lokasi))
    # PSKS and trainings
    n_psks = 600 * scale
    for i in range(1, n_psks + 1):
        daftar = _date(rng, dt.date(2015, 1, 1), dt.date(2025, 10, 31))
        selesai = _date(rng, daftar, dt.date(2025, 12, 31)) if rng.random() < 0.2 else None
        kel = None if rng.random() < 0.02 else rng.choice(KELURAHAN)
        t["registries_psks"].append(
            (i, *meta, f"P{i}", rng.choice(PSKS_TYPES), "orang", f"PSKS {i}", "", kel, daftar, selesai)
        )  # fmt: skip
    n_keg = 50 * scale
    for i in range(1, n_keg + 1):
        t["registries_kegiatanpelatihan"].append((i, *meta, f"K{i}", f"Kegiatan {i}"))
    pairs = set()
    while len(pairs) < 2_000 * scale:
        pairs.add((rng.randint(1, n_keg), rng.randint(1, n_psks)))
    for i, (keg, p) in enumerate(sorted(pairs), start=1):
        tanggal = _date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        t["registries_pelatihan"].append((i, *meta, keg, p, tanggal))
    # DTKS: 2 periods x 30,000 (most members in both)
    t["registries_dtksperiode"] += [
        (1, *meta, dt.date(2025, 3, 1)),
        (2, *meta, dt.date(2025, 9, 1)),
    ]
    poor = rng.sample(range(1, n_people + 1), 36_000 * scale)
    aid = 0
    for pid, members in ((1, poor[: 30_000 * scale]), (2, poor[6_000 * scale :])):
        for o in members:
            aid += 1
            t["registries_dtksanggota"].append(
                (aid, *meta, pid, o, f"63{o:014d}", "6" * 16, rng.randint(1, 10))
            )
    # Disasters: 40 events x 5,000 victims
    for i in range(1, 41):
        wil = rng.choice(KECAMATAN) if i % 5 == 0 else rng.choice(KELURAHAN)
        tanggal = _date(rng, dt.date(2024, 6, 1), dt.date(2025, 12, 15))
        t["registries_bencana"].append((i, *meta, f"BNC-{i}", "alam", "", tanggal, wil))
    kid = 0
    victims = []
    for b in range(1, 41):
        for o in rng.sample(range(1, n_people + 1), 5_000 * scale):
            kid += 1
            t["registries_korban"].append((kid, *meta, b, o, "terdampak"))
            victims.append((b, o))
    # Services: 300,000 per x1 -> basic needs (biased to PPKS people), care, aid, disaster aid
    bencana_date = {row[0]: row[7] for row in t["registries_bencana"]}
    keys = set()
    lid = 0
    ppks_set = ppks_people
    for _ in range(300_000 * scale):
        r = rng.random()
        bencana = None
        if r < 0.45:
            o = rng.choice(ppks_set) if rng.random() < 0.8 else rng.randint(1, n_people)
            jenis, tanggal = (
                rng.choice(DASAR),
                _date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
            )
        elif r < 0.55:
            o = rng.choice(ppks_set)
            jenis = rng.choice(["pengasuhan", "pelatihan_keterampilan"])
            tanggal = _date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        elif r < 0.75:
            o = rng.choice(poor) if rng.random() < 0.8 else rng.randint(1, n_people)
            jenis = rng.choice(["bansos_keluarga", "bantuan_usaha"])
            tanggal = _date(rng, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        else:
            bencana, o = rng.choice(victims)
            jenis = rng.choice(BENCANA_AID)
            start = bencana_date[bencana] - dt.timedelta(days=5)
            tanggal = _date(rng, start, start + dt.timedelta(days=200))
            tanggal = min(tanggal, dt.date(2025, 12, 31))
        key = (o, jenis, tanggal, bencana or 0)
        if key in keys:
            continue
        keys.add(key)
        lid += 1
        t["registries_layanan"].append((lid, *meta, o, jenis, tanggal, "", "", bencana, ""))
    return t


def write_parquet(tables: dict[str, list[tuple]], folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        cols = COLUMNS[name]
        data = {c: [r[i] for r in rows] for i, c in enumerate(cols)}
        pq.write_table(pa.table(data), folder / f"{name}.parquet")


def read_parquet(folder: Path) -> dict[str, list[tuple]]:
    import pyarrow.parquet as pq

    out = {}
    for name, cols in COLUMNS.items():
        table = pq.read_table(folder / f"{name}.parquet")
        out[name] = list(zip(*(table.column(c).to_pylist() for c in cols), strict=True))
    return out


# ---------------------------------------------------------------------------------------------
# Child: one database (DATABASE_URL set by the parent before Django starts)


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _vacuum() -> None:
    """VACUUM ANALYZE the registries (PostgreSQL): fresh statistics and a set visibility map, as
    autovacuum leaves a settled database; without it no index-only scan skips the heap."""
    from django.db import connection

    if connection.vendor != "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
        return
    with connection.cursor() as cur:
        for name in COLUMNS:
            cur.execute(f"VACUUM ANALYZE {name}")


def load_database(folder: Path, scale: int) -> float:
    """Load the Parquet rows of `folder` unless the database already holds this scale (reuse)."""
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (scale integer)")
        cur.execute("SELECT scale FROM bench_meta")
        row = cur.fetchone()
    if row and row[0] == scale:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT relallvisible, relpages FROM pg_class WHERE relname = %s",
                    ["registries_layanan"],
                )
                visible, pages = cur.fetchone()
            if visible < pages * 0.9:
                _vacuum()
        return 0.0
    tables = read_parquet(folder)
    with connection.cursor() as cur:
        for name in reversed(list(COLUMNS)):
            cur.execute(f"DELETE FROM {name}")
        cur.execute("DELETE FROM bench_meta")
    vendor = connection.vendor
    for name, rows in tables.items():
        cols = COLUMNS[name]
        with connection.cursor() as cur:
            if vendor == "postgresql":
                raw = cur.cursor
                with raw.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
            else:
                sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
                for i in range(0, len(rows), 50_000):
                    cur.executemany(sql, rows[i : i + 50_000])
    with connection.cursor() as cur:
        cur.execute("INSERT INTO bench_meta VALUES (%s)", [scale])
    _vacuum()
    return time.perf_counter() - t0


def duck_executor(folder: Path):
    import duckdb

    con = duckdb.connect()
    for name in COLUMNS:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{folder / name}.parquet')")
    # Code lists and regions are read by Django; stage 1 uses only registry tables.

    def execute(sql: str, params: list):
        return con.execute(sql.replace("%s", "?"), params).fetchall()

    return execute


def _as_dicts(figures) -> dict:
    return {
        (f.indikator, f.periode.label, f.bacaan, f.wilayah): (f.numerator, f.denominator)
        for f in figures
    }


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _change(n: int) -> None:
    """A typical day's import: n new services for persons already registered (committed)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM registries_layanan")
        start = cur.fetchone()[0]
        rng = random.Random(start)
        rows = [
            (start + i + 1, K, NOW, NOW, rng.randint(1, 100_000), rng.choice(DASAR + ["bansos_keluarga"]),
             dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)), f"bench {start + i}", "",
             None, "")
            for i in range(n)
        ]  # fmt: skip
        cols = COLUMNS["registries_layanan"]
        cur.executemany(
            f"INSERT INTO registries_layanan ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})",
            rows,
        )


def _undo_changes() -> None:
    """Remove the services `_change` added (also those of an interrupted run)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("DELETE FROM registries_layanan WHERE program LIKE %s", ["bench %"])


def child(scale: int, folder: Path, runs: int, duck: bool) -> dict:
    _setup_django()
    from django.core.cache import caches
    from django.db import connection

    from kinerja.indicators.engine import ringkasan
    from kinerja.indicators.engine.figures import compute_periods
    from kinerja.indicators.engine.periods import periods_of_year
    from kinerja.indicators.tests.directsql import direct_year

    def compute_year(year: int):
        """The product's full figure set of a year, with the figure cache emptied first."""
        caches["figures"].clear()
        return compute_periods(periods_of_year(year), "kelurahan", ("default", "literal"))

    result = {"db": connection.vendor, "scale": scale}
    result["load_s"] = round(load_database(folder, scale), 1)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _undo_changes()

    # Direct SQL over the registries (no summaries, no figure cache): the previous engine.
    direct_t, direct = _timed(lambda: direct_year(YEAR))
    result["direct_s"] = round(direct_t, 3)
    # Summaries: built from nothing, then current (the steady state), then after a day's change.
    # The cold build twice, alternating: one summary after another as read (the build before
    # D100), then the year's summaries at once on separate connections (PostgreSQL).
    parallel = ringkasan.PARALLEL_BUILDS
    ringkasan.PARALLEL_BUILDS = 1
    ringkasan._drop_all()
    result["cold_build_in_turn_s"] = round(_timed(lambda: compute_year(YEAR))[0], 3)
    ringkasan.PARALLEL_BUILDS = parallel
    ringkasan._drop_all()
    load = os.getloadavg()[0]
    cold_t, figures = _timed(lambda: compute_year(YEAR))
    result["cold_build_s"] = round(cold_t, 3)
    result["load_at_cold_build"] = [round(load, 1), round(os.getloadavg()[0], 1)]  # before, after
    times = [_timed(lambda: compute_year(YEAR))[0] for _ in range(runs)]
    result["compute_s"] = [round(x, 3) for x in times]
    result["best_s"] = round(min(times), 3)
    after = []
    for _ in range(runs):
        _change(1_000)
        t, figures_after = _timed(lambda: compute_year(YEAR))
        after.append(t)
    result["after_1000_new_services_s"] = round(min(after), 3)
    check_t, fresh = _timed(lambda: direct_year(YEAR))
    result["after_change_agrees_with_direct"] = _as_dicts(figures_after) == _as_dicts(fresh)
    result["summary_agrees_with_direct"] = _as_dicts(figures) == _as_dicts(direct)
    per_iku = {}
    for kode in sorted({f.indikator for f in figures}):
        per_iku[kode] = round(
            _timed(
                lambda kode=kode: (
                    caches["figures"].clear()
                    or compute_periods(
                        periods_of_year(YEAR), "kelurahan", ("default", "literal"), kode
                    )
                )
            )[0],
            3,
        )
    result["per_iku_s"] = per_iku
    result["figures"] = len(figures)
    result["peak_rss_mb_client"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["rss_before_compute_mb"] = round(rss0 / 1024)
    iku2 = next(f for f in figures if f.indikator == "IKU-2" and f.wilayah == K)
    result["sample"] = f"IKU-2 {iku2.periode.label} kota {iku2.numerator}/{iku2.denominator}"
    if duck:
        execute = duck_executor(folder)
        dtimes = []
        for _ in range(runs):
            t0 = time.perf_counter()
            dfig = direct_year(YEAR, execute=execute)
            dtimes.append(time.perf_counter() - t0)
        result["duckdb_best_s"] = round(min(dtimes), 3)
        a, b = _as_dicts(figures), _as_dicts(dfig)
        diff = [k for k in a if a[k] != b.get(k)]
        result["duckdb_agrees"] = not diff and len(a) == len(b)
        result["duckdb_mismatches"] = [str(k) for k in diff[:5]]
        result["ratio_to_duckdb"] = round(result["best_s"] / result["duckdb_best_s"], 2)
        result["direct_ratio_to_duckdb"] = round(result["direct_s"] / result["duckdb_best_s"], 2)
        result["peak_rss_mb_with_duckdb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
    _undo_changes()  # leave the data as generated: the next run reuses it
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            result["pg_db_size_mb"] = round(cur.fetchone()[0] / 2**20)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scale", type=int, action="append", help="1 and/or 10 (default both)")
    ap.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-duckdb", action="store_true")
    ap.add_argument(
        "--pg-db",
        default=PG_DB,
        help="PostgreSQL database (default %(default)s); one that holds the same --scale is\n"
        "reused as it is (bench_meta), any other scale is replaced",
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    scales = args.scale or [1, 10]
    if args.child:
        folder = OUT / f"x{scales[0]}"
        print(json.dumps(child(scales[0], folder, args.runs, not args.no_duckdb)))
        return
    results = []
    for scale in scales:
        folder = OUT / f"x{scale}"
        if not (folder / "registries_layanan.parquet").exists():
            t0 = time.perf_counter()
            write_parquet(generate(scale), folder)
            print(f"x{scale}: generated in {time.perf_counter() - t0:.1f}s", flush=True)
        for db in args.db or ["sqlite", "postgres"]:
            url = (
                f"{PG_HOST}/{args.pg_db}"
                if db == "postgres"
                else f"sqlite:///{OUT / f'bench-x{scale}.sqlite3'}"
            )
            if db == "postgres":
                subprocess.run(
                    ["createdb", "-h", "127.0.0.1", "-U", "postgres", args.pg_db],
                    check=False, capture_output=True,
                )  # fmt: skip
            env = dict(os.environ, DATABASE_URL=url)
            cmd = [
                sys.executable,
                __file__,
                "--child",
                "--scale",
                str(scale),
                "--runs",
                str(args.runs),
            ]
            if args.no_duckdb or db == "sqlite":
                cmd.append("--no-duckdb")  # DuckDB once per scale, beside PostgreSQL
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                sys.exit(proc.returncode)
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps(res), flush=True)
            results.append(res)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
