"""The LKjIP PDF of a year with the full performance tree, in process, cache empty (issue 16:
under 3 s).

    .venv/bin/python bench/lkjip_bench.py [--runs 3] [--year 2025] [--db sqlite|postgres]

A fresh database (var/bench-lkjip.sqlite3, or PostgreSQL database `kin_lkjip_bench`): migrate, the
demo data (`kinerja demo`), and the issue-15 tree (5/15/40/150/400 nodes, bench/tree_data.py). Each
run clears every cache first, then times building the document and rendering the PDF separately,
and prints min and median of each and of their sum, with the page count.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    args = ap.parse_args()
    if args.db == "sqlite":
        path = ROOT / "var" / "bench-lkjip.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "kin_lkjip_bench"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "kin_lkjip_bench"], check=True
        )
        url = "postgres://postgres@127.0.0.1:5432/kin_lkjip_bench"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    from tree_data import build_tree

    build_tree(args.year)
    from pypdf import PdfReader

    from kinerja.reports.builders.lkjip import build_lkjip
    from kinerja.reports.render.pdf import render_pdf

    build, render, cpu, pages = [], [], [], 0
    for _ in range(args.runs):
        for c in caches.all():
            c.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        doc = build_lkjip(args.year)
        t1 = time.perf_counter()
        data = render_pdf(doc)
        t2 = time.perf_counter()
        build.append(t1 - t0)
        render.append(t2 - t1)
        cpu.append(time.process_time() - c0)
        import io

        pages = len(PdfReader(io.BytesIO(data)).pages)
    total = [b + r for b, r in zip(build, render, strict=True)]
    for name, xs in (("build", build), ("render PDF", render), ("total", total), ("CPU", cpu)):
        print(
            f"LKjIP {args.year} {args.db} {name}: min {min(xs):.2f} s, median {statistics.median(xs):.2f} s"
        )
    print(f"pages: {pages}; load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
