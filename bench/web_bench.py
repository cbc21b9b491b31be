"""Web benchmark: 20 concurrent users on the Banjarbaru x1 dataset behind gunicorn.

    .venv/bin/python bench/web_bench.py [--users 20] [--time 60s] [--port 8766] [--workers 2]
    .venv/bin/python bench/web_bench.py --db postgres [--pg-db kin_web_bench]   # issue 17's goals

1. Fills bench/out/web-x1.sqlite3 (with `--db postgres`: the PostgreSQL database --pg-db) with
   the x1 registries of bench/compute_bench.py (100,000 people, 300,000 services, 15,000 PPKS
   registrations, 600 PSKS, 2 DTKS periods, 40 disasters; the same generator, written straight
   into the tables), plus the demo targets and budgets through the importer and the demo accounts
   (`kinerja demo_users`). Kept between runs.
2. Starts `gunicorn kinerja.wsgi -b 127.0.0.1:PORT -w 2` (loopback only) with a file-based figure
   cache of its own, and warms it: one request per page below (so the run measures a warm server,
   as the Dinas sees it after the first visitor of the day).
3. Runs locust headless (`-u 20 -r 5 -t 60s`), each simulated user signing in once through the
   login form, then, with 1-3 s pauses: the dashboard, a figure's period page, its drill-down
   (first page, a filtered page, a later page), a registry search, the header's search, the audit
   log (kadis and auditor), the public page (IKU-1 and IKU-3B of 2025 are approved by step 1 so it
   has content) and an upload (a 5-row layanan CSV posted to the upload form, then its preview
   page: the dry run is queued for the worker).
4. Stops gunicorn and prints p50/p95/p99 and errors per endpoint (from bench/out/web_stats.csv),
   and the time spent inside gunicorn per path (its access log, bench/out/web-access.log).

`--code DIR` serves the application from DIR instead of this checkout, e.g. an older commit exported
with `git archive COMMIT kinerja | tar -x -C DIR`: a before/after pair with the same script.

Issue 15 adds a performance tree of 5 tujuan, 15 sasaran, 40 programmes, 150 kegiatan and 400
sub-kegiatan (bench/tree_data.py) and two pages to the journey: the tree page and a programme's page;
its item 4 the monitoring page of a Bidang (bench/pk_data.py). `--only tree` runs those three pages
alone (the header search and the audit log too until 6 December 2026, D213).

This file is also the locustfile: locust imports it (`-f bench/web_bench.py`) and gets the user
class defined at the bottom, which only exists when the module is imported, not run.
"""

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DB = OUT / "web-x1.sqlite3"
CACHE = OUT / "web-cache"
ACCESS_LOG = OUT / "web-access.log"
VENV = ROOT / ".venv" / "bin"
PASSWORD = "kinerja-demo-2025"  # kinerja demo_users
KODE, PERIODE = "IKU-2", "2025-Q4"
TAHUN = 2025
# The tree page and a programme's page of the generated tree (bench/tree_data.py); the node's id is
# looked up once (`node_path`). `--only tree` runs only these two pages.
TREE = f"/kinerja/pohon/?tahun={TAHUN}"
MONITORING = f"/kinerja/pohon/monitoring/?tahun={TAHUN}&bidang=rehabilitasi"
ACCOUNTS = ["kadis", "staf.rehabilitasi", "kabid.rehabilitasi", "auditor", "perencana"]
UPLOADER = "staf.rehabilitasi"
UPLOAD_CSV = (
    "nik,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,jenis_layanan,tanggal\n"
    "6300000000000011,Orang 11,P,1980-01-01,63.72.04.1003,permakanan,2025-10-01\n"
    "6300000000000012,Orang 12,L,1975-05-05,63.72.04.1003,sandang,2025-10-02\n"
    "6300000000000013,Orang 13,P,1990-02-02,63.72.02.1004,alat_bantu,2025-10-03\n"
    "1234,Salah,L,1990-02-02,63.72.02.1004,permakanan,2025-10-03\n"
    "6300000000000015,Orang 15,L,1960-03-03,63.72.05.1001,pijat,2025-10-04\n"
)


PG_HOST = "postgres://postgres@127.0.0.1:5432"
PG_DB = "kin_web_bench"
# `--db postgres` (issue 17's speed goals are at x1 on PostgreSQL); set by main() before the
# children start: the dataset's child and gunicorn read it through env().
DATABASE = {"url": f"sqlite:///{DB}", "cache": str(CACHE)}


def database_url(db: str, pg_db: str = PG_DB) -> str:
    return f"{PG_HOST}/{pg_db}" if db == "postgres" else f"sqlite:///{DB}"


def create_pg(pg_db: str) -> None:
    """The bench's own PostgreSQL database (kept between runs, like the SQLite file)."""
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_db], check=False, capture_output=True
    )


def env() -> dict:
    return os.environ | {
        "DATABASE_URL": DATABASE["url"],
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "FIGURE_CACHE_LOCATION": DATABASE["cache"],
        "DEBUG": "0",
        # The bench signs in with passwords only: the second factor (D87) is a person's phone.
        "KINERJA_2FA_WAJIB": "0",
    }


# -- 1. the dataset ------------------------------------------------------------------------------
def prepare() -> None:
    """Runs in a child process: DATABASE_URL must be set before Django starts."""
    sys.path.insert(0, str(ROOT / "bench"))
    import compute_bench as cb  # the engine benchmark's x1 generator and loader

    cb._setup_django()
    from django.core.management import call_command

    from kinerja.performance.models import Target
    from kinerja.registries.demo import generate_demo_files
    from kinerja.registries.imports import run_import

    folder = OUT / "x1"
    t0 = time.perf_counter()
    if (folder / "registries_layanan.parquet").exists():
        tables = cb.read_parquet(folder)
    else:
        tables = cb.generate(1)
        cb.write_parquet(tables, folder)
    seconds = cb.load_database(folder, 1)  # 0 when the database already holds x1
    print(f"x1 registries: {sum(map(len, tables.values())):,} rows, loaded in {seconds:.0f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        # The rows came with their ids (COPY): move each id sequence past them, so that a clerk's
        # import on this database (bench/first_load_bench.py) gets new ids, not a conflict.
        with connection.cursor() as cur:
            for table in cb.COLUMNS:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                    f" (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)",
                    [table],
                )
    if not Target.objects.exists():
        files = generate_demo_files(OUT / "web-demo", seed=2025, scale=0.01)
        for kind in ("target", "anggaran"):
            r = run_import(kind, files.paths[kind], original_name=f"demo/{kind}.csv")
            print(f"{kind}: {r.accepted} rows")
    call_command("demo_users", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The bench signs in with passwords only (KINERJA_2FA_WAJIB=0 in env()): the demo accounts'
    # TOTP devices are removed from this bench database, or staf and kabid would be asked a code.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.all().delete()
    from tree_data import SIZES, build_tree  # issue 15: 5/15/40/150/400 nodes

    renstra = build_tree(TAHUN)
    from pk_data import build_pk  # issue 15 item 4: PKs of every echelon on that tree

    print(f"PK on the bench tree: {build_pk(renstra, TAHUN)} positions")
    print(f"performance tree {'/'.join(map(str, SIZES))}: {renstra.simpul.count()} nodes")
    print(f"approved for the public page: {approve_public()} figures")
    from audit_fill import fill_audit_log

    added = fill_audit_log(100_000)  # the audit log as a few years of use leave it (issue 17)
    print(f"audit log: {added:,} entries added (100,000 in all)")
    print(f"dataset ready in {time.perf_counter() - t0:.0f} s")


# Figures approved (and so frozen) by prepare(), so that the public page has content: IKU-1 and
# IKU-3B, each quarter and the year of TAHUN. IKU-2 stays a draft: bench/first_load_bench.py
# approves its Triwulan IV itself.
PUBLIC = {"IKU-1": "pemberdayaan", "IKU-3B": "linjamsos"}


def approve_public() -> int:
    """Submit, verify and approve the PUBLIC figures (once: a database holding an approval is kept)."""
    from django.contrib.auth import get_user_model

    from kinerja.performance.models import Persetujuan, Status
    from kinerja.performance.periods import Periode
    from kinerja.performance.services.workflow import workflow_transition

    if Persetujuan.objects.filter(status=Status.APPROVED).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.all()}
    done = 0
    for kode, bidang in PUBLIC.items():
        for q in (1, 2, 3, 4, None):
            for aksi, who in (("submit", f"staf.{bidang}"), ("verify", f"kabid.{bidang}"),
                              ("approve", "kadis")):  # fmt: skip
                workflow_transition(
                    aksi=aksi, kode=kode, periode=Periode(TAHUN, q), user=users[who]
                )
            done += 1
    return done


# -- 2. server and warm-up ---------------------------------------------------------------------
class Session:
    """A tiny cookie-keeping client (urllib) for the warm-up requests."""

    def __init__(self, base: str) -> None:
        import http.cookiejar

        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as r:
            return r.read().decode()

    def login(self, username: str) -> None:
        import urllib.parse

        token = csrf_of(self.get("/masuk/"))
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        req = urllib.request.Request(self.base + "/masuk/", data=data)
        req.add_header("Referer", self.base + "/masuk/")
        with self.opener.open(req, timeout=120) as r:
            assert r.url.endswith("/beranda/"), f"login of {username} failed: {r.url}"


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


PAGES = [
    "/beranda/",
    f"/kinerja/iku/{KODE}/{PERIODE}/",
    f"/angka/{KODE}/{PERIODE}/",
    f"/angka/{KODE}/{PERIODE}/?wilayah=63.72.02&status=bukan",
    f"/angka/{KODE}/{PERIODE}/?page=5",
    "/registri/orang/?q=Orang+4711",
    "/kinerja/audit/",
    "/kinerja/audit/?pengguna=perencana&dari=2025-01-01",
    "/registri/cari/?q=Orang+4711",
    "/publik/",
    f"/publik/?tahun={TAHUN}&triwulan=4",
]


def node_path(s: "Session") -> str:
    m = re.search(r'href="(/kinerja/pohon/simpul/\d+/\?tahun=\d+)"><title>PRO001', s.get(TREE))
    assert m, "the generated tree is not on the tree page"
    return m.group(1)


def warm(base: str) -> None:
    for username in ACCOUNTS:
        s = Session(base)
        s.login(username)
        pages = [*PAGES, TREE, node_path(s)]
        if username in ("kadis", "staf.rehabilitasi", "kabid.rehabilitasi", "auditor"):
            pages.append(MONITORING)
        for path in pages:
            if path.startswith("/kinerja/audit/") and username not in ("kadis", "auditor"):
                continue  # the audit log is theirs (and the admin's) only
            t0 = time.perf_counter()
            s.get(path)
            if username == ACCOUNTS[0]:
                print(f"  warm-up {path:<55} {time.perf_counter() - t0:6.2f} s")


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def report(prefix: Path) -> str:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115
    lines = [
        f"{'endpoint':<34} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}",
    ]
    for r in rows:
        name = "ALL" if r["Name"] == "Aggregated" else f"{r['Type']} {r['Name']}"
        lines.append(
            f"{name:<34} {r['Request Count']:>8} {r['Failure Count']:>6} {r['50%']:>6} "
            f"{r['95%']:>6} {r['99%']:>6} {float(r['Max Response Time']):>6.0f}"
        )
    return "\n".join(lines) + "\n(milliseconds)"


def server_times(offset: int) -> str:
    """p50/p95 of the time spent inside gunicorn per path (from its access log, after `offset`):
    what the server itself takes, against the client's figures, which add the wait in the queue."""
    times: dict[str, list[int]] = {}
    with open(ACCESS_LOG, encoding="utf-8") as f:
        f.seek(offset)
        for line in f:
            method, path, _status, ms = line.split()
            times.setdefault(f"{method} {path}", []).append(int(ms))
    lines = [f"{'inside the server':<40} {'requests':>8} {'p50':>6} {'p95':>6} {'max':>6}"]
    for name, ts in sorted(times.items()):
        ts.sort()
        p95 = ts[min(len(ts) - 1, int(len(ts) * 0.95))]
        lines.append(f"{name[:40]:<40} {len(ts):>8} {ts[len(ts) // 2]:>6} {p95:>6} {ts[-1]:>6}")
    return "\n".join(lines) + "\n(milliseconds)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--spawn-rate", type=int, default=5)
    ap.add_argument("--time", default="60s")
    ap.add_argument("--port", type=int, default=8766)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--include-ramp", action="store_true", help="count the spawning phase (sign-ins) too"
    )
    ap.add_argument(
        "--only",
        choices=["all", "tree"],
        default="all",
        help="tree: only the tree, node and monitoring pages",
    )
    ap.add_argument(
        "--code",
        default=str(ROOT),
        help="serve the application from this folder (e.g. `git archive OLD kinerja` extracted "
        "there) to compare commits with the same script; PYTHONPATH would not do: gunicorn puts "
        "its --chdir first on sys.path",
    )
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--pg-db", default=PG_DB, help="PostgreSQL database (default %(default)s)")
    ap.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    DATABASE["url"] = database_url(args.db, args.pg_db)
    if args.db == "postgres":
        DATABASE["cache"] = str(OUT / f"web-cache-{args.pg_db}")
        if not args.prepare:
            create_pg(args.pg_db)
    if args.prepare:
        prepare()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, __file__, "--prepare", "--db", args.db, "--pg-db", args.pg_db],
        env=env(), check=True,
    )  # fmt: skip

    base = f"http://127.0.0.1:{args.port}"
    log = open(OUT / "web-gunicorn.log", "w")  # noqa: SIM115
    gunicorn = subprocess.Popen(
        [str(VENV / "gunicorn"), "kinerja.wsgi", "-b", f"127.0.0.1:{args.port}",
         "-w", str(args.workers), "--timeout", "120", "--chdir", args.code,
         # Time inside the server per request (%(M)s ms), to set beside the client's figures.
         "--access-logfile", str(ACCESS_LOG), "--access-logformat", "%(m)s %(U)s %(s)s %(M)s"],
        env=env(), cwd=ROOT, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        wait_for(base + "/masuk/")
        print("warming the figure cache (one request per page and account):")
        warm(base)
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        started = ACCESS_LOG.stat().st_size  # the warm-up's lines are not counted
        prefix = OUT / "web"
        cmd = [
            str(VENV / "locust"), "-f", __file__, "--headless", "-u", str(args.users),
            "-r", str(args.spawn_rate), "-t", args.time, "--host", base, "--csv", str(prefix),
            "--only-summary", "--stop-timeout", "10",
        ]  # fmt: skip
        if not args.include_ramp:
            # Steady state: the 20 sign-ins (password hashing) happen while users are spawned;
            # statistics start once all users run the journey the issue names.
            cmd.append("--reset-stats")
        print("$", " ".join(c.replace(str(ROOT) + "/", "") for c in cmd))
        bench_env = {"BENCH_ONLY": args.only, "BENCH_RAMP": "1" if args.include_ramp else ""}
        subprocess.run(cmd, cwd=ROOT, check=False, env=os.environ | bench_env)
        load_after = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()
    print()
    print(f"application served from {args.code}")
    print(report(prefix))
    print(server_times(started))
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)}")


if __name__ == "__main__":
    main()
else:  # imported by locust
    import gevent
    from locust import HttpUser, between, task

    ONLY_TREE = os.environ.get("BENCH_ONLY") == "tree"
    RAMP = bool(os.environ.get("BENCH_RAMP"))

    class Petugas(HttpUser):
        """One member of staff: signs in once, then reads figures, searches, uploads."""

        wait_time = between(1, 3)
        _next = 0
        _signed_in = 0
        _reset = False

        def on_start(self) -> None:
            Petugas._next += 1
            self.username = ACCOUNTS[Petugas._next % len(ACCOUNTS)]
            token = csrf_of(self.client.get("/masuk/", name="/masuk/ (form)").text)
            with self.client.post(
                "/masuk/",
                data={
                    "username": self.username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": self.host + "/masuk/"},
                name="/masuk/ (login)",
                catch_response=True,
            ) as r:
                if not r.url.endswith("/beranda/"):
                    r.failure(f"login of {self.username} failed")
            Petugas._signed_in += 1
            runner = self.environment.runner
            if RAMP or runner is None:
                return
            # Steady state: --reset-stats fires when the users are spawned, while their sign-ins
            # (password hashing, 0.5 s of CPU each) still run, and the pages asked meanwhile queue
            # behind them. So every user waits for the last sign-in, the statistics restart, and
            # the users start spread over a think time, as they would be after a while.
            while Petugas._signed_in < runner.target_user_count:
                gevent.sleep(0.2)
            if not Petugas._reset:
                Petugas._reset = True
                runner.stats.reset_all()
                print(f"all {Petugas._signed_in} users signed in: statistics reset", flush=True)
            gevent.sleep(random.uniform(0, 3))

        @task(3)
        def dashboard(self) -> None:
            if ONLY_TREE:
                return self.tree()
            self.client.get("/beranda/", name="/beranda/")

        @task(2)
        def tree(self) -> None:
            self.client.get(TREE, name="/kinerja/pohon/?tahun=")

        @task(2)
        def node(self) -> None:
            if not hasattr(self, "node_url"):
                m = re.search(r'href="(/kinerja/pohon/simpul/\d+/\?tahun=\d+)"><title>PRO001',
                              self.client.get(TREE, name="/kinerja/pohon/?tahun=").text)  # fmt: skip
                self.node_url = m.group(1) if m else TREE
            self.client.get(self.node_url, name="/kinerja/pohon/simpul/[id]/")

        @task(2)
        def monitoring(self) -> None:
            if self.username == "perencana":
                return self.tree()
            self.client.get(MONITORING, name="/kinerja/pohon/monitoring/?bidang=")

        @task(2)
        def figure(self) -> None:
            if ONLY_TREE:
                return self.node()
            self.client.get(
                f"/kinerja/iku/{KODE}/{PERIODE}/", name="/kinerja/iku/[kode]/[periode]/"
            )

        @task(2)
        def drilldown(self) -> None:
            if ONLY_TREE:
                return self.node()
            q = random.choice(["", "?wilayah=63.72.02&status=bukan", "?page=5"])
            self.client.get(f"/angka/{KODE}/{PERIODE}/{q}", name="/angka/[kode]/[periode]/")

        @task(2)
        def search(self) -> None:
            if ONLY_TREE:
                return self.node()
            q = random.choice(["Orang+4711", "Orang+123", "63000000000042"])
            self.client.get(f"/registri/orang/?q={q}", name="/registri/orang/?q=")

        @task(1)
        def audit_log(self) -> None:
            """The audit log (issue 17 item 3): its first page, a filtered page, a later page. Only
            the Kepala Dinas and the auditor read it; the others look at the dashboard instead."""
            if self.username not in ("kadis", "auditor") or ONLY_TREE:
                return self.dashboard()
            q = random.choice(["", "?pengguna=perencana&dari=2025-01-01", "?hal=40"])
            self.client.get(f"/kinerja/audit/{q}", name="/kinerja/audit/")

        @task(2)
        def header_search(self) -> None:
            """The header's search box (issue 17 item 5): a name, an id_lokal, a NIK."""
            if ONLY_TREE:
                return self.node()
            q = random.choice(["Orang+4711", "Orang+12", "6300000000000042"])
            self.client.get(f"/registri/cari/?q={q}", name="/registri/cari/?q=")

        @task(2)
        def public(self) -> None:
            """The public page (issue 17 item 8): the latest year with approved figures, or one
            quarter of it. The journey's users are signed in; the page is the same for anyone."""
            q = random.choice(["", f"?tahun={TAHUN}&triwulan=4"])
            self.client.get(f"/publik/{q}", name="/publik/")

        @task(1)
        def upload(self) -> None:
            if self.username != UPLOADER or ONLY_TREE:
                return self.dashboard()
            form = self.client.get("/registri/unggah/layanan/", name="/registri/unggah/[kind]/")
            with self.client.post(
                "/registri/unggah/layanan/",
                data={"csrfmiddlewaretoken": csrf_of(form.text)},
                files={"file": ("layanan.csv", UPLOAD_CSV.encode(), "text/csv")},
                headers={"Referer": self.host + "/registri/unggah/layanan/"},
                name="/registri/unggah/[kind]/ (POST+pratinjau)",
                catch_response=True,
            ) as r:
                # The preview is the worker's (D68): the page shows it, or that it is on its way.
                shown = "Akan ditolak" in r.text or "sedang diperiksa" in r.text
                if "/pratinjau/" not in r.url or not shown:
                    r.failure("no preview after the upload")
