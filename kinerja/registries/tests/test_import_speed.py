"""The fast paths of D19a give the same result as checking each row on its own."""

import pytest

from kinerja.registries.imports import run_import
from kinerja.registries.models import Layanan

from .importing import read_rejects, write_csv
from .test_import_batches import LAYANAN, layanan_rows

pytestmark = pytest.mark.django_db


def test_remembered_cell_checks_reject_every_row_with_the_same_reason(tmp_path):
    rows = layanan_rows(6)
    for i in (1, 3, 5):
        rows[i][8] = "31/02/2024"  # the same bad date text on three rows, checked once
    rows[4][10] = "Rp 1.500.000"
    result = run_import("layanan", write_csv(tmp_path / "l.csv", LAYANAN, rows), batch_size=2)
    assert (result.accepted, result.rejected) == (3, 3)
    rejects = read_rejects(result.rejects_path)
    assert [r["baris"] for r in rejects] == ["3", "5", "7"]
    assert {r["alasan_ditolak"] for r in rejects} == {
        "tanggal '31/02/2024' bukan tanggal yang benar"
    }
    assert sorted(Layanan.objects.values_list("nilai_rp", flat=True)) == [
        150_000,
        150_000,
        1_500_000,
    ]


def test_existing_records_found_by_exact_key_across_batches(tmp_path):
    path = write_csv(tmp_path / "l.csv", LAYANAN, layanan_rows(9))
    run_import("layanan", path, batch_size=4)
    again = run_import("layanan", path, batch_size=3)
    assert (again.accepted, again.rejected) == (9, 0)
    assert Layanan.objects.count() == 9 and Layanan.history.count() == 9


def test_new_ids_are_the_rows_own_after_deletes_and_across_chunks(tmp_path, monkeypatch):
    """The ids the fast insert hands back (SQLite: from lastrowid, D19g) are the rows' own, also
    when the table's newest rows were deleted and a batch spans several INSERT statements."""
    from kinerja.registries.imports import fastwrite

    monkeypatch.setattr(fastwrite, "CHUNK", 2)
    run_import("layanan", write_csv(tmp_path / "a.csv", LAYANAN, layanan_rows(4)))
    Layanan.objects.filter(pk__in=Layanan.objects.order_by("-pk").values("pk")[:2]).delete()
    rows = layanan_rows(9)[4:]
    result = run_import("layanan", write_csv(tmp_path / "b.csv", LAYANAN, rows), batch_size=5)
    assert result.accepted == 5
    new = Layanan.objects.filter(impor_id=result.impor_id).order_by("impor_baris")
    # Each record's history row was copied by id: it names the record's own row number.
    for layanan in new:
        h = layanan.history.get()
        assert (h.history_type, h.impor_baris, h.orang_id) == (
            "+",
            layanan.impor_baris,
            layanan.orang_id,
        )
    assert [x.impor_baris for x in new] == [2, 3, 4, 5, 6]
