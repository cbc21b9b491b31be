"""The audit log page at 100,000 entries (issue 17 item 3): each view timed in-process.

    DATABASE_URL=sqlite:///bench/out/audit.sqlite3 .venv/bin/python bench/audit_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kin_audit .venv/bin/python bench/audit_bench.py

Migrates the database, creates the demo accounts, fills the log to 100,000 chained entries
(bench/audit_fill.py; kept between runs), then requests each page 5 times as the Kepala Dinas
through Django's test client and prints the median and the slowest, plus the XLSX export of one
month and the chain check of both chains (which the page's button leaves to the worker).
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'out' / 'audit.sqlite3'}")
(ROOT / "bench" / "out").mkdir(exist_ok=True)

PAGES = [
    ("first page", {}),
    ("one user", {"pengguna": "perencana"}),
    ("one action", {"aksi": "persetujuan_verify"}),
    ("one object", {"objek": "IKU-2"}),
    ("one month", {"dari": "2025-06-01", "sampai": "2025-06-30"}),
    ("user + month", {"pengguna": "kadis", "dari": "2025-06-01", "sampai": "2025-06-30"}),
    ("page 1,000", {"hal": "1000"}),
    ("last page", {"hal": "2000"}),
]


def timed(fn, runs: int = 5) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), result


def main() -> None:
    import django

    django.setup()
    from audit_fill import fill_audit_log
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from kinerja.audit.models import AuditEntry
    from kinerja.organisation.models import User

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_COOKIES = settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.KINERJA_2FA_WAJIB = False
    call_command("migrate", verbosity=0)
    call_command("demo_users", stdout=open(os.devnull, "w"))  # noqa: SIM115
    t0 = time.perf_counter()
    added = fill_audit_log(100_000)
    print(f"{connection.vendor}: {AuditEntry.objects.count():,} entries "
          f"({added:,} added in {time.perf_counter() - t0:.0f} s)")  # fmt: skip
    if connection.vendor == "postgresql":
        # As autovacuum leaves a settled table: statistics, and the visibility map that lets
        # COUNT(*) read an index only (the transaction of migrate is over: VACUUM may run).
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE audit_auditentry")
    client = Client()
    client.force_login(User.objects.get(username="kadis"))
    url = reverse("performance:audit_log")
    print(f"{'page':<16} {'entries':>8} {'median ms':>10} {'max ms':>8}")
    for name, params in PAGES:
        med, worst, r = timed(lambda p=params: client.get(url, p))
        assert r.status_code == 200, (name, r.status_code)
        count = re.search(r"<p>([\d.,]+) entri\.</p>", r.content.decode())
        print(f"{name:<16} {count[1] if count else '?':>8} {med:>10.0f} {worst:>8.0f}")
    month = {"dari": "2025-06-01", "sampai": "2025-06-30", "ekspor": "xlsx"}
    med, worst, r = timed(lambda: client.get(url, month), runs=3)
    print(f"{'XLSX one month':<16} {'':>8} {med:>10.0f} {worst:>8.0f}  ({len(r.content):,} bytes)")
    from kinerja.audit.checks import chain_check  # what the worker runs for the page's button

    med, worst, c = timed(lambda: chain_check(nama="bench"), runs=1)
    print(f"{'chain check':<16} {c.audit_diperiksa:>8,} {med:>10.0f} {worst:>8.0f}  "
          f"(both chains, in the worker; intact: {c.audit_utuh and c.akses_utuh})")  # fmt: skip


if __name__ == "__main__":
    main()
