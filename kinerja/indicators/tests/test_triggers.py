"""The database triggers the engine relies on exist once every migration has run, on both databases.

Figures are never stale only because triggers bump `VersiData` (cache, indicators/0006), log the
changed persons for the unit summaries (indicators/0008) and, on PostgreSQL, check a service's
jenis_layanan per statement (registries/0004). A later migration that rebuilds one of these tables
(SQLite remakes a table on many ALTERs, dropping its triggers) or forgets one on a new database
would silently serve stale figures: this test names every trigger the migrations create.
"""

import importlib

import pytest
from django.db import connection

counter = importlib.import_module("kinerja.indicators.migrations.0006_registry_change_counter")
summary = importlib.import_module("kinerja.indicators.migrations.0008_ringkasan_unit")
layanan = importlib.import_module(
    "kinerja.registries.migrations.0004_layanan_rujukan_per_pernyataan"
)


def expected_triggers(vendor: str) -> set[tuple[str, str]]:
    """(trigger name, table) of every trigger the migrations create on `vendor`."""
    found: set[tuple[str, str]] = set()
    for t in counter.TABLES:
        if vendor == "postgresql":
            found.add((f"{t}_versi", t))
        else:
            found |= {(f"{t}_versi_{e}", t) for e in ("insert", "update", "delete")}
    for table in summary.PERSON_COLUMN:
        for event, sides in summary.EVENTS.items():
            name = f"{table}_kotor_{event.lower()}"
            if vendor == "postgresql":
                found.add((name, table))
            else:
                found |= {(f"{name}_{side}", table) for side in sides}
        if vendor == "postgresql":
            found.add((f"{table}_kotor_truncate", table))
    for table in summary.STRUCTURE_TABLES:
        if vendor == "postgresql":
            found.add((f"{table}_kotor", table))
        else:
            found |= {(f"{table}_kotor_{e.lower()}", table) for e in summary.EVENTS}
    if vendor == "postgresql":
        found |= {(f"{layanan.CHECK}_{e}", layanan.TABLE) for e in ("insert", "update")}
        found.add((layanan.PARENT, layanan.CODES))
    return found


def triggers_in_database() -> dict[tuple[str, str], str]:
    """(name, table) -> how it is enabled ('O' on PostgreSQL = fires; SQLite: always 'O')."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t"
                " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
            return {(name, table): enabled for name, table, enabled in cur.fetchall()}
        cur.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        return {(name, table): "O" for name, table in cur.fetchall()}


@pytest.mark.django_db
def test_every_trigger_of_the_migrations_exists_and_is_enabled():
    expected = expected_triggers(connection.vendor)
    # 15 counter tables, 6 person tables, 5 structure tables (+ the jenis_layanan checks).
    assert len(expected) == (
        15 + 6 * 4 + 5 + 3 if connection.vendor == "postgresql" else 45 + 24 + 15
    )
    present = triggers_in_database()
    missing = expected - present.keys()
    assert not missing, f"pemicu hilang: {sorted(missing)}"
    assert {present[k] for k in expected} == {"O"}


@pytest.mark.django_db
def test_the_counter_triggers_fire_on_a_write():
    """Present is not enough: a write through each kind of statement bumps the counter."""
    from kinerja.indicators.models import OrangBerubah, VersiData
    from kinerja.registries.models import Orang

    def versi() -> int:
        row = VersiData.objects.filter(pk=1).first()
        return row.versi if row else 0

    before = versi()
    last = OrangBerubah.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    o = Orang.objects.create(nama="Pemicu", id_lokal="P-1")
    Orang.objects.filter(pk=o.pk).update(nama="Pemicu 2")
    Orang.objects.filter(pk=o.pk).delete()
    assert versi() == before + 3
    # One log row per statement (PostgreSQL) or per row image (SQLite: old and new on UPDATE).
    logged = list(OrangBerubah.objects.filter(pk__gt=last).values_list("orang_id", flat=True))
    assert set(logged) == {o.pk} and len(logged) >= 3


@pytest.mark.django_db
def test_the_check_notices_a_dropped_trigger():
    """What a table rebuild would do, inside this test's transaction (rolled back after)."""
    name = (
        "registries_layanan_versi"
        if connection.vendor == "postgresql"
        else ("registries_layanan_versi_insert")
    )
    on = " ON registries_layanan" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cur:
        cur.execute(f"DROP TRIGGER {name}{on}")
    missing = expected_triggers(connection.vendor) - triggers_in_database().keys()
    assert missing == {(name, "registries_layanan")}
