"""Benchmark of `kinerja import layanan`: rows/s, ratio to a bare csv+executemany baseline, peak RSS.

    .venv/bin/python bench/import_bench.py [--rows N] [--skip-postgres] [--skip-salur]

Generates a `layanan` CSV of N rows (2 % bad rows of varied kinds) for people registered beforehand
(untimed setup, a direct bulk insert), then times the import end to end as a subprocess on a fresh
SQLite file and on PostgreSQL (postgres://postgres@127.0.0.1:5432/kinerja_bench, or $BENCH_PG_DB; created and dropped),
at N/4 and N rows so that memory can be seen not to grow with the file. The baseline reads the same
file with the csv module and executemany()s it into a bare SQLite table. Results are printed and
written to bench/out/import_bench.txt.

In the same run, a `bansos-salur` payout list (contract section 5, bench/salur_file.py) of the same
size, for the same people and with the same share of bad rows, is imported through its mapping
(`kinerja import layanan FILE --mapping bansos-salur`) on a database set up the same way; its rows/s
is printed as a share of the section-1 file's (issue 14: at least 80 %).
"""

import argparse
import csv
import datetime as dt
import itertools
import json
import os
import random
import sqlite3
import subprocess
import time
from pathlib import Path

from salur_file import generate as generate_salur

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
KINERJA = str(ROOT / ".venv" / "bin" / "kinerja")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
# A database of one's own when several people benchmark on one server (BENCH_PG_DB).
PG_DB = os.environ.get("BENCH_PG_DB", "kinerja_bench")
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
ROWS_PER_PERSON = 10
KELURAHAN = [
    f"63.72.{kec}.{kel}"
    for kec, kels in {
        "02": ["1003", "1004", "1005", "1006"],
        "03": ["1001", "1002", "1003", "1004"],
        "04": ["1001", "1002", "1003", "1004"],
        "05": ["1001", "1002", "1003", "1004"],
        "06": ["1001", "1002", "1003", "1004"],
    }.items()
    for kel in kels
]
JENIS = ["permakanan", "sandang", "alat_bantu", "bimbingan_sosial", "rujukan", "bansos_keluarga"]
HEADER = [
    "nik", "nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "jenis_layanan", "tanggal",
    "program", "nilai_rp", "sumber_dana", "keterangan",
]  # fmt: skip


def person(i: int) -> tuple[str, str, str, dt.date, str]:
    """Deterministic person i: NIK, name, sex, birth date, kelurahan."""
    kel = KELURAHAN[i % len(KELURAHAN)]
    jk = "LP"[i % 2]
    lahir = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 37) % 20000)
    day = lahir.day + (40 if jk == "P" else 0)
    serial = i % 9999 + 1
    block = i // 9999  # the kecamatan digits keep NIKs unique beyond 9,999 per birth date
    nik = f"6372{block % 100:02d}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}{serial:04d}"
    return nik, f"Warga {i}", jk, lahir, kel


def generate(path: Path, rows: int, people: int) -> int:
    """The CSV; returns how many rows are bad (2 %, of eight kinds)."""
    r = random.Random(rows)
    bad = 0
    start = dt.date(2021, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for n in range(rows):
            i = n % people
            nik, nama, jk, lahir, kel = person(i)
            tanggal = start + dt.timedelta(days=n // people)
            row = [
                nik, nama, jk, lahir.isoformat(), kel, JENIS[n % len(JENIS)], tanggal.isoformat(),
                "Rehabilitasi Sosial Dasar", "Rp 250.000", "APBD", "",
            ]  # fmt: skip
            if r.random() < 0.02:
                bad += 1
                k = r.randrange(8)
                if k == 0:
                    row[0] = "9972" + row[0][4:]  # unknown province
                elif k == 1:
                    row[6] = "2099-01-01"  # future
                elif k == 2:
                    row[5] = "pijat"  # not a code
                elif k == 3:
                    row[8] = "1.5"  # not rupiah
                elif k == 4:
                    row[4] = "63.71.01.1001"  # another kota
                elif k == 5:
                    row.append("")
                    row[10] = ""
                    row[6] = "31/02/2024"  # not a date
                elif k == 6:
                    row[0], row[1] = f"637299{row[0][6:12]}0000", ""  # serial 0000
                else:
                    row[0], row[1] = (
                        f"6372990101{n % 90 + 10:02d}{n % 9999 + 1:04d}",
                        "",
                    )  # new, no nama
            w.writerow(row[: len(HEADER)])
    return bad


def setup_db(url: str, people: int) -> None:
    """Migrate and register the people (not timed)."""
    env = child_env(url)
    subprocess.run(
        [KINERJA, "migrate", "-v0"], env=env, check=True
    )  # also warms the bytecode cache
    code = f"""
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
django.setup()
import sys; sys.path.insert(0, {str(ROOT / "bench")!r})
from import_bench import person
from kinerja.registries.models import Orang
batch = []
for i in range({people}):
    nik, nama, jk, lahir, kel = person(i)
    batch.append(Orang(nik=nik, nama=nama, jenis_kelamin=jk, tanggal_lahir=lahir, kelurahan_id=kel))
    if len(batch) == 5000:
        Orang.objects.bulk_create(batch); batch = []
Orang.objects.bulk_create(batch)
"""
    subprocess.run([PY, "-c", code], env=env, check=True)


def child_env(url: str) -> dict:
    """The import as deployed: compiled bytecode cached (outside the source tree, under bench/out)."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_import(url: str, path: Path, *extra: str) -> dict:
    """Run `kinerja import layanan` in a fresh process; wall time and that process's peak RSS."""
    code = f"""
import json, resource, subprocess, time, os
t = time.perf_counter()
p = subprocess.run({[KINERJA, "import", "layanan", str(path), *extra]!r}, capture_output=True, text=True)
elapsed = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{"rc": p.returncode, "s": elapsed, "rss_kb": u.ru_maxrss, "cpu": u.ru_utime + u.ru_stime,
                  "out": p.stdout, "err": p.stderr[-2000:]}}))
"""
    env = child_env(url)
    res = json.loads(
        subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    )
    counts = {}
    for line in res["out"].splitlines():
        if ":" in line:
            k, _, v = line.partition(":")
            counts[k.strip()] = v.strip()
    res["accepted"] = int(counts.get("accepted", -1))
    res["rejected"] = int(counts.get("rejected", -1))
    if res["rc"] not in (0, 1):
        raise SystemExit(f"import failed (exit {res['rc']}):\n{res['out']}\n{res['err']}")
    return res


def baseline(path: Path) -> float:
    db = OUT / "baseline.sqlite3"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute(f"CREATE TABLE layanan ({', '.join(h + ' TEXT' for h in HEADER)})")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        con.executemany(f"INSERT INTO layanan VALUES ({', '.join('?' * len(HEADER))})", reader)
    con.commit()
    con.close()
    return time.perf_counter() - t


def pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as con:
        con.execute(sql)


def run_case(db: str, rows: int, csv_path: Path, *extra: str) -> dict:
    people = max(1, rows // ROWS_PER_PERSON)
    if db == "sqlite":
        file = OUT / f"bench-{rows}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(file) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{file}"
    else:
        pg(f"DROP DATABASE IF EXISTS {PG_DB}")
        pg(f"CREATE DATABASE {PG_DB}")
        url = PG_URL
    setup_db(url, people)
    empty = OUT / "layanan-empty.csv"
    empty.write_text(",".join(HEADER) + "\n")
    res = timed_import(url, csv_path, *extra)
    res["startup"] = timed_import(url, empty)["s"]  # process start, Django set-up, connection
    if db == "postgres":
        pg(f"DROP DATABASE IF EXISTS {PG_DB}")
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-salur", action="store_true", help="Only the section-1 file.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    lines = []
    sizes = sorted({max(1, args.rows // 4), args.rows})
    results = []
    for rows in sizes:
        csv_path = OUT / f"layanan-{rows}.csv"
        bad = generate(csv_path, rows, max(1, rows // ROWS_PER_PERSON))
        base = baseline(csv_path)
        files = [("layanan", csv_path, bad, ())]
        if not args.skip_salur:
            salur_path = OUT / f"salur-{rows}.csv"
            salur_bad = generate_salur(salur_path, rows, max(1, rows // ROWS_PER_PERSON), person)
            files.append(("salur", salur_path, salur_bad, ("--mapping", "bansos-salur")))
        dbs = ["sqlite"] + ([] if args.skip_postgres else ["postgres"])
        for db, (name, path, bad, extra) in itertools.product(dbs, files):
            res = run_case(db, rows, path, *extra)
            ok = res["accepted"] + res["rejected"] == rows and res["rejected"] == bad
            results.append((rows, f"{db} {name}", res, base, bad, ok))
            print(
                f"{db + ' ' + name:15} {rows:>9,} rows  {res['s']:7.1f} s  {rows / res['s']:>8,.0f} rows/s  "
                f"x{res['s'] / base:5.1f} baseline  cpu {res['cpu']:6.1f} s  startup {res['startup']:4.1f} s  "
                f"peak {res['rss_kb'] / 1024:6.0f} MB  "
                f"accepted {res['accepted']:,} rejected {res['rejected']:,} (bad {bad:,}) {'ok' if ok else 'MISMATCH'}",
                flush=True,
            )
    load = os.getloadavg()[0]
    lines.append(
        f"kinerja import layanan benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, "
        f"{os.cpu_count()} cores, load average {load:.1f} at the end"
    )
    lines.append(
        "rows/s = rows / wall seconds of `kinerja import` end to end (process start included); "
        "import CPU = user+sys of that process (the PostgreSQL server's work is not in it)."
    )
    lines.append("")
    lines.append(
        "| db | rows | seconds (wall) | rows/s | import CPU s | startup s | baseline s "
        "| x baseline | peak RSS MB | accepted | rejected | counts |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for rows, db, res, base, _bad, ok in results:
        lines.append(
            f"| {db} | {rows:,} | {res['s']:.1f} | {rows / res['s']:,.0f} | {res['cpu']:.1f} | "
            f"{res['startup']:.1f} | {base:.1f} | "
            f"{res['s'] / base:.1f} | {res['rss_kb'] / 1024:.0f} | {res['accepted']:,} | "
            f"{res['rejected']:,} | {'ok' if ok else 'MISMATCH'} |"
        )
    rate = {(rows, db): rows / res["s"] for rows, db, res, *_ in results}
    for (rows, db), r in rate.items():
        if db.endswith(" salur") and (rows, db.replace(" salur", " layanan")) in rate:
            share = r / rate[(rows, db.replace(" salur", " layanan"))]
            lines.append(f"bansos-salur / layanan, {db.split()[0]}, {rows:,} rows: {share:.0%}")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    (OUT / "import_bench.txt").write_text(text)


if __name__ == "__main__":
    main()
