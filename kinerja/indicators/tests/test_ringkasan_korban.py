"""IKU-4's summary (D115): one row per served victim, one count per event for the others."""

import datetime as dt

import pytest

from kinerja.indicators.engine.definitions import kode_kabkota
from kinerja.indicators.models import Ringkasan, RingkasanUnit
from kinerja.registries.models import Bencana, Korban

from .factories import KEL2, bencana, korban, layanan, orang
from .test_ringkasan import _agree, _make_world


@pytest.fixture
def world(db):
    return _make_world()


def _rows() -> set[tuple[int | None, int | None, int, dt.date | None]]:
    """(person, event, n, first default numerator date) of each row of IKU-4's summary."""
    r = Ringkasan.objects.get(indikator="IKU-4")
    return set(
        RingkasanUnit.objects.filter(ringkasan_id=r.pk).values_list(
            "orang_id", "bencana_id", "n", "d_num"
        )
    )


def _year(counts) -> tuple[int, int]:
    c = counts[("2025", "kota", kode_kabkota(), None)]
    return c.numerator, c.denominator


def test_unserved_victims_are_one_row_per_event(world):
    """Event B1 (1 March): three victims, people[2] aided on 5 March, the other two never."""
    b1 = Bencana.objects.get(kode_kejadian="B1")
    assert _year(_agree("IKU-4")) == (1, 3)
    assert _rows() == {(world[2].pk, b1.pk, 1, dt.date(2025, 3, 5)), (None, b1.pk, 2, None)}


def test_victims_deleted_moved_and_served_change_their_events_counts(world):
    """A victim row deleted or moved to another event leaves only its person in the log: the
    per-event counts are counted again whole, and still equal the direct SQL."""
    b1 = Bencana.objects.get(kode_kejadian="B1")
    _agree("IKU-4")
    Korban.objects.filter(bencana=b1, orang=world[3]).delete()  # never aided
    assert _year(_agree("IKU-4")) == (1, 2)
    assert _rows() == {(world[2].pk, b1.pk, 1, dt.date(2025, 3, 5)), (None, b1.pk, 1, None)}
    b2 = bencana("B2", "2025-06-01", wilayah=KEL2)
    Korban.objects.filter(bencana=b1, orang=world[4]).update(bencana=b2)
    assert _year(_agree("IKU-4")) == (1, 2)
    assert _rows() == {(world[2].pk, b1.pk, 1, dt.date(2025, 3, 5)), (None, b2.pk, 1, None)}
    layanan(world[4], "santunan", "2025-06-03", bencana=b2)  # now aided: a row of its own
    newcomer = orang(jk="P", lahir="1990-01-01")
    korban(b2, newcomer)
    assert _year(_agree("IKU-4")) == (2, 3)
    assert _rows() == {
        (world[2].pk, b1.pk, 1, dt.date(2025, 3, 5)),
        (world[4].pk, b2.pk, 1, dt.date(2025, 6, 3)),
        (None, b2.pk, 1, None),
    }
    Korban.objects.filter(orang=world[2]).delete()  # the aided victim of B1 withdrawn
    assert _year(_agree("IKU-4")) == (1, 2)
    assert {row[1] for row in _rows()} == {b2.pk}  # B1 has no victim left: no row
