"""The unit list's hash: PostgreSQL writes and hashes the canonical list itself (D223); it must be
the very digest Python computes from the same rows (the auditor's recipe), on every database."""

import hashlib

import pytest

from kinerja.indicators.engine import unit_list_hash
from kinerja.indicators.engine.frozen import unit_list_hash_python
from kinerja.indicators.models import UnitBeku


def _row(snapshot: int, unit_id: int, **kw) -> UnitBeku:
    values = {
        "orang_id": unit_id + 1000, "jenis": "anak_telantar", "kelurahan": "63.72.02.1004",
        "kecamatan": "63.72.02", "jenis_kelamin": "L", "kelompok_umur": "6-18",
        "pembilang": True, "pembilang_literal": False,
    } | kw  # fmt: skip
    return UnitBeku(snapshot=snapshot, unit_id=unit_id, **values)


@pytest.mark.django_db
def test_database_hash_is_the_python_hash_of_the_canonical_list():
    UnitBeku.objects.bulk_create(
        [
            _row(7, 3),
            _row(7, 1, jenis="", orang_id=None, kelurahan=None, kecamatan=None, jenis_kelamin=""),
            _row(7, 2, jenis='lansia "telantar" \\ ke-2', kelompok_umur="60+"),
            _row(7, 2, jenis="penyandang_disabilitas", pembilang=False, pembilang_literal=True),
            _row(7, 4, jenis="pekerja sosial\tmasyarakat\nbaru é", kelurahan="63.72.é"),
            _row(8, 1),  # another snapshot: not in the list
        ]
    )
    assert unit_list_hash(7) == unit_list_hash_python(7)
    digest, units = unit_list_hash(7)
    assert units == 4
    # The recipe in words: one JSON array per row, sorted by unit and type, joined by newlines.
    first = '[1, "", null, null, null, "", "6-18", true, false]'
    assert unit_list_hash_python(7)[0] == digest
    assert digest != hashlib.sha256(first.encode()).hexdigest()


@pytest.mark.django_db
def test_an_empty_list_hashes_as_the_empty_text():
    assert unit_list_hash(99) == (hashlib.sha256(b"").hexdigest(), 0)
    assert unit_list_hash_python(99) == unit_list_hash(99)
