"""IKU-3B with and without the DTSEN options (contract section 6) on compute_bench's data.

    .venv/bin/python bench/dtsen_bench.py [--scale 1] [--db sqlite --db postgres]

Reuses `compute_bench.py`'s generator and loader (its Parquet files in bench/out/, generated when
missing; its SQLite file; PostgreSQL database `kin_dtsen_bench`). Its DTKS rows all share one KK number, so KK numbers are first set to one per four people
(`orang_id / 4`, households of four). Then times, per database, the year's IKU-3B figures (5 periods
x 26 regions x 2 readings) from their summary: built cold and read warm, under catalogue version 1
(options off) and under an amending version with `desil_maks = 4` and `bansos_per_keluarga`; and with
the options, after one new service (the summary is rebuilt whole, D136). Checks each figure set
against the direct stage-1 SQL. Rolls everything back at the end (the data stays as generated).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import compute_bench as cb  # noqa: E402

PG_DB = "kin_dtsen_bench"


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return round(time.perf_counter() - t0, 3), out


def child(scale: int) -> dict:
    cb._setup_django()
    import datetime as dt

    from django.core.cache import caches
    from django.db import connection, transaction
    from django.db.models import Max

    from kinerja.indicators.engine import ringkasan
    from kinerja.indicators.engine.aggregate import aggregate_sql, run_aggregate
    from kinerja.indicators.engine.definitions import definitions_in_force
    from kinerja.indicators.engine.figures import compute_periods
    from kinerja.indicators.engine.periods import periods_of_year
    from kinerja.indicators.engine.sqlrun import run_sql
    from kinerja.indicators.engine.units import unit_query
    from kinerja.indicators.models import Keputusan
    from kinerja.indicators.services import keputusan_amend
    from kinerja.registries.models import Layanan

    cb.load_database(cb.OUT / f"x{scale}", scale)
    periodes = periods_of_year(cb.YEAR)

    def year():
        caches["figures"].clear()
        figs = compute_periods(periodes, "kelurahan", ("default", "literal"), "IKU-3B")
        return {(f.periode.label, f.bacaan, f.wilayah): (f.numerator, f.denominator) for f in figs}

    def direct():
        out = {}
        for p in periodes:
            [ind] = definitions_in_force(p.akhir, "IKU-3B")
            q, s = unit_query(ind, [p], cb.K)
            counts = run_aggregate(aggregate_sql(q, s, cb.K, None, False), run_sql)
            for (label, _tingkat, wil, _), c in counts.items():
                out[(label, "default", wil)] = (c.numerator, c.denominator)
                out[(label, "literal", wil)] = (c.numerator_literal, c.denominator)
        return out

    def agrees(figs, ref):
        return all(figs.get(k, (0, 0)) == v for k, v in ref.items()) and all(
            v == ref.get(k, (0, 0)) for k, v in figs.items()
        )

    result = {"db": connection.vendor, "scale": scale}
    households = (
        "LPAD(CAST(orang_id / 4 AS TEXT), 16, '0')"
        if connection.vendor == "postgresql"
        else "printf('%016d', orang_id / 4)"
    )
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(f"UPDATE registries_dtksanggota SET no_kk = {households}")
        ringkasan._drop_all()
        for name, amend in (("off", False), ("on", True)):
            if amend:
                base = Keputusan.objects.get(kode_wilayah=cb.K, versi=1)
                keputusan_amend(
                    base=base, nomor="bench", tanggal_ditetapkan=dt.date(2024, 12, 1),
                    berlaku_mulai=dt.date(2025, 1, 1), catatan="bench", changes={},
                    definisi_changes={
                        "IKU-3B": {"desil_maks": 4, "bansos_per_keluarga": True}
                    },
                )  # fmt: skip
            cold, figs = _timed(year)
            warm, _ = _timed(year)
            ref = direct()
            kota = figs[(f"{cb.YEAR}", "default", cb.K)]
            result[name] = {
                "cold_build_s": cold, "warm_s": warm, "agrees_with_direct": agrees(figs, ref),
                "kota_year": f"{kota[0]}/{kota[1]}",
            }  # fmt: skip
        Layanan.objects.create(  # ids given: the loader's COPY leaves PostgreSQL's sequence at 1
            id=Layanan.objects.aggregate(m=Max("id"))["m"] + 1,
            orang_id=1,
            jenis_id="bansos_keluarga",
            tanggal=dt.date(cb.YEAR, 6, 1),
        )
        after, figs = _timed(year)
        result["on"]["after_one_new_service_s"] = after
        result["on"]["after_agrees_with_direct"] = agrees(figs, direct())
        transaction.set_rollback(True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.scale)))
        return
    folder = cb.OUT / f"x{args.scale}"
    if not (folder / "registries_layanan.parquet").exists():
        cb.write_parquet(cb.generate(args.scale), folder)
    for db in args.db or ["sqlite", "postgres"]:
        url = (
            f"{cb.PG_HOST}/{PG_DB}"
            if db == "postgres"
            else f"sqlite:///{cb.OUT / f'bench-x{args.scale}.sqlite3'}"
        )
        if db == "postgres":
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_DB],
                check=False, capture_output=True,
            )  # fmt: skip
        env = dict(os.environ, DATABASE_URL=url)
        cmd = [sys.executable, __file__, "--child", "--scale", str(args.scale)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if proc.returncode:
            print(proc.stderr[-3000:], file=sys.stderr)
            sys.exit(proc.returncode)
        print(proc.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
