"""Unit summaries (engine/ringkasan.py): the same counts as the direct SQL, after every kind of write."""

import datetime as dt
import threading

import pytest
from django.db import connection

from kinerja.indicators.engine import ringkasan, totals
from kinerja.indicators.engine.definitions import definitions_in_force, kode_kabkota
from kinerja.indicators.engine.periods import Periode, periods_of_year
from kinerja.indicators.engine.sqlrun import run_sql
from kinerja.indicators.engine.totals import summary_counts
from kinerja.indicators.models import Definisi, OrangBerubah, Ringkasan, RingkasanUnit
from kinerja.regions.models import Wilayah
from kinerja.registries.models import DtksPeriode, Layanan, Orang, Ppks

from .directsql import direct_counts
from .factories import KEL2, bencana, dtks, korban, layanan, orang, ppks

SUMMARISED = ["IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]


@pytest.fixture
def world(db):
    return _make_world()


def _make_world():
    """People in every summarised family: PPKS of two types, a child, DTKS members, victims."""
    people = [
        orang(jk="L", lahir="2012-03-01"),
        orang(jk="P", lahir="1970-01-01", kel=KEL2),
        orang(jk="P", lahir="2008-01-01"),
        orang(jk="L", lahir=None, kel=None),
        orang(jk="L", lahir="1950-06-30"),
    ]
    ppks(people[0], "anak_telantar", daftar="2024-05-01")
    ppks(people[1], "gelandangan", daftar="2025-02-01")
    ppks(people[1], "penyandang_disabilitas", daftar="2025-04-01", selesai="2025-08-31")
    ppks(people[2], "anak_telantar", daftar="2025-07-01", lokasi="dalam_panti")
    ppks(people[3], "pengemis", daftar="2023-01-01")
    layanan(people[0], "pengasuhan", "2025-02-01")
    layanan(people[1], "permakanan", "2025-05-01")
    layanan(people[3], "sandang", "2025-10-01")
    dtks("2025-02-01", *people[:3])
    dtks("2025-08-01", *people[1:])
    layanan(people[4], "bansos_keluarga", "2025-09-15")
    b = bencana("B1", "2025-03-01", wilayah=KEL2)
    for p in people[2:]:
        korban(b, p)
    layanan(people[2], "santunan", "2025-03-05", bencana=b)
    return people


def _both(kode: str, tahun: int = 2025, periodes=None):
    periodes = periodes or periods_of_year(tahun)
    [ind] = definitions_in_force(periodes[-1].akhir, kode)
    k = kode_kabkota()
    return summary_counts(ind, periodes, k), direct_counts(ind, periodes, k, run_sql)


def _agree(kode: str, **kw):
    summary, direct = _both(kode, **kw)
    assert summary == direct
    return summary


@pytest.mark.parametrize("kode", SUMMARISED)
def test_summary_equals_direct_sql(world, kode):
    counts = _agree(kode)
    assert counts  # something counted
    assert Ringkasan.objects.filter(indikator=kode, tahun=2025).count() == 1
    assert RingkasanUnit.objects.exists()


@pytest.mark.parametrize("kode", SUMMARISED)
def test_single_period_reads_the_year_summary(world, kode):
    _agree(kode)
    rows = RingkasanUnit.objects.count()
    for periode in periods_of_year(2025):
        _agree(kode, periodes=[periode])
    assert RingkasanUnit.objects.count() == rows  # the same summary, not one per period
    _agree(kode, periodes=[Periode(2025, 2), Periode(2025, 4)])


def _change_all_kinds(people):
    """One write of every kind the triggers must see."""
    layanan(people[4], "permakanan", "2025-11-01")  # insert a service
    Layanan.objects.filter(orang=people[1], jenis_id="permakanan").update(
        tanggal=dt.date(2025, 9, 1)
    )  # move a service to another quarter
    Ppks.objects.filter(orang=people[3]).update(tanggal_selesai=dt.date(2024, 12, 31))  # closed
    Orang.objects.filter(pk=people[0].pk).update(kelurahan_id=KEL2)  # moved house
    Orang.objects.filter(pk=people[2].pk).update(tanggal_lahir=dt.date(2006, 1, 1))  # now 19
    ppks(people[4], "lanjut_usia_telantar", daftar="2025-06-01")  # a new registration
    b2 = bencana("B2", "2025-07-01")
    korban(b2, people[0])
    layanan(people[0], "santunan", "2025-07-02", bencana=b2)
    Layanan.objects.filter(orang=people[2], bencana__isnull=False).delete()  # aid withdrawn


@pytest.mark.parametrize("kode", SUMMARISED)
def test_every_kind_of_write_reaches_the_summary(world, kode):
    before = _agree(kode)
    _change_all_kinds(world)
    assert OrangBerubah.objects.exists()  # the triggers logged the persons
    after = _agree(kode)
    assert after != before
    assert not OrangBerubah.objects.exists()  # consumed


def test_incremental_refresh_keeps_the_summary_and_touches_only_changed_people(world):
    _agree("IKU-2")
    r = Ringkasan.objects.get(indikator="IKU-2")
    untouched = set(
        RingkasanUnit.objects.filter(ringkasan_id=r.pk)
        .exclude(orang_id=world[1].pk)
        .values_list("pk", flat=True)
    )
    layanan(world[1], "sandang", "2025-01-15")
    assert list(OrangBerubah.objects.values_list("orang_id", flat=True)) == [world[1].pk]
    _agree("IKU-2")
    assert Ringkasan.objects.get(indikator="IKU-2").pk == r.pk  # not rebuilt
    kept = set(RingkasanUnit.objects.filter(ringkasan_id=r.pk).values_list("pk", flat=True))
    assert untouched <= kept  # other persons' rows were not rewritten


def test_bencana_change_reaches_its_victims(world):
    before = _agree("IKU-4")
    from kinerja.registries.models import Bencana

    Bencana.objects.filter(kode_kejadian="B1").update(tanggal_kejadian=dt.date(2025, 3, 10))
    after = _agree("IKU-4")  # the aid of 5 March now predates the event
    assert after != before


@pytest.mark.parametrize(
    "change",
    [
        lambda: DtksPeriode.objects.filter(periode=dt.date(2025, 8, 1)).update(
            periode=dt.date(2025, 5, 1)
        ),
        lambda: Definisi.objects.filter(indikator__kode="IKU-2", bacaan="default").update(
            layanan_jenis=["sandang"], layanan_kelompok=[]
        ),
    ],
    ids=["dtks-periode", "definisi"],
)
def test_structural_change_rebuilds(world, change):
    for kode in SUMMARISED:
        _agree(kode)
    change()
    assert OrangBerubah.objects.filter(orang_id__lte=0).exists()  # a marker, not a person
    for kode in SUMMARISED:
        _agree(kode)
    assert Ringkasan.objects.count() == len(SUMMARISED)  # rebuilt as read, nothing left over


def test_large_batch_rebuilds_instead_of_row_by_row(world, monkeypatch):
    _agree("IKU-2")
    first = Ringkasan.objects.get(indikator="IKU-2").pk
    monkeypatch.setattr(ringkasan, "REBUILD_ABOVE", 1)
    layanan(world[0], "sandang", "2025-03-03")
    layanan(world[1], "sandang", "2025-03-03")
    _agree("IKU-2")
    assert Ringkasan.objects.get(indikator="IKU-2").pk != first


def test_rolled_back_write_leaves_no_log(world):
    from django.db import transaction

    _agree("IKU-2")
    with pytest.raises(RuntimeError), transaction.atomic():
        layanan(world[0], "sandang", "2025-03-03")
        raise RuntimeError
    assert not OrangBerubah.objects.exists()


def test_raw_sql_write_is_logged(world):
    _agree("IKU-3B")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM registries_layanan WHERE jenis_id = %s", ["bansos_keluarga"])
    assert OrangBerubah.objects.filter(orang_id=world[4].pk).exists()
    _agree("IKU-3B")


@pytest.mark.django_db(transaction=True)
def test_refresh_outside_a_transaction_empties_the_log(seeded_transactional_db):
    """Autocommit (a web request, the worker): the log is moved with TRUNCATE on PostgreSQL.
    Seeded again: an earlier transactional test may have flushed the reference data."""
    from django.db import transaction

    assert not transaction.get_connection().in_atomic_block
    people = [orang(lahir="1980-01-01"), orang(lahir="1990-01-01", kel=KEL2)]
    for p in people:
        ppks(p, "gelandangan", daftar="2025-01-10")
    _agree("IKU-2")
    layanan(people[0], "permakanan", "2025-04-01")
    assert OrangBerubah.objects.count() == 1
    after = _agree("IKU-2")
    assert not OrangBerubah.objects.exists()
    assert not ringkasan.OrangKerja.objects.exists()
    assert after[("2025", "kota", kode_kabkota(), None)].numerator == 1


def _pg() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def builders(monkeypatch):
    """The thread of every summary built by the year-at-once path (D100)."""
    threads: list[int] = []
    build = ringkasan._build_one

    def spy(*args):
        threads.append(threading.get_ident())
        build(*args)

    monkeypatch.setattr(ringkasan, "_build_one", spy)
    return threads


@pytest.mark.django_db(transaction=True)
def test_cold_read_builds_the_year_at_once(seeded_transactional_db, builders):
    """Autocommit on PostgreSQL: the first read builds every summary of the year, each on a thread
    and connection of its own; all of them equal the direct SQL, also after a structural change.
    SQLite (one writer) keeps building one summary per read."""
    people = _make_world()
    _agree("IKU-3A")
    if _pg():
        assert Ringkasan.objects.count() == len(SUMMARISED)
        assert len(builders) == len(SUMMARISED)
        assert threading.get_ident() not in builders
    else:
        assert list(Ringkasan.objects.values_list("indikator", flat=True)) == ["IKU-3A"]
        assert builders == []
    for kode in SUMMARISED:
        _agree(kode)
    assert Ringkasan.objects.count() == len(SUMMARISED)
    built = len(builders)
    Wilayah.objects.filter(kode=KEL2).update(nama="Kelurahan baru")  # drops every summary
    _change_all_kinds(people)
    for kode in SUMMARISED:
        _agree(kode)
    assert Ringkasan.objects.count() == len(SUMMARISED)
    assert len(builders) == (built + len(SUMMARISED) if _pg() else 0)
    DtksPeriode.objects.filter(periode=dt.date(2025, 8, 1)).update(periode=dt.date(2025, 5, 1))
    for kode in SUMMARISED:
        _agree(kode)
    assert len(builders) == (built + len(SUMMARISED) if _pg() else 0)  # IKU-3B alone: in place


@pytest.mark.django_db(transaction=True)
def test_a_failed_builder_leaves_no_half_summary(seeded_transactional_db, monkeypatch):
    """A builder's error reaches the reader; the summaries that failed are not stored, and the
    next read builds them."""
    _make_world()
    rows_sql = ringkasan._rows_sql

    def broken(ind, *args, **kw):
        if ind.kode == "IKU-4":
            raise RuntimeError("rusak")
        return rows_sql(ind, *args, **kw)

    monkeypatch.setattr(ringkasan, "_rows_sql", broken)
    if _pg():
        with pytest.raises(RuntimeError):
            _agree("IKU-2")
        assert not Ringkasan.objects.filter(indikator="IKU-4").exists()
    monkeypatch.setattr(ringkasan, "_rows_sql", rows_sql)
    for kode in SUMMARISED:
        _agree(kode)
    assert Ringkasan.objects.count() == len(SUMMARISED)


def test_inside_a_transaction_the_year_is_not_built_elsewhere(world, builders):
    """In a caller's transaction other connections would not see its writes: built in place."""
    _agree("IKU-4")
    assert builders == []
    assert list(Ringkasan.objects.values_list("indikator", flat=True)) == ["IKU-4"]


def _summaries() -> dict[str, int]:
    return dict(Ringkasan.objects.values_list("indikator", "pk"))


def test_dtks_period_change_drops_only_the_dtks_summary(world):
    """D101: a DTKS period is read by IKU-3B alone; the other summaries stay and stay exact."""
    for kode in SUMMARISED:
        _agree(kode)
    before = _summaries()
    DtksPeriode.objects.filter(periode=dt.date(2025, 8, 1)).update(periode=dt.date(2025, 5, 1))
    assert list(OrangBerubah.objects.values_list("orang_id", flat=True)) == [ringkasan.DTKS]
    _agree("IKU-2")
    kept = _summaries()
    assert "IKU-3B" not in kept
    assert kept == {k: v for k, v in before.items() if k != "IKU-3B"}
    for kode in SUMMARISED:
        _agree(kode)
    assert _summaries()["IKU-3B"] != before["IKU-3B"]  # rebuilt when read


def test_definition_change_drops_only_that_indicators_summary(world):
    """D101: a definition's fields are in its summary's key; other indicators keep theirs."""
    for kode in SUMMARISED:
        _agree(kode)
    before = _summaries()
    Definisi.objects.filter(indikator__kode="IKU-4", bacaan="default").update(
        layanan_jenis=["santunan"], layanan_kelompok=[]
    )
    assert list(OrangBerubah.objects.values_list("orang_id", flat=True)) == [ringkasan.KUNCI]
    _agree("IKU-3A")
    assert _summaries() == {k: v for k, v in before.items() if k != "IKU-4"}
    for kode in SUMMARISED:
        _agree(kode)
    assert _summaries()["IKU-4"] != before["IKU-4"]


def test_service_group_change_drops_the_summaries_that_count_the_group(world):
    """D101: only IKU-2 counts a service group ("dasar"); moving `sandang` out of it changes IKU-2's
    codes and no other key. A change that moves no code (a new name) keeps every summary."""
    from kinerja.registries.models import JenisLayanan

    for kode in SUMMARISED:
        _agree(kode)
    before = _summaries()
    JenisLayanan.objects.filter(kode="sandang").update(nama="Sandang (baru)")
    _agree("IKU-2")
    assert _summaries() == before
    JenisLayanan.objects.filter(kode="sandang").update(kelompok="pengasuhan")
    for kode in SUMMARISED:
        _agree(kode)
    after = _summaries()
    assert {k for k in SUMMARISED if after[k] != before[k]} == {"IKU-2"}


def _tables() -> set[str]:
    """PostgreSQL: the partitions of the unit table (D102)."""
    return set(ringkasan._partitions())


def test_each_summary_is_a_partition_dropped_with_it(world):
    """D102 (PostgreSQL): every summary's rows are one partition, attached when built and dropped
    with the summary; the rows read through the parent table are those of the direct SQL. SQLite
    keeps one plain table."""
    for kode in SUMMARISED:
        _agree(kode)
    expected = {f"{ringkasan.T_UNIT}_{pk}" for pk in _summaries().values()}
    if _pg():
        assert _tables() == expected
    dtks_pk = _summaries()["IKU-3B"]
    rows = RingkasanUnit.objects.filter(ringkasan_id=dtks_pk).count()
    assert rows > 0
    DtksPeriode.objects.filter(periode=dt.date(2025, 8, 1)).update(periode=dt.date(2025, 5, 1))
    _agree("IKU-2")  # the refresh drops the DTKS summary
    assert not RingkasanUnit.objects.filter(ringkasan_id=dtks_pk).exists()
    if _pg():
        assert _tables() == expected - {f"{ringkasan.T_UNIT}_{dtks_pk}"}
    _agree("IKU-3B")
    if _pg():
        assert _tables() == {f"{ringkasan.T_UNIT}_{pk}" for pk in _summaries().values()}
        Wilayah.objects.filter(kode=KEL2).update(nama="Kelurahan baru")
        _agree("IKU-4")  # in a transaction: everything dropped, IKU-4 rebuilt in place
        assert _tables() == {f"{ringkasan.T_UNIT}_{_summaries()['IKU-4']}"}


@pytest.mark.django_db(transaction=True)
def test_a_build_runs_without_jit_and_leaves_the_session_as_it_was(
    seeded_transactional_db, monkeypatch
):
    """D103, D201 (PostgreSQL): a summary's INSERT ... SELECT runs with JIT off (its compilation
    costs more CPU than it saves) and without hash aggregation, and without hash joins but for the
    victims, set for the building transaction only; the summary still equals the direct SQL."""
    _make_world()
    monkeypatch.setattr(ringkasan, "PARALLEL_BUILDS", 1)  # built on this connection
    if not _pg():
        _agree("IKU-4")
        return
    names = ("jit", "enable_hashagg", "enable_hashjoin")
    seen: list[tuple[str, ...]] = []
    run = ringkasan._run

    def settings() -> tuple[str, ...]:
        values = []
        with connection.cursor() as cur:
            for name in names:
                cur.execute(f"SHOW {name}")
                values.append(cur.fetchone()[0])
        return tuple(values)

    def spy(sql):
        if sql.text.startswith("WITH") and "INSERT INTO" in sql.text:
            seen.append(settings())
        run(sql)

    def read_spy(sql, params):
        seen.append(settings())  # the read after the build, in the same transaction
        return run_sql(sql, params)

    monkeypatch.setattr(ringkasan, "_run", spy)
    monkeypatch.setattr(totals, "run_sql", read_spy)
    before = settings()
    _agree("IKU-4")
    _agree("IKU-2")
    hashing = ("off", "on", "on")
    assert seen == [("off", "off", "on"), hashing, ("off", "off", "off"), hashing]
    assert settings() == before
