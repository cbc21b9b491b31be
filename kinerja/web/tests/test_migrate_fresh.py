"""`kinerja migrate` on an empty database gives the catalogue and regions, with no other step."""

import os
import sqlite3
import subprocess
import sys


def test_migrate_fresh_sqlite_file(tmp_path):
    db = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    cmd = [sys.executable, "-m", "kinerja.manage", "migrate", "--noinput"]
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
    con = sqlite3.connect(db)
    codes = [r[0] for r in con.execute("select kode from indicators_indikator order by urutan")]
    assert codes == ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]
    kel = con.execute("select count(*) from regions_wilayah where tingkat='kelurahan'").fetchone()
    assert kel[0] == 20
    assert con.execute("select count(*) from organisation_user").fetchone()[0] == 0
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
