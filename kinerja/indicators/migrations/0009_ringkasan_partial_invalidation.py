"""Structural changes drop only the summaries they touch (D101).

Migration 0008 made every change to a structure table append NULL to the log (drop every summary).
Two of them now append a marker instead (no person has an id <= 0), read by engine/ringkasan.py:

- `registries_dtksperiode` -> -1: a DTKS period is read by the DTKS family alone (IKU-3B), so
  only the DTKS summaries are dropped;
- `indicators_definisi`, `registries_jenislayanan` -> -2: everything they feed into a summary
  (both readings' fields, the service codes of a group) is part of the summary's key, so only the
  summaries whose key changed are dropped.

Regions and PPKS types keep NULL (drop everything). Same trigger names as 0008.
"""

from django.db import migrations

LOG = "indicators_orangberubah"
MARKERS = {"registries_dtksperiode": -1, "indicators_definisi": -2, "registries_jenislayanan": -2}
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _function(marker: int | None) -> str:
    return {None: "kinerja_kotor_semua", -1: "kinerja_kotor_dtks", -2: "kinerja_kotor_kunci"}[
        marker
    ]


def _set(schema_editor, markers: dict[str, int | None]) -> None:
    run = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Database {vendor} is not supported by Kinerja")
    for table, marker in markers.items():
        value = "NULL" if marker is None else str(marker)
        if vendor == "postgresql":
            function = _function(marker)
            run(
                f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN INSERT INTO"
                f" {LOG} (orang_id) VALUES ({value}); RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            run(f"DROP TRIGGER IF EXISTS {table}_kotor ON {table}")
            run(
                f"CREATE TRIGGER {table}_kotor AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON"
                f" {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
            continue
        for event in EVENTS:
            name = f"{table}_kotor_{event.lower()}"
            run(f"DROP TRIGGER IF EXISTS {name}")
            run(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"BEGIN INSERT INTO {LOG} (orang_id) VALUES ({value}); END"
            )


def forwards(apps, schema_editor):
    _set(schema_editor, MARKERS)


def backwards(apps, schema_editor):
    _set(schema_editor, dict.fromkeys(MARKERS))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS kinerja_kotor_dtks()")
        schema_editor.execute("DROP FUNCTION IF EXISTS kinerja_kotor_kunci()")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0008_ringkasan_unit")]

    operations = [migrations.RunPython(forwards, backwards)]
