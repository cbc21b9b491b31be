"""The LKjIP PDF of a year with the full performance tree, in process, cache empty (issue 16:
under 3 s).

    .venv/bin/python bench/lkjip_bench.py [--runs 5] [--baseline REF] [--year 2025] [--db sqlite|postgres]

A fresh database (var/bench-lkjip.sqlite3, or PostgreSQL database `kin_lkjip_bench`): migrate, the
demo data (`kinerja demo`), the issue-15 tree (5/15/40/150/400 nodes, bench/tree_data.py), and one
LKjIP built so that the years' unit summaries exist, as in a running system.

Each run is a new process that loads WeasyPrint and its fonts with a one-line document, clears every
cache, then times building the document and rendering the PDF. `--baseline REF` runs that commit's
code (`git archive` into /tmp, same venv) on the same database in alternation with this tree, so
both see the same machine. Every round also times a fixed pure-Python loop (`calibre`): this VM's
speed drifts by 70 % within an hour, and the loop shows how fast the machine was at that moment.
Prints min, median and max of build, render, total and the loop per code, and the page count.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from first_load_bench import baseline_tree  # noqa: E402  (the baseline's `git archive` in /tmp)


def calibre() -> float:
    t = time.process_time()
    s = 0
    for i in range(5_000_000):
        s += i
    return time.process_time() - t


def child(tree: str, year: int) -> None:
    sys.path.insert(0, tree)
    import django

    django.setup()
    import kinerja

    assert kinerja.__file__.startswith(tree), kinerja.__file__
    from django.core.cache import caches
    from pypdf import PdfReader

    from kinerja.reports.builders.lkjip import build_lkjip
    from kinerja.reports.document import Document, Letterhead, Paragraph
    from kinerja.reports.render.pdf import render_pdf

    kop = Letterhead(pemerintah="P", dinas="D", alamat="A", email="e@x.id")
    render_pdf(Document(title="x", subtitle="", letterhead=kop, blocks=[Paragraph("x")]))
    for c in caches.all():
        c.clear()
    loop = calibre()
    t0 = time.perf_counter()
    doc = build_lkjip(year)
    t1 = time.perf_counter()
    data = render_pdf(doc)
    t2 = time.perf_counter()
    import io

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(json.dumps({"build": t1 - t0, "render": t2 - t1, "loop": loop, "pages": pages}))


def prepare(db: str, year: int) -> str:
    if db == "sqlite":
        path = ROOT / "var" / "bench-lkjip.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        for cmd in ("dropdb", "createdb"):
            extra = ["--if-exists"] if cmd == "dropdb" else []
            subprocess.run(
                [cmd, "-h", "127.0.0.1", "-U", "postgres", *extra, "kin_lkjip_bench"], check=True
            )
        url = "postgres://postgres@127.0.0.1:5432/kin_lkjip_bench"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    from tree_data import build_tree

    build_tree(year)
    # A running system has the years' unit summaries (D37, D100: kept current on every registry
    # write, built whole by the first read after a fresh load); build them here so that no timed run
    # pays that one-off (3 s on SQLite, 30 s on PostgreSQL at the demo's size).
    from kinerja.reports.builders.lkjip import build_lkjip

    build_lkjip(year)
    return url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument(
        "--baseline", default="none", help="git ref rendered in alternation; 'none' to skip"
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    if args.child:
        return child(args.child, args.year)
    url = prepare(args.db, args.year)
    codes = [("this tree", ROOT)]
    if args.baseline != "none":
        codes.insert(0, (f"baseline {args.baseline}", baseline_tree(args.baseline)))
    results: dict[str, list[dict]] = {name: [] for name, _ in codes}
    env = os.environ | {"DATABASE_URL": url}
    for _ in range(args.runs):
        for name, tree in codes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(tree), "--year", str(args.year)],
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            results[name].append(json.loads(out.strip().splitlines()[-1]))
    for name, rs in results.items():
        cols = {k: [r[k] for r in rs] for k in ("build", "render", "loop")}
        cols["total"] = [r["build"] + r["render"] for r in rs]
        line = ", ".join(
            f"{k} {min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f} s"
            for k, v in cols.items()
        )
        print(
            f"LKjIP {args.year} {args.db}, {name} (min / median / max): {line}; "
            f"pages {rs[-1]['pages']}"
        )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
