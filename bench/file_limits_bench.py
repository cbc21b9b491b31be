"""Benchmark of the file bounds (D110): how fast, and in how much memory, `kinerja import` refuses the
two XLSX bombs of issue 12 row 10.

    .venv/bin/python bench/file_limits_bench.py [--megabytes 400] [--runs 3]

Builds, with zipfile by hand (kinerja/registries/tests/xlsx_bombs.py):
- a 1.8 KB XLSX declaring A1:XFD1048576 with one cell there (the issue: 438 s before D110);
- a ~409 KB XLSX whose one shared string is 400 MB of one letter (the issue: 3.1 GB before D110);
- the first file without its declared size: not refused, read as a header and one row (rejected);
then runs `kinerja import ppks FILE` on each in a fresh process and reports its wall time, CPU time
and peak RSS (getrusage of the child), beside the same for a header-only CSV (the process's own
start-up: Python, Django, the database connection), and the refusal alone, timed inside one process
(`open_source`). Results are printed and written to bench/out/file_limits_bench.txt.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
KINERJA = str(ROOT / ".venv" / "bin" / "kinerja")
HEADER = [
    "nik",
    "id_lokal",
    "nama",
    "jenis_kelamin",
    "kode_wilayah",
    "jenis_ppks",
    "tanggal_daftar",
]

sys.path.insert(0, str(ROOT))
from kinerja.registries.tests.xlsx_bombs import dimension_bomb, shared_string_bomb  # noqa: E402


def env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{OUT / 'file_limits.sqlite3'}",
    }


def timed(path: Path) -> dict:
    """`kinerja import ppks path` in a fresh process: exit code, wall s, CPU s, peak RSS MB."""
    code = f"""
import json, resource, subprocess, time
t = time.perf_counter()
p = subprocess.run({[KINERJA, "import", "ppks", str(path)]!r}, capture_output=True, text=True)
s = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{"rc": p.returncode, "s": s, "cpu": u.ru_utime + u.ru_stime,
                  "rss": u.ru_maxrss / 1024, "err": p.stderr.strip()}}))
"""
    run = subprocess.run([PY, "-c", code], env=env(), capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def refusal_alone(path: Path) -> float:
    """Seconds `open_source` takes to refuse `path`, Django and openpyxl already loaded."""
    code = f"""
import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
import django; django.setup()
import openpyxl
from pathlib import Path
from kinerja.registries.imports.errors import FileBeyondLimits
from kinerja.registries.imports.reader import open_source
t = time.perf_counter()
try:
    open_source(Path({str(path)!r}))
except FileBeyondLimits:
    print(time.perf_counter() - t)
"""
    run = subprocess.run([PY, "-c", code], env=env(), capture_output=True, text=True, check=True)
    return float(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=400, help="size of the one shared string")
    parser.add_argument("--runs", type=int, default=3, help="runs of each file (best is shown)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([KINERJA, "migrate", "-v0"], env=env(), check=True)
    empty = OUT / "ppks-header-only.csv"
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    files = [
        ("header-only CSV (start-up)", empty),
        ("dimension bomb A1:XFD1048576", dimension_bomb(OUT / "bomb-dimension.xlsx", HEADER)),
        (
            "same cell at XFD1048576, size not declared (imported, row rejected)",
            dimension_bomb(OUT / "bomb-undeclared.xlsx", HEADER, declared=False),
        ),
        (
            f"{args.megabytes} MB shared string",
            shared_string_bomb(OUT / "bomb-shared-string.xlsx", HEADER, args.megabytes),
        ),
    ]
    lines = [
        f"kinerja import ppks FILE, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the start; best of {args.runs} runs",
        "",
        "| file | size on disk | exit | wall s | CPU s | peak RSS MB | refusal alone ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path in files:
        runs = [timed(path) for _ in range(args.runs)]
        best = min(runs, key=lambda r: r["s"])
        refused = best["rc"] == 2
        alone = f"{min(refusal_alone(path) for _ in range(3)) * 1000:.1f}" if refused else ""
        size = path.stat().st_size
        lines.append(
            f"| {label} | {size:,} B | {best['rc']} | {best['s']:.2f} | {best['cpu']:.2f} | "
            f"{max(r['rss'] for r in runs):.0f} | {alone} |"
        )
        if refused:
            lines.append(f"|  | message: {best['err'][:160]} |||||")
        print(lines[-2] if refused else lines[-1], flush=True)
    lines.append("")
    lines.append(f"load average {os.getloadavg()[0]:.1f} at the end")
    text = "\n".join(lines)
    print(text)
    (OUT / "file_limits_bench.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
