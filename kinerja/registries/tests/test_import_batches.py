"""Natural keys, re-import, dry run, batches and crashes."""

import datetime as dt

import pytest

from kinerja.registries.imports import run_import
from kinerja.registries.imports.kinds.layanan import LayananKind
from kinerja.registries.models import (
    DtksAnggota,
    DtksPeriode,
    Impor,
    KegiatanPelatihan,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
)

from .importing import IDENTITY, KEL, NIK_L, NIK_P, person_row, psks, read_rejects, write_csv  # noqa: F401

pytestmark = pytest.mark.django_db
LAYANAN = [*IDENTITY, "jenis_layanan", "tanggal", "program", "nilai_rp", "kode_kejadian"]
PPKS = [*IDENTITY, "jenis_ppks", "tanggal_daftar", "tanggal_selesai", "lokasi"]


def nik(i: int) -> str:
    return f"637204{(i % 28) + 1:02d}0190{i + 1:04d}"


def layanan_rows(n: int, *, bad_every: int = 0) -> list[list[str]]:
    rows = []
    for i in range(n):
        row = [
            nik(i),
            "",
            f"Warga {i}",
            "L",
            "",
            "",
            KEL,
            "permakanan",
            "2024-02-01",
            "",
            "150000",
            "",
        ]
        if bad_every and i % bad_every == bad_every - 1:
            row[7] = "pijat"
        rows.append(row)
    return rows


def history_counts():
    return (Orang.history.count(), Layanan.history.count(), Ppks.history.count())


def test_duplicate_in_file_updates_never_duplicates(tmp_path):
    rows = [
        [*person_row(), "anak_telantar", "2024-01-10", "", ""],
        [*person_row(), "anak_telantar", "10/01/2024", "2024-06-30", "dalam_panti"],
    ]
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, rows))
    assert (result.accepted, result.rejected) == (2, 0)
    p = Ppks.objects.get()
    assert (p.tanggal_selesai, p.lokasi, p.impor_baris) == (dt.date(2024, 6, 30), "dalam_panti", 3)


def test_duplicate_across_batches_updates(tmp_path):
    rows = [[*person_row(), "anak_telantar", "2024-01-10", "", ""]] * 2 + [
        [*person_row(), "anak_telantar", "2024-01-10", "2024-06-30", ""]
    ]
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, rows), batch_size=1)
    assert result.accepted == 3
    p = Ppks.objects.get()
    assert p.tanggal_selesai == dt.date(2024, 6, 30)
    assert [h.history_type for h in p.history.order_by("history_id")] == ["+", "~"]
    assert Orang.history.count() == 1


def test_empty_part_of_layanan_key_is_part_of_the_key(tmp_path):
    header = [*IDENTITY, "jenis_layanan", "tanggal", "program"]
    rows = [
        [*person_row(), "permakanan", "2024-02-01", ""],
        [*person_row(), "permakanan", "2024-02-01", "Program A"],
        [*person_row(), "permakanan", "2024-02-01", ""],
    ]
    run_import("layanan", write_csv(tmp_path / "l.csv", header, rows))
    run_import("layanan", write_csv(tmp_path / "l2.csv", header, rows), batch_size=1)
    assert sorted(Layanan.objects.values_list("program", flat=True)) == ["", "Program A"]


def test_reimport_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(30, bad_every=7))
    first = run_import("layanan", path, batch_size=8)
    assert (first.rows_read, first.accepted, first.rejected) == (30, 26, 4)
    counts = history_counts()
    stamps = list(Layanan.objects.order_by("pk").values_list("updated_at", "impor_id"))
    people = list(Orang.objects.order_by("pk").values_list("updated_at", flat=True))
    second = run_import("layanan", path, batch_size=8)
    assert (second.rows_read, second.accepted, second.rejected) == (30, 26, 4)
    assert history_counts() == counts
    assert list(Layanan.objects.order_by("pk").values_list("updated_at", "impor_id")) == stamps
    assert list(Orang.objects.order_by("pk").values_list("updated_at", flat=True)) == people


def test_history_rows_written_for_created_records(tmp_path, users):
    user = users["staf_rehabilitasi"]
    result = run_import(
        "layanan", write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(3)), user=user
    )
    assert Layanan.history.count() == 3 and Orang.history.count() == 3
    layanan = Layanan.objects.order_by("pk").last()
    h = layanan.history.get()
    assert (h.history_type, h.history_user, h.history_change_reason) == (
        "+",
        user,
        f"impor #{result.impor_id} baris 4",
    )
    assert (h.nilai_rp, h.orang_id, h.impor_baris, h.created_by_id) == (
        150000,
        layanan.orang_id,
        4,
        user.pk,
    )
    assert (layanan.created_by, layanan.updated_by, layanan.impor_id) == (
        user,
        user,
        result.impor_id,
    )
    assert layanan.created_at is not None and layanan.kode_kabkota == "63.72"


def test_dry_run_saves_nothing_and_counts_the_same(tmp_path):
    path = write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(20, bad_every=6))
    dry = run_import("layanan", path, dry_run=True, batch_size=4)
    assert (
        not Orang.objects.exists() and not Layanan.objects.exists() and not Impor.objects.exists()
    )
    assert history_counts() == (0, 0, 0)
    real = run_import("layanan", path, batch_size=4)
    assert (
        (dry.rows_read, dry.accepted, dry.rejected)
        == (real.rows_read, real.accepted, real.rejected)
        == (20, 17, 3)
    )


def test_dry_run_sees_earlier_rows_across_batches(tmp_path):
    rows = [
        [*person_row(nik=NIK_P, id_lokal="DINSOS-1"), "anak_telantar", "2024-01-10", "", ""],
        [
            *person_row(nik="", id_lokal="DINSOS-1", nama=""),
            "pengemis",
            "2024-01-10",
            "",
            "",
        ],  # known by now
        [
            *person_row(nik=NIK_L, id_lokal="DINSOS-1", nama="Budi"),
            "pengemis",
            "2024-01-10",
            "",
            "",
        ],  # conflict
        [
            *person_row(nik=NIK_L, id_lokal="DINSOS-2", nama="Budi"),
            "pengemis",
            "2024-01-10",
            "",
            "",
        ],
        [
            *person_row(nik="", id_lokal="DINSOS-2", nama=""),
            "gelandangan",
            "2024-01-10",
            "",
            "",
        ],  # known
        [
            *person_row(nik=NIK_P, id_lokal="DINSOS-2"),
            "gelandangan",
            "2024-01-10",
            "",
            "",
        ],  # two people
    ]
    path = write_csv(tmp_path / "p.csv", PPKS, rows)
    dry = run_import("ppks", path, dry_run=True, batch_size=1, rejects_path=tmp_path / "dry.csv")
    real = run_import("ppks", path, batch_size=1, rejects_path=tmp_path / "real.csv")
    assert (dry.accepted, dry.rejected) == (real.accepted, real.rejected) == (4, 2)
    assert read_rejects(tmp_path / "dry.csv") == read_rejects(tmp_path / "real.csv")


def test_dry_run_with_existing_people(tmp_path):
    run_import(
        "ppks",
        write_csv(
            tmp_path / "a.csv",
            PPKS,
            [[*person_row(nik="", id_lokal="DINSOS-1"), "anak_telantar", "2024-01-10", "", ""]],
        ),
    )
    rows = [
        [
            *person_row(nik=NIK_P, id_lokal="DINSOS-1", nama=""),
            "pengemis",
            "2024-01-10",
            "",
            "",
        ],  # adds the NIK
        [
            *person_row(nik=NIK_P, id_lokal="DINSOS-9", nama=""),
            "pengemis",
            "2024-01-10",
            "",
            "",
        ],  # conflict now
    ]
    dry = run_import("ppks", write_csv(tmp_path / "b.csv", PPKS, rows), dry_run=True, batch_size=1)
    assert (dry.accepted, dry.rejected) == (1, 1)
    assert Orang.objects.get().nik is None


class Boom(RuntimeError):
    pass


def test_crash_mid_import_keeps_whole_batches_and_rerun_completes(tmp_path, monkeypatch, caplog):
    path = write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(10, bad_every=4))
    original = LayananKind.write
    calls = {"n": 0}

    def failing_write(self, batch):
        calls["n"] += 1
        original(self, batch)  # the records are written, then the batch fails before committing
        if calls["n"] == 2:
            raise Boom("disk full")

    monkeypatch.setattr(LayananKind, "write", failing_write)
    with pytest.raises(Boom):
        run_import("layanan", path, batch_size=4)
    # Batch 1 (rows 2-5: one bad) fully saved, batch 2 (rows 6-9) not at all, batch 3 never read.
    assert Layanan.objects.count() == 3
    assert Orang.objects.count() == 3
    assert Layanan.history.count() == 3 and Orang.history.count() == 3
    failed = Impor.objects.get()
    # The user reads an Indonesian message; the exception's own words go to the log only.
    assert failed.status == "gagal" and failed.pesan.startswith("kesalahan sistem")
    assert "disk full" not in failed.pesan and "disk full" in caplog.text
    assert (failed.baris_dibaca, failed.diterima, failed.ditolak) == (4, 3, 1)

    monkeypatch.setattr(LayananKind, "write", original)
    result = run_import("layanan", path, batch_size=4)
    assert (result.rows_read, result.accepted, result.rejected) == (10, 8, 2)
    assert Layanan.objects.count() == 8 and Orang.objects.count() == 8
    assert Layanan.history.count() == 8  # nothing written twice


def test_database_refusal_retries_row_by_row(tmp_path, monkeypatch):
    """Should the database still refuse a batch (e.g. another writer got there first), only the
    refused row is rejected and the others are saved."""
    run_import("layanan", write_csv(tmp_path / "a.csv", LAYANAN, layanan_rows(1)))
    monkeypatch.setattr(LayananKind, "prefetch", lambda self, batch, items: None)  # blind to the DB
    result = run_import("layanan", write_csv(tmp_path / "b.csv", LAYANAN, layanan_rows(3)))
    assert (result.rows_read, result.accepted, result.rejected) == (3, 2, 1)
    (rejected,) = read_rejects(result.rejects_path)
    assert rejected["baris"] == "2" and rejected["alasan_ditolak"].startswith("ditolak basis data")
    assert Layanan.objects.count() == 3
    # Retried row by row, each row counted in its own transaction; the database's words (English,
    # possibly quoting a stored value) are logged, not put in the reason.
    impor = Impor.objects.get(pk=result.impor_id)
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (3, 2, 1)
    assert rejected["alasan_ditolak"] == (
        "ditolak basis data: data bertentangan dengan data lain (diubah bersamaan)"
    )


def test_counts_always_add_up(tmp_path):
    rows = layanan_rows(25, bad_every=3) + [["", "", "", "", "", "", "", "", "", "", "", ""]]
    result = run_import("layanan", write_csv(tmp_path / "l.csv", LAYANAN, rows), batch_size=7)
    assert result.accepted + result.rejected == result.rows_read == 25
    assert len(read_rejects(result.rejects_path)) == result.rejected == 8
    impor = Impor.objects.get()  # counted batch by batch, in each batch's transaction (D112)
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (25, 17, 8)


def test_pelatihan_creates_activity_and_updates(tmp_path, psks):  # noqa: F811
    header = ["kode_kegiatan", "nama_kegiatan", "tanggal", "kode_psks"]
    path = write_csv(
        tmp_path / "p.csv",
        header,
        [
            ["BIMTEK-1", "", "2024-05-01", "PSKS-0001"],
            ["bimtek-1", "Bimtek Dasar", "2024-05-02", "psks-0001"],
        ],
    )
    result = run_import("pelatihan", path)
    assert result.accepted == 2
    k = KegiatanPelatihan.objects.get()
    assert (k.kode_kegiatan, k.nama_kegiatan) == ("BIMTEK-1", "Bimtek Dasar")
    assert Pelatihan.objects.get().tanggal == dt.date(2024, 5, 2)
    assert run_import("pelatihan", path).accepted == 2
    assert Pelatihan.history.count() == 1 and KegiatanPelatihan.history.count() == 1


def test_dtks_periode_and_member(tmp_path):
    header = ["periode", *IDENTITY, "desil"]
    rows = [
        ["2024-01", *person_row(), "3"],
        ["2024-01", *person_row(), "4"],
        ["2024-07", *person_row(), ""],
    ]
    result = run_import("dtks", write_csv(tmp_path / "d.csv", header, rows), batch_size=2)
    assert result.accepted == 3
    assert [str(p) for p in DtksPeriode.objects.order_by("periode")] == [
        "DTKS 2024-01",
        "DTKS 2024-07",
    ]
    assert sorted(DtksAnggota.objects.values_list("periode__periode", "desil")) == [
        (dt.date(2024, 1, 1), 4), (dt.date(2024, 7, 1), None)
    ]  # fmt: skip
    assert Orang.objects.count() == 1


def test_killed_import_is_closed_by_the_rerun(tmp_path, monkeypatch):
    """kill -9 leaves no chance to mark the run: the next run of the same file marks it failed,
    once it has made no progress for TERPUTUS_SETELAH; a run still making progress is left alone."""
    import datetime as dt

    from django.utils import timezone

    from kinerja.registries.imports.engine import TERPUTUS_SETELAH

    path = write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(5))
    long_ago = timezone.now() - TERPUTUS_SETELAH - dt.timedelta(minutes=1)
    dead = Impor.objects.create(jenis="layanan", nama_file="l.csv", status="berjalan")
    Impor.objects.filter(pk=dead.pk).update(mulai=long_ago, diperbarui=long_ago, baris_dibaca=2)
    alive = Impor.objects.create(jenis="layanan", nama_file="l.csv", status="berjalan")
    Impor.objects.filter(pk=alive.pk).update(diperbarui=timezone.now())
    other_file = Impor.objects.create(jenis="layanan", nama_file="x.csv", status="berjalan")
    Impor.objects.filter(pk=other_file.pk).update(mulai=long_ago)

    result = run_import("layanan", path, batch_size=2)
    assert (result.accepted, result.rejected) == (5, 0)
    dead.refresh_from_db()
    assert dead.status == "gagal"
    assert f"diulang oleh impor #{result.impor_id}" in dead.pesan
    assert Impor.objects.get(pk=alive.pk).status == "berjalan"
    assert Impor.objects.get(pk=other_file.pk).status == "berjalan"
    new = Impor.objects.get(pk=result.impor_id)
    assert new.status == "selesai" and new.diperbarui is not None
