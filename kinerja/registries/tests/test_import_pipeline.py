"""The pipelined import (D19g): batch N written in a second thread and connection while batch N+1 is
planned must give exactly what the plain import gives, batch for batch.

These tests commit (transactional_db), so that the writer thread's own connection sees the data, as
in production; the test database is a file on SQLite too (settings), so they run on both databases.
"""

import datetime as dt
import logging
import re

import pytest
from django.db import connection
from django.test import override_settings

from kinerja.registries.imports import run_import
from kinerja.registries.imports.kinds.layanan import LayananKind
from kinerja.registries.models import Bencana, Impor, Korban, Layanan, Orang, Ppks

from .importing import IDENTITY, KEL, read_rejects, write_csv

pytestmark = pytest.mark.django_db(transaction=True)

LAYANAN = [*IDENTITY, "jenis_layanan", "tanggal", "program", "nilai_rp", "keterangan"]
PPKS = [*IDENTITY, "jenis_ppks", "tanggal_daftar", "tanggal_selesai", "lokasi"]
KORBAN = [*IDENTITY, "kode_kejadian", "kondisi"]
NIK_A = "6372044501900001"  # new in the file: created by batch 1, named again by later batches
NIK_B = "6372040501900002"  # registered before the import
NIK_C = "6372041203850003"


def person(nik="", id_lokal="", nama="", jk="", lahir="", kel=KEL):
    return [nik, id_lokal, nama, jk, lahir, "", kel]


def layanan_file(tmp_path):
    """Batches of 3 rows. Each batch changes what the previous one wrote before it is committed."""
    rows = [
        # batch 1 (rows 2-4): a new person and her service; a registered person's service
        [*person(NIK_A, nama="Siti"), "permakanan", "2024-02-01", "", "", ""],
        [*person(NIK_B), "sandang", "2024-02-01", "", "50000", ""],
        [*person("", "LOK-1", nama="Tanpa NIK"), "rujukan", "2024-02-02", "", "", ""],
        # batch 2 (rows 5-7): the same service of the new person, a new value; her id_lokal
        [*person(NIK_A, "LOK-A"), "permakanan", "2024-02-01", "", "200000", ""],
        [*person(NIK_B), "sandang", "2024-02-01", "", "", "diantar"],
        [*person("", "LOK-1", lahir="1970-05-05"), "rujukan", "2024-03-02", "", "", ""],
        # batch 3 (rows 8-10): a bad row, an identical row (changes nothing), a conflict
        [*person(NIK_A), "pijat", "2024-02-01", "", "", ""],
        [*person(NIK_A, "LOK-A"), "permakanan", "2024-02-01", "", "200000", ""],
        [*person(NIK_C, "LOK-A", nama="Lain"), "permakanan", "2024-02-03", "", "", ""],
        # batch 4 (rows 11-12): the new person's birth date (not her NIK's), a second service
        [*person(NIK_A, lahir="1990-01-06"), "sandang", "2024-04-01", "Bansos", "75000", ""],
        [*person("", "LOK-1"), "rujukan", "2024-02-02", "", "10000", ""],
    ]
    return write_csv(tmp_path / "layanan.csv", LAYANAN, rows)


def by_repr(rows):
    return sorted(rows, key=repr)  # rows hold None next to text


def snapshot():
    """Everything the import wrote, ids and clocks left out (they differ between runs)."""

    def who(o):
        return (o.nik, o.id_lokal)

    people = by_repr(
        (who(o), o.nama, o.jenis_kelamin, o.tanggal_lahir, o.nik_tidak_cocok, o.impor_baris)
        for o in Orang.objects.all()
    )
    people_history = by_repr(
        (h.nik, h.id_lokal, h.nama, h.history_type, re.sub(r"#\d+", "#", h.history_change_reason))
        for h in Orang.history.all()
    )
    layanan = by_repr(
        (who(x.orang), x.jenis_id, x.tanggal, x.program, x.nilai_rp, x.keterangan, x.impor_baris)
        for x in Layanan.objects.select_related("orang")
    )
    layanan_history = by_repr(
        (x.jenis_id, x.tanggal, x.nilai_rp, x.keterangan, x.history_type, x.impor_baris)
        for x in Layanan.history.all()
    )
    ppks = by_repr(
        (who(x.orang), x.jenis_id, x.tanggal_daftar, x.tanggal_selesai, x.lokasi)
        for x in Ppks.objects.select_related("orang")
    )
    korban = by_repr((who(x.orang), x.kondisi) for x in Korban.objects.select_related("orang"))
    histories = (Ppks.history.count(), Korban.history.count())
    return people, people_history, layanan, layanan_history, ppks, korban, histories


def wipe():
    """Back to the state before the import (this test's database commits)."""
    for model in (Layanan, Korban, Ppks):
        model.objects.all().delete()
        model.history.all().delete()
    Orang.objects.all().delete()
    Orang.history.all().delete()
    Impor.objects.all().delete()
    register_b()


def register_b():
    Orang.objects.create(nik=NIK_B, nama="Budi", jenis_kelamin="L", kelurahan_id=KEL)
    Orang.history.all().delete()


@pytest.fixture
def registered(seeded_transactional_db):
    register_b()


def both_ways(run, caplog):
    """`run()` pipelined, then plain, from the same starting state; both outcomes and states,
    with how many batches the database refused (a carried-over record missed would show there:
    the row-by-row retry would hide it from the counts)."""
    assert connection.vendor == "postgresql" or not connection.is_in_memory_db()
    outcomes = []
    for paralel in (True, False):
        caplog.clear()
        with override_settings(KINERJA_IMPOR_PARALEL=paralel), caplog.at_level(logging.WARNING):
            result = run()
        assert result.paralel is paralel
        refused = sum("retrying row by row" in r.getMessage() for r in caplog.records)
        rejects = read_rejects(result.rejects_path) if result.rejects_path else []
        outcomes.append(
            (
                (result.rows_read, result.accepted, result.rejected),
                # The database's own message names row ids, which differ between the runs.
                [(r["baris"], r["alasan_ditolak"].split(" (")[0]) for r in rejects],
                snapshot(),
                refused,
            )
        )
        wipe()
    return outcomes


def test_pipelined_layanan_equals_the_plain_import(tmp_path, registered, caplog):
    path = layanan_file(tmp_path)
    pipelined, plain = both_ways(lambda: run_import("layanan", path, batch_size=3), caplog)
    assert pipelined == plain
    counts, rejects, (people, people_history, layanan, layanan_history, *_), refused = pipelined
    assert refused == 0
    assert counts == (11, 9, 2)
    assert [r[0] for r in rejects] == ["8", "10"]
    # The new person, created by batch 1, got her id_lokal from batch 2 and a birth date that
    # disagrees with her NIK from batch 4.
    assert ((NIK_A, "LOK-A"), "Siti", "P", dt.date(1990, 1, 6), True, 11) in people
    assert len(people) == 3  # A, B and LOK-1: nobody twice
    # Her first service was created by batch 1 and changed by batch 2 (before 1 was committed).
    assert ((NIK_A, "LOK-A"), "permakanan", dt.date(2024, 2, 1), "", 200000, "", 5) in layanan
    assert ((NIK_B, None), "sandang", dt.date(2024, 2, 1), "", 50000, "diantar", 6) in layanan
    assert len(layanan) == 5
    firsts = [h for h in layanan_history if h[:2] == ("permakanan", dt.date(2024, 2, 1))]
    assert sorted(h[4] for h in firsts) == ["+", "~"]  # row 9, identical, wrote nothing
    assert sorted(h[3] for h in people_history if h[0] == NIK_A) == ["+", "~", "~"]


def test_pipelined_import_again_changes_nothing(tmp_path, registered):
    path = layanan_file(tmp_path)
    with override_settings(KINERJA_IMPOR_PARALEL=True):
        run_import("layanan", path, batch_size=3)
        before = snapshot()
        again = run_import("layanan", path, batch_size=3)
    assert again.paralel and (again.accepted, again.rejected) == (9, 2)
    assert snapshot() == before


def test_pipelined_ppks_and_korban_equal_the_plain_import(tmp_path, registered, caplog):
    Bencana.objects.create(
        kode_kejadian="BNC-1", jenis="alam", tanggal_kejadian="2024-02-01", wilayah_id=KEL
    )
    ppks = write_csv(
        tmp_path / "ppks.csv",
        PPKS,
        [
            [*person(NIK_A, nama="Siti"), "anak_telantar", "2024-01-10", "", ""],
            [*person(NIK_B), "lanjut_usia_telantar", "2024-01-10", "", "dalam_panti"],
            [*person(NIK_A), "anak_telantar", "2024-01-10", "2024-06-30", ""],  # batch 2
            [*person(NIK_C, nama="Cici"), "anak_telantar", "2024-01-11", "2023-01-01", ""],
            [*person(NIK_B), "lanjut_usia_telantar", "2024-01-10", "2024-05-01", ""],  # batch 3
        ],
    )
    korban = write_csv(
        tmp_path / "korban.csv",
        KORBAN,
        [
            [*person(NIK_A, nama="Siti"), "BNC-1", ""],
            [*person(NIK_C, nama="Cici"), "bnc-1", "luka"],
            [*person(NIK_A), "BNC-1", "mengungsi"],  # batch 2
            [*person(NIK_C), "BNC-2", ""],
        ],
    )

    def run():
        first = run_import("ppks", ppks, batch_size=2)
        second = run_import("korban", korban, batch_size=2)
        assert first.paralel == second.paralel
        second.rows_read += first.rows_read
        second.accepted += first.accepted
        second.rejected += first.rejected
        return second

    pipelined, plain = both_ways(run, caplog)
    assert pipelined == plain
    counts, _, (people, _, _, _, ppks_rows, korban_rows, histories), refused = pipelined
    assert refused == 0
    assert counts == (9, 7, 2)
    a = ((NIK_A, None), "anak_telantar", dt.date(2024, 1, 10), dt.date(2024, 6, 30), "luar_panti")
    b = (
        (NIK_B, None),
        "lanjut_usia_telantar",
        dt.date(2024, 1, 10),
        dt.date(2024, 5, 1),
        "dalam_panti",
    )
    assert by_repr(ppks_rows) == by_repr([a, b])
    assert by_repr(korban_rows) == by_repr([((NIK_A, None), "mengungsi"), ((NIK_C, None), "luka")])
    assert histories == (4, 3)  # ppks: 2 created, 2 changed; korban: 2 created, 1 changed


def test_refused_batch_in_flight_is_written_row_by_row(tmp_path, registered, monkeypatch, caplog):
    """The database refuses batch 2 while batch 3 is being planned on top of it: batch 2 is
    written again row by row, batch 3 is planned again, and the result is the plain import's."""
    seed = write_csv(
        tmp_path / "seed.csv",
        LAYANAN,
        [[*person(NIK_B), "sandang", "2024-02-05", "", "", ""]],
    )
    rows = [
        [*person(NIK_A, nama="Siti"), "permakanan", "2024-02-01", "", "", ""],
        [*person(NIK_B), "permakanan", "2024-02-01", "", "", ""],
        [*person(NIK_A), "sandang", "2024-02-05", "", "", ""],  # batch 2
        [*person(NIK_B), "sandang", "2024-02-05", "", "1000", ""],  # refused: already there
        [*person(NIK_A), "sandang", "2024-02-05", "", "2000", ""],  # batch 3: updates row 4's
        [*person(NIK_C, nama="Cici"), "rujukan", "2024-02-06", "", "", ""],
    ]
    path = write_csv(tmp_path / "l.csv", LAYANAN, rows)

    def run():
        run_import("layanan", seed)
        monkeypatch.setattr(LayananKind, "prefetch", blind_prefetch)
        try:
            result = run_import("layanan", path, batch_size=2)
        finally:
            monkeypatch.undo()
        # Counted in each batch's (and each retried row's) own transaction, D112: they add up.
        impor = Impor.objects.get(pk=result.impor_id)
        assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (6, 5, 1)
        return result

    pipelined, plain = both_ways(run, caplog)
    assert pipelined == plain
    counts, rejects, (people, _, layanan, *_), refused = pipelined
    assert refused == 1
    assert counts == (6, 5, 1)
    assert rejects[0][0] == "5" and rejects[0][1].startswith("ditolak basis data")
    assert ((NIK_A, None), "sandang", dt.date(2024, 2, 5), "", 2000, "", 6) in layanan
    assert len(layanan) == 5 and len(people) == 3


original_prefetch = LayananKind.prefetch


def blind_prefetch(self, batch, items):
    """Does not see NIK_B's records in the database (as if another writer added them since)."""
    original_prefetch(self, batch, [i for i in items if i.identity.nik != NIK_B])


class Boom(RuntimeError):
    pass


def test_crash_in_the_writer_keeps_whole_batches_and_rerun_completes(tmp_path, registered, caplog):
    path = layanan_file(tmp_path)
    original = LayananKind.write
    calls = {"n": 0}

    def failing_write(self, batch):
        calls["n"] += 1
        if calls["n"] == 2:  # batch 2's rows are written, then it fails before COMMIT
            raise Boom("disk full")
        original(self, batch)

    with override_settings(KINERJA_IMPOR_PARALEL=True):
        LayananKind.write = failing_write
        try:
            with pytest.raises(Boom):
                run_import("layanan", path, batch_size=3)
        finally:
            LayananKind.write = original
        # Batch 1 only: 3 services, 2 new people; batch 3 was planned but never written.
        assert Layanan.objects.count() == 3 and Orang.objects.count() == 3
        failed = Impor.objects.get()
        # The user reads an Indonesian message; the exception's own words go to the log only.
        assert failed.status == "gagal" and failed.pesan.startswith("kesalahan sistem")
        assert "disk full" not in failed.pesan and "disk full" in caplog.text
        assert (failed.baris_dibaca, failed.diterima, failed.ditolak) == (3, 3, 0)
        again = run_import("layanan", path, batch_size=3)
    assert again.paralel and (again.accepted, again.rejected) == (9, 2)
    assert Layanan.objects.count() == 5 and Orang.objects.count() == 3


class Killed(BaseException):
    """The process dies right after a COMMIT, before the importing thread hears of it (kill -9)."""


@pytest.mark.parametrize("paralel", [True, False], ids=["pipeline", "satu-per-satu"])
def test_row13_counts_committed_with_their_batch_survive_a_kill(
    tmp_path, registered, monkeypatch, paralel
):
    """Issue 12 row 13: after kill -9 the running import's recorded counts lagged the saved rows
    (they were written after the batch's COMMIT). Now they are part of the batch's transaction."""
    from kinerja.registries.imports import batches, pipeline

    rows = [
        [*person("", f"LOK-{i}", nama=f"Warga {i}"), "permakanan", "2024-02-01", "", "", ""]
        for i in range(9)
    ]
    rows[1][7] = "pijat"  # batch 1: one row rejected
    path = write_csv(tmp_path / "layanan.csv", LAYANAN, rows)
    original = batches.run_writes
    commits = {"n": 0}

    def commit_then_die(writes, ctx):
        original(writes, ctx)  # committed
        commits["n"] += 1
        if commits["n"] == 2:
            raise Killed

    monkeypatch.setattr(pipeline if paralel else batches, "run_writes", commit_then_die)
    with override_settings(KINERJA_IMPOR_PARALEL=paralel), pytest.raises(Killed):
        run_import("layanan", path, batch_size=3)
    impor = Impor.objects.get()
    saved = Layanan.objects.filter(impor=impor).count()
    assert saved == 5  # batches 1 (2 of 3 rows) and 2 (3 rows) committed, batch 3 never written
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (6, saved, 1)


def test_sheet_broken_midway_counts_the_batch_in_flight(tmp_path, registered):
    """An XLSX sheet breaking off while batch N is still being written (D111): the message names
    what the database holds, batch N included."""
    from .xlsx_bombs import write_xlsx

    rows = [
        [*person("", f"LOK-{i}", nama=f"Warga {i}"), "permakanan", "2024-02-01", "", "", ""]
        for i in range(5)
    ]
    path = write_xlsx(
        tmp_path / "layanan.xlsx", [LAYANAN, *rows], dimension="L1:L9", sheet_tail="<row r="
    )
    with override_settings(KINERJA_IMPOR_PARALEL=True):
        result = run_import("layanan", path, batch_size=2)
    assert result.paralel and result.exit_code == 2
    saved = Layanan.objects.count()
    assert saved == 4  # batches 1 and 2; the break is found while batch 3 is collected
    assert f"{saved} baris sebelumnya sudah tersimpan" in result.fatal
    impor = Impor.objects.get()
    assert (impor.status, impor.diterima) == ("gagal", saved)
