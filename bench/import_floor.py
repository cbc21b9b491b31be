"""The database work of a `layanan` import alone: how far the "at most 4x the baseline" goal can go.

    .venv/bin/python bench/import_floor.py [--rows N]

Writes N new `layanan` records (for people registered beforehand, untimed) and their history rows
into the deployed schema (indexes, change counter and change-log triggers), in the import's batch
sizes, with the rows built before the clock starts and nothing checked: SQLite by multi-row INSERT
(2,000-row transactions), PostgreSQL by COPY of prepared text (10,000-row transactions, ids taken
beforehand). In the same run, the baseline of `import_bench.py` (csv module + executemany into a
bare SQLite table) on a file of the same size.
"""

import argparse
import datetime as dt
import io
import sqlite3
import time

import psycopg
from import_bench import OUT, PG_ADMIN, ROWS_PER_PERSON, baseline, generate, pg, setup_db
from psycopg.copy import Copy, FileWriter

JENIS = ["permakanan", "sandang", "alat_bantu", "bimbingan_sosial", "rujukan", "bansos_keluarga"]
NOW = dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)
HISTORY = {"history_date": None, "history_type": "'+'", "history_user_id": "NULL"}


def values(n: int, people: int) -> dict:
    return {
        "kode_kabkota": "63.72", "created_at": NOW, "updated_at": NOW, "created_by_id": None,
        "updated_by_id": None, "impor_id": None, "impor_baris": n + 2,
        "orang_id": n % people + 1, "jenis_id": JENIS[n % len(JENIS)],
        "tanggal": dt.date(2021, 1, 1) + dt.timedelta(days=n // people),
        "program": "Rehabilitasi Sosial Dasar", "bencana_id": None, "nilai_rp": 250000,
        "sumber_dana": "APBD", "keterangan": "",
    }  # fmt: skip


def history_select(hcols: list[str], mark: str) -> str:
    picks = {**HISTORY, "history_date": mark, "history_change_reason": "'impor'"}
    return ", ".join(picks.get(c, c) for c in hcols)


def floor_sqlite(rows: int, people: int) -> float:
    db = OUT / "floor.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"floor.sqlite3{suffix}").unlink(missing_ok=True)
    setup_db(f"sqlite:///{db}", people)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    cols = [r[1] for r in con.execute("PRAGMA table_info(registries_layanan)") if r[1] != "id"]
    hcols = [r[1] for r in con.execute("PRAGMA table_info(registries_historicallayanan)")]
    hcols.remove("history_id")
    now = NOW.strftime("%Y-%m-%d %H:%M:%S")
    prepared = []
    for n in range(rows):
        v = values(n, people)
        v.update(created_at=now, updated_at=now, tanggal=v["tanggal"].isoformat())
        prepared.append([v[c] for c in cols])
    one = "(" + ",".join("?" * len(cols)) + ")"
    insert = f"INSERT INTO registries_layanan ({','.join(cols)}) VALUES "
    history = (
        f"INSERT INTO registries_historicallayanan ({','.join(hcols)}) "
        f"SELECT {history_select(hcols, '?')} FROM registries_layanan WHERE id BETWEEN ? AND ?"
    )
    t = time.perf_counter()
    for b in range(0, rows, 2000):
        con.execute("BEGIN IMMEDIATE")
        for c in range(b, min(b + 2000, rows), 1000):
            chunk = prepared[c : c + 1000]
            con.execute(insert + ",".join([one] * len(chunk)), [x for r in chunk for x in r])
            last = con.execute("SELECT last_insert_rowid()").fetchone()[0]
            con.execute(history, [now, last - len(chunk) + 1, last])
        con.execute("COMMIT")
    return time.perf_counter() - t


def floor_postgres(rows: int, people: int) -> float:
    url = PG_ADMIN.rsplit("/", 1)[0] + "/kinerja_floor"
    pg("DROP DATABASE IF EXISTS kinerja_floor")
    pg("CREATE DATABASE kinerja_floor")
    setup_db(url, people)
    with psycopg.connect(url) as con, con.cursor() as cur:
        names = "select column_name from information_schema.columns where table_name = %s "
        names += "order by ordinal_position"
        cols = [r[0] for r in cur.execute(names, ["registries_layanan"]) if r[0] != "id"]
        hcols = [r[0] for r in cur.execute(names, ["registries_historicallayanan"])]
        hcols.remove("history_id")
        seq = "select pg_get_serial_sequence('registries_layanan', 'id')"
        seq = cur.execute(seq).fetchone()[0]
        take = "select array_agg(nextval(%s::regclass)) from generate_series(1, %s)"
        ids = cur.execute(take, [seq, rows]).fetchone()[0]
        con.commit()
        batches = []
        for b in range(0, rows, 10_000):
            out = io.BytesIO()
            with con.cursor() as fresh, Copy(fresh, writer=FileWriter(out)) as copy:
                for n in range(b, min(b + 10_000, rows)):
                    v = values(n, people)
                    copy.write_row([ids[n], *(v[c] for c in cols)])
            batches.append((ids[b : b + 10_000], out.getvalue()))
        history = (
            f"INSERT INTO registries_historicallayanan ({', '.join(hcols)}) "
            f"SELECT {history_select(hcols, '%s')} FROM registries_layanan WHERE id = ANY(%s)"
        )
        t = time.perf_counter()
        for batch_ids, data in batches:
            with cur.copy(f"COPY registries_layanan (id, {', '.join(cols)}) FROM STDIN") as copy:
                copy.write(data)
            cur.execute(history, [NOW, batch_ids])
            con.commit()
        elapsed = time.perf_counter() - t
    pg("DROP DATABASE IF EXISTS kinerja_floor")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    people = max(1, args.rows // ROWS_PER_PERSON)
    csv_path = OUT / f"layanan-{args.rows}.csv"
    generate(csv_path, args.rows, people)
    base = baseline(csv_path)
    print(f"baseline (csv + executemany, bare table): {base:.1f} s; 4x = {4 * base:.1f} s")
    for name, run in (("sqlite", floor_sqlite), ("postgres", floor_postgres)):
        s = run(args.rows, people)
        print(
            f"{name:8} database work alone, {args.rows:,} rows: {s:.1f} s = "
            f"x{s / base:.1f} baseline ({args.rows / s:,.0f} rows/s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
