"""Unit summaries: stage 1's per-unit dates of a year, stored, and kept current on write.

For the families whose units are persons or victims (PPKS, children, DTKS, disaster victims) the
expensive part of a figure is finding, for each unit, its entry date and its first qualifying
service: joins of hundreds of thousands of registrations with millions of services. A summary
(`Ringkasan`, one per indicator definition pair, year and kab/kota) stores exactly that, one row per
unit and type (`RingkasanUnit`: region, birth date, entry date, DTKS membership per window, first
numerator date of each reading), so a year's figures are a scan of those rows (engine/totals.py's sums).

Kept current: database triggers log every person whose registry rows change (`OrangBerubah`,
migration 0008), whatever wrote them. Before a summary is read, the log is moved to a work list
(`OrangKerja`, a short transaction of its own) and then, in the reading transaction, every summary
recomputes the rows of those persons only, with the very stage-1 SQL restricted to them
(`UnitQuery(only_kerja=True)`). A structural change drops the summaries it touches, which are
rebuilt whole when next read (D101): a DTKS period the DTKS summaries, a definition or service group
those whose key changed, a region or PPKS type (or a very large batch of persons) all of them. On
PostgreSQL a read that finds its summary missing builds all the missing summaries of the year at
once, one connection each (D100). A summary is therefore never stale (tests compare it with the
direct SQL after each kind of change).

Refreshing and reading hold one lock (PostgreSQL advisory lock; SQLite's write lock), so two readers
never refresh the same rows twice and a reader never sees a summary being rebuilt.
"""

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connection, transaction

from ..models import Keluarga, OrangBerubah, OrangKerja, Ringkasan, RingkasanUnit
from .definitions import IndicatorDefinition, definition_pair, definitions_in_force, layanan_codes
from .periods import Periode, periods_of_year
from .sqlparts import Sql, With
from .units import T_BENCANA, T_KORBAN, UnitQuery, dtks_bits, in_kerja

T = TypeVar("T")

# Families whose units are summarised; PSKS are few (hundreds) and computed directly.
KELUARGA = {
    Keluarga.PPKS_LAYANAN,
    Keluarga.ANAK_LAYANAN,
    Keluarga.DTKS_LAYANAN,
    Keluarga.KORBAN_LAYANAN,
}
# Above this many changed persons in one refresh, rebuilding whole is cheaper than row by row.
REBUILD_ABOVE = 20_000
SKEMA = 2  # bump when the rows' meaning changes (2: victims served in neither reading counted per event)
LOCK_ID = 8_310_061  # PostgreSQL advisory lock of the summaries
# PostgreSQL: summaries of a year built at once, each on its own connection (D100); 1 = in turn.
PARALLEL_BUILDS = 4
BUILD_WORK_MEM = "256MB"  # PostgreSQL: per building transaction (D102)

T_LOG = OrangBerubah._meta.db_table
T_KERJA = OrangKerja._meta.db_table
T_UNIT = RingkasanUnit._meta.db_table
T_RINGKASAN = Ringkasan._meta.db_table
COLUMNS = "ringkasan_id, unit_id, orang_id, jenis, wil, lahir, masuk, anggota, d_num, d_lit, n, bencana_id"
ONE = ", 1, CAST(NULL AS BIGINT)"  # a unit's own row: n = 1, no event


def summarised(ind: IndicatorDefinition) -> bool:
    return ind.default.keluarga in KELUARGA and ind.literal.keluarga == ind.default.keluarga


def kunci(ind: IndicatorDefinition, tahun: int, kabkota: str) -> str:
    """Everything a summary depends on besides the registries themselves."""
    definition = ind.state()
    codes = [layanan_codes(ind.default), layanan_codes(ind.literal)]
    text = repr((SKEMA, kabkota, ind.kode, tahun, definition, codes))
    return hashlib.sha256(text.encode()).hexdigest()


def _rows_sql(
    ind: IndicatorDefinition, tahun: int, kabkota: str, rid: int, kerja: bool, table: str = T_UNIT
) -> Sql:
    """INSERT ... SELECT of a summary's rows (all units, or only the persons in `OrangKerja`)."""
    periodes = periods_of_year(tahun)
    uq = UnitQuery(ind, periodes, kabkota, lean=True, only_kerja=kerja, per_orang=True)
    q: With = uq.build_base()
    if uq.per_orang:  # DTKS: one row per person, its memberships already as bits (D200)
        select = Sql(
            "SELECT %s, b.unit_id, b.orang_id, '', b.wil, b.lahir, CAST(NULL AS DATE), b.anggota,"
            f" b.d_num, b.d_lit{ONE} FROM b",
            rid,
        )
    elif ind.default.keluarga == Keluarga.DTKS_LAYANAN:
        # Bansos per keluarga: rows per person and DTKS grouped per person; bit i: a member of the
        # DTKS in force at the end of period i.
        select = Sql(
            "SELECT %s, b.unit_id, b.orang_id, '', b.wil, MIN(b.lahir), CAST(NULL AS DATE), ",
            rid,
        )
        select.extend(dtks_bits("b.dtks_id", periodes)).add(
            # Grouped by the numerator dates too: with bansos per keluarga (D136) a person's date
            # may differ between the DTKS of two windows (another KK), so one row per date.
            f", b.d_num, b.d_lit{ONE} FROM b GROUP BY b.unit_id, b.orang_id, b.wil, b.d_num, b.d_lit"
        )
    elif ind.default.keluarga == Keluarga.KORBAN_LAYANAN:
        # Served victims only, one row each; the others are counted per event (_event_rows_sql).
        select = Sql(
            "SELECT %s, b.unit_id, b.orang_id, '', b.wil, b.lahir, b.masuk, 0, b.d_num, b.d_lit,"
            " 1, b.bencana_id FROM b WHERE COALESCE(b.d_num, b.d_lit) IS NOT NULL",
            rid,
        )
    else:
        select = Sql(
            "SELECT %s, b.unit_id, b.orang_id, COALESCE(b.jenis, ''), b.wil, b.lahir, b.masuk, 0,"
            f" b.d_num, b.d_lit{ONE} FROM b",
            rid,
        )
    return q.render(Sql(f"INSERT INTO {table} ({COLUMNS}) ").extend(select))


def _event_rows_sql(
    ind: IndicatorDefinition, tahun: int, kabkota: str, rid: int, table: str
) -> Sql:
    """Disaster victims: per event of the year, one row counting its victims served in neither
    reading: all its victims less the served victims' rows already in `table` (D115).

    Counted again whole after every refresh: a victim row deleted or moved to another event leaves
    no trace of its old event in the log (only its person), so per-event counts cannot be patched."""
    uq = UnitQuery(ind, periods_of_year(tahun), kabkota)
    return Sql(
        f"INSERT INTO {table} ({COLUMNS}) SELECT %s, c.bid, NULL, '', c.wil, NULL, c.masuk, 0,"
        " NULL, NULL, c.n - COALESCE(s.n, 0), c.bid FROM (SELECT e.id AS bid, e.wilayah_id AS wil,"
        " e.tanggal_kejadian AS masuk, COUNT(*) AS n"
        f" FROM {T_BENCANA} e JOIN {T_KORBAN} k ON k.bencana_id = e.id WHERE e.kode_kabkota = %s"
        " AND e.tanggal_kejadian >= %s AND e.tanggal_kejadian <= %s"
        " GROUP BY e.id, e.wilayah_id, e.tanggal_kejadian) c"
        f" LEFT JOIN (SELECT bencana_id AS bid, COUNT(*) AS n FROM {table}"
        " WHERE ringkasan_id = %s AND orang_id IS NOT NULL GROUP BY bencana_id) s ON s.bid = c.bid"
        " WHERE c.n > COALESCE(s.n, 0)",
        rid, kabkota, uq.start, uq.end, rid,
    )  # fmt: skip


def _insert_rows(
    ind: IndicatorDefinition, tahun: int, kabkota: str, rid: int, kerja: bool, table: str = T_UNIT
) -> None:
    """A summary's rows (all, or those of the persons in `OrangKerja`), then for disaster victims
    the per-event counts again."""
    _run(_rows_sql(ind, tahun, kabkota, rid, kerja=kerja, table=table))
    if ind.default.keluarga == Keluarga.KORBAN_LAYANAN:
        if kerja:
            _run(Sql(f"DELETE FROM {table} WHERE ringkasan_id = %s AND orang_id IS NULL", rid))
        _run(_event_rows_sql(ind, tahun, kabkota, rid, table))


def _run(sql: Sql) -> None:
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


# Markers in `OrangKerja` (no person has an id <= 0), written by the triggers of migrations 0008
# and 0009 for changes that are not a person's (D101):
SEMUA = 0  # regions, PPKS types: every summary is dropped
DTKS = -1  # a DTKS period: only the DTKS family's summaries
KUNCI = -2  # a definition or a service group: only the summaries whose key (`kunci`) changed


def _collect_log() -> None:
    """Move the log into the work list `OrangKerja`, in a short transaction of its own.

    PostgreSQL empties the log with TRUNCATE: after a bulk import a DELETE would leave millions of
    dead rows that every later look at the log scans until a VACUUM. The table lock waits for the
    writers in flight and keeps new ones out only while the log is copied (milliseconds), not while
    the summaries are recomputed. Inside a caller's transaction (which may itself have written to
    the log) the log is moved with one DELETE ... RETURNING instead, without a table lock. The
    summaries' lock is taken first, so a long rebuild elsewhere never holds writers back. (A
    transaction that writes registry rows and then reads figures itself, while another session
    collects, can deadlock; PostgreSQL then cancels one of the two. No code path of Kinerja does
    both in one transaction.) The work list survives a failed refresh and is redone.
    """
    with connection.cursor() as cur:
        cur.execute(f"SELECT EXISTS (SELECT 1 FROM {T_LOG})")
        if not cur.fetchone()[0]:
            return
    if connection.vendor != "postgresql":
        with transaction.atomic(), connection.cursor() as cur:
            # SQLite: this transaction holds the only write lock; DELETE without WHERE truncates.
            cur.execute(
                f"INSERT OR IGNORE INTO {T_KERJA} (orang_id)"
                f" SELECT DISTINCT COALESCE(orang_id, {SEMUA}) FROM {T_LOG}"
            )
            cur.execute(f"DELETE FROM {T_LOG}")
        return
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cur:
        _lock()
        mode = "ROW EXCLUSIVE" if nested else "ACCESS EXCLUSIVE"
        cur.execute(f"LOCK TABLE {T_LOG} IN {mode} MODE")
        if nested:
            cur.execute(
                f"WITH moved AS (DELETE FROM {T_LOG} RETURNING orang_id)"
                f" INSERT INTO {T_KERJA} (orang_id)"
                f" SELECT DISTINCT COALESCE(orang_id, {SEMUA}) FROM moved ON CONFLICT DO NOTHING"
            )
        else:
            cur.execute(
                f"INSERT INTO {T_KERJA} (orang_id) SELECT DISTINCT COALESCE(orang_id, {SEMUA})"
                f" FROM {T_LOG} ON CONFLICT DO NOTHING"
            )
            cur.execute(f"TRUNCATE {T_LOG}")


def _work() -> tuple[int, bool, set[int]]:
    """(persons in the work list, whether a change touches every summary, the other markers)."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT SUM(CASE WHEN orang_id > 0 THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN orang_id = {SEMUA} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN orang_id = {DTKS} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN orang_id = {KUNCI} THEN 1 ELSE 0 END) FROM {T_KERJA}"
        )
        persons, everything, dtks, keys = cur.fetchone()
    markers = {m for m, n in ((DTKS, dtks), (KUNCI, keys)) if n}
    return persons or 0, bool(everything), markers


def _partition(rid: int) -> str:
    """PostgreSQL: the table holding one summary's rows, a partition of `T_UNIT` (D102)."""
    return f"{T_UNIT}_{int(rid)}"


def _partitions() -> list[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = %s::regclass",
            [T_UNIT],
        )
        return [row[0] for row in cur.fetchall()]


def _drop_all() -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            for name in _partitions():
                cur.execute(f"DROP TABLE {name}")
            cur.execute(f"TRUNCATE {T_RINGKASAN}")
        else:
            cur.execute(f"DELETE FROM {T_UNIT}")
            cur.execute(f"DELETE FROM {T_RINGKASAN}")


def _drop(r: Ringkasan) -> None:
    if connection.vendor == "postgresql":
        _run(Sql(f"DROP TABLE IF EXISTS {_partition(r.id)}"))
    else:
        _run(Sql(f"DELETE FROM {T_UNIT} WHERE ringkasan_id = %s", r.id))
    r.delete()


def _still_valid(r: Ringkasan, markers: set[int]) -> IndicatorDefinition | None:
    """The definition pair of a stored summary, or None when a marked change invalidates it."""
    ind = definition_pair(r.definisi_id, r.definisi_literal_id)
    if ind is None:
        return None
    if DTKS in markers and ind.default.keluarga == Keluarga.DTKS_LAYANAN:
        return None
    if KUNCI in markers and kunci(ind, r.tahun, r.kode_kabkota) != r.kunci:
        return None
    return ind


def _refresh_locked() -> None:
    """Apply the work list to every stored summary (caller holds the lock, in a transaction)."""
    persons, everything, markers = _work()
    if not (persons or everything or markers):
        return
    if everything or persons > REBUILD_ABOVE:
        _drop_all()
    else:
        if persons and connection.vendor == "postgresql":
            _run(Sql(f"ANALYZE {T_KERJA}"))
        for r in Ringkasan.objects.all():
            ind = _still_valid(r, markers)
            if ind is None or (persons and ind.default.bansos_per_keluarga):
                # Bansos per keluarga: one person's change reaches their KK, rebuilt whole (D136).
                _drop(r)
            elif persons:
                _run(
                    Sql(
                        f"DELETE FROM {T_UNIT} WHERE ringkasan_id = %s AND {in_kerja('orang_id')}",
                        r.id,
                    )
                )
                _insert_rows(ind, r.tahun, r.kode_kabkota, r.id, kerja=True)
    _run(Sql(f"DELETE FROM {T_KERJA}"))


def _create(ind: IndicatorDefinition, tahun: int, kabkota: str, key: str) -> Ringkasan:
    """A summary's row and all its unit rows (in the caller's transaction)."""
    r = Ringkasan.objects.create(
        kunci=key,
        indikator=ind.kode,
        tahun=tahun,
        kode_kabkota=kabkota,
        definisi_id=ind.default.pk,
        definisi_literal_id=ind.literal.pk,
    )
    if connection.vendor != "postgresql":
        _insert_rows(ind, tahun, kabkota, r.id, kerja=False)
        return r
    # Rows into a table of their own without indexes, then attached as the summary's partition:
    # ATTACH builds its indexes in one sorted pass, several times cheaper than maintaining them
    # row by row (D102). A table of that name left by an earlier database (ids reused) goes first.
    part = _partition(r.id)
    rid = int(r.id)
    # Memory for this transaction's joins and index sorts: the stock 4 MB / 64 MB spill a year of
    # x10 rows to disk. No JIT: compiling a build statement (0.2-0.5 s of CPU each) costs more than
    # it saves on these joins and aggregates, and the builders share the server's cores (D103).
    # The CHECK lets ATTACH skip its scan of the new rows.
    _run(Sql(f"SET LOCAL work_mem = '{BUILD_WORK_MEM}'"))
    _run(Sql(f"SET LOCAL maintenance_work_mem = '{BUILD_WORK_MEM}'"))
    _run(Sql("SET LOCAL jit = off"))
    # Sorts and merge joins rather than hash tables of hundreds of thousands of rows, which cost
    # more CPU here than the planner thinks; except the victims' join to their first services,
    # 1.25 million victims against a third as many served. Only for the build: a read that follows
    # in this transaction hashes again (D201).
    hashing = ["enable_hashagg"]
    if ind.default.keluarga != Keluarga.KORBAN_LAYANAN:
        hashing.append("enable_hashjoin")
    for name in hashing:
        _run(Sql(f"SET LOCAL {name} = off"))
    _run(Sql(f"DROP TABLE IF EXISTS {part}"))
    _run(
        Sql(
            f"CREATE TABLE {part} (LIKE {T_UNIT} INCLUDING DEFAULTS,"
            f" CHECK (ringkasan_id IS NOT NULL AND ringkasan_id = {rid}))"
        )
    )
    _insert_rows(ind, tahun, kabkota, r.id, kerja=False, table=part)
    _run(Sql(f"ALTER TABLE {T_UNIT} ATTACH PARTITION {part} FOR VALUES IN ({rid})"))
    for name in hashing:
        _run(Sql(f"SET LOCAL {name} TO DEFAULT"))
    return r


def _year_definitions(tahun: int, kabkota: str) -> list[IndicatorDefinition]:
    """The summarised definition pairs in force at the end of any period of `tahun`."""
    pairs: dict[tuple[int, int], IndicatorDefinition] = {}
    for p in periods_of_year(tahun):
        for ind in definitions_in_force(p.akhir, kode_wilayah=kabkota):
            if summarised(ind):
                pairs.setdefault((ind.default.pk, ind.literal.pk), ind)
    return list(pairs.values())


def _build_one(ind: IndicatorDefinition, tahun: int, kabkota: str, key: str) -> None:
    """One summary built and committed on this thread's own connection."""
    try:
        with transaction.atomic():
            _create(ind, tahun, kabkota, key)
    finally:
        connection.close()


def _build_year_parallel(tahun: int, kabkota: str) -> None:
    """PostgreSQL, autocommit: build every missing summary of the year at once, one connection and
    statement per indicator (D100).

    One INSERT ... SELECT runs on one server core; the four families' statements are independent,
    so on separate connections they run side by side. The first transaction applies the work list
    (dropping summaries locks the unit table, which would block the builders) and commits; the
    second holds the summaries' lock while the builders, which do not take it, create and commit
    their summaries; so no reader sees a half-built summary and no two sessions build the same one.
    A change that arrives meanwhile stays in the log for the next read, as on the sequential path.
    """
    with transaction.atomic():
        _lock()
        _refresh_locked()
    with transaction.atomic():
        _lock()
        persons, everything, markers = _work()
        if persons or everything or markers:  # new work arrived meanwhile: the sequential path
            return
        have = set(Ringkasan.objects.values_list("kunci", flat=True))
        todo = [
            (ind, kunci(ind, tahun, kabkota))
            for ind in _year_definitions(tahun, kabkota)
            if kunci(ind, tahun, kabkota) not in have
        ]
        if len(todo) < 2:
            return
        with ThreadPoolExecutor(max_workers=min(len(todo), PARALLEL_BUILDS)) as pool:
            jobs = [pool.submit(_build_one, ind, tahun, kabkota, key) for ind, key in todo]
            for job in jobs:
                job.result()  # re-raises a builder's error


def with_summary(ind: IndicatorDefinition, tahun: int, kabkota: str, read: Callable[[int], T]) -> T:
    """Call `read(ringkasan_id)` on the current summary of `ind` for `tahun` (built when missing),
    in one transaction under the summaries' lock."""
    [out] = with_summaries([(ind, tahun)], kabkota, lambda _i, rid: read(rid))
    return out


def with_summaries(
    items: list[tuple[IndicatorDefinition, int]],
    kabkota: str,
    read: Callable[[int, int], T],
) -> list[T]:
    """`read(i, ringkasan_id)` for each (indicator, year) of `items` on its current summary (built
    when missing), all in one transaction under the summaries' lock: the log is collected and the
    work list applied once for the lot, not once per figure (D220). Same summaries, same rows as
    `with_summary` called item by item."""
    keys = [kunci(ind, tahun, kabkota) for ind, tahun in items]
    _collect_log()
    for tahun in sorted({tahun for _ind, tahun in items}):
        wanted = [key for (_ind, t), key in zip(items, keys, strict=True) if t == tahun]
        if _parallel_wanted(wanted):
            _build_year_parallel(tahun, kabkota)
    with transaction.atomic():
        _lock()
        _refresh_locked()
        have = {r.kunci: r.id for r in Ringkasan.objects.filter(kunci__in=keys)}
        out = []
        for i, ((ind, tahun), key) in enumerate(zip(items, keys, strict=True)):
            if key not in have:
                have[key] = _create(ind, tahun, kabkota, key).id
            out.append(read(i, have[key]))
        return out


def _parallel_wanted(keys: list[str]) -> bool:
    """Summaries of one year must be built (one of `keys` missing, or a pending change drops all)
    and building them on other connections is possible: PostgreSQL, and no transaction of the caller
    whose uncommitted writes the other connections could not see (tests, a caller's atomic block)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block or PARALLEL_BUILDS < 2:
        return False
    persons, everything, _ = _work()
    if everything or persons > REBUILD_ABOVE:
        return True
    return Ringkasan.objects.filter(kunci__in=keys).count() < len(set(keys))


def year_index(periodes: list[Periode]) -> dict[str, int]:
    """A period's position among its year's periods: its bit in `RingkasanUnit.anggota`."""
    return {p.label: i for i, p in enumerate(periods_of_year(periodes[0].tahun))}
