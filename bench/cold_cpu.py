"""The cold year build's server CPU, beside its wall time (PostgreSQL on this host, D200-D201).

    .venv/bin/python bench/cold_cpu.py --pg-db kin_cold_bench [--root /tmp/before] [--runs 3]

On a machine shared with other work the wall time of the cold build (bench/compute_bench.py's
`cold_build_s`) swings by 2x from run to run; the CPU the database spends on it hardly moves. This
drops every summary of a database that compute_bench.py has loaded (x10), reads the year's full
figure set once (what `cold_build_s` times), and prints the wall time, the load average, and the
server CPU (user + system, from /proc/<backend pid>/stat: the server must run on this host and
/proc be readable) of each builder connection and of the reading connection. `--root` runs the
engine of another checkout (e.g. `git archive` of main into /tmp), for before/after pairs.
"""

import argparse
import os
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pg-db", default="kinerja_cbench")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parents[1]))
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.pg_db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    sys.path.insert(0, args.root)
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection

    from kinerja.indicators.engine import ringkasan
    from kinerja.indicators.engine.figures import compute_periods
    from kinerja.indicators.engine.periods import periods_of_year

    tick = os.sysconf("SC_CLK_TCK")

    def backend_cpu() -> float:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            pid = cur.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    builders: dict[str, tuple[float, float]] = {}
    create = ringkasan._create
    t0 = 0.0

    def timed_create(ind, *rest):
        c0 = backend_cpu()
        r = create(ind, *rest)
        builders[ind.kode] = (round(backend_cpu() - c0, 2), round(time.perf_counter() - t0, 2))
        return r

    ringkasan._create = timed_create
    for _ in range(args.runs):
        builders.clear()
        ringkasan._drop_all()
        caches["figures"].clear()
        main_c0 = backend_cpu()
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        compute_periods(periods_of_year(2025), "kelurahan", ("default", "literal"))
        wall = time.perf_counter() - t0
        reading = backend_cpu() - main_c0
        total = reading + sum(cpu for cpu, _ in builders.values())
        ends = ", ".join(f"{k} {cpu:.2f}/{end:.2f}" for k, (cpu, end) in sorted(builders.items()))
        print(
            f"{args.root}: wall {wall:.2f} s, server CPU {total:.2f} s (reading connection"
            f" {reading:.2f}; builders CPU/end: {ends}), load {load:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
