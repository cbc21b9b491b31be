"""Layanan's `jenis` checked once per statement, `impor` a plain pointer (docs/keputusan-desain.md D19c).

PostgreSQL checks a foreign key with one query per row, at COMMIT (about 3 µs a row each): for a bulk
import that is a fifth of the database's work. There:

- `jenis_id` (a code list of a few dozen rows) is checked by statement-level triggers on INSERT and
  UPDATE: the distinct codes of the statement's rows must all exist, and are locked FOR KEY SHARE as
  a foreign key check does, so a code cannot disappear before the writer commits. Removing a code
  (DELETE, or UPDATE of `kode`) still referenced by a layanan is refused at COMMIT by a deferred
  constraint trigger on `registries_jenislayanan`, like the DEFERRABLE INITIALLY DEFERRED key was.
- `impor_id` keeps its index but loses its constraint: it points to the import log, which is not
  part of the data (the history rows hold the same pointer without a constraint already). The ORM
  still sets it to NULL when an import is deleted.

SQLite keeps both inline foreign keys (dropping one would mean rebuilding the table, losing the
triggers of indicators/0006 and 0008; SQLite checks a key per row cheaply), so the database side
runs on PostgreSQL only.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "registries_layanan"
CODES = "registries_jenislayanan"
CHECK = "registries_layanan_jenis_cek"
PARENT = "registries_jenislayanan_layanan_cek"

CHILD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {CHECK}() RETURNS trigger AS $$
DECLARE wanted bigint; found bigint;
BEGIN
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT n.jenis_id FROM new_rows n) d;
  SELECT count(*) INTO found FROM (
    SELECT 1 FROM {CODES} j WHERE j.kode IN (SELECT DISTINCT n.jenis_id FROM new_rows n)
    FOR KEY SHARE OF j
  ) x;
  IF found <> wanted THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'insert or update on table "{TABLE}" violates foreign key "jenis_id"',
      DETAIL = 'A jenis_id is not present in table "{CODES}".';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""

PARENT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PARENT}() RETURNS trigger AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR NEW.kode IS DISTINCT FROM OLD.kode)
     AND EXISTS (SELECT 1 FROM {TABLE} l WHERE l.jenis_id = OLD.kode) THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'update or delete on table "{CODES}" violates foreign key "jenis_id" on "{TABLE}"',
      DETAIL = 'Key (kode)=(' || OLD.kode || ') is still referenced from table "{TABLE}".';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def _foreign_keys(schema_editor, column: str) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
            "WHERE c.conrelid = %s::regclass AND c.contype = 'f' AND a.attname = %s",
            [TABLE, column],
        )
        return [r[0] for r in cursor.fetchall()]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    for column in ("jenis_id", "impor_id"):
        for name in _foreign_keys(schema_editor, column):
            run(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
    run(CHILD_FUNCTION)
    for event in ("INSERT", "UPDATE"):
        run(
            f"CREATE TRIGGER {CHECK}_{event.lower()} AFTER {event} ON {TABLE} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {CHECK}()"
        )
    run(PARENT_FUNCTION)
    run(
        f"CREATE CONSTRAINT TRIGGER {PARENT} AFTER DELETE OR UPDATE OF kode ON {CODES} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {PARENT}()"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(f"DROP TRIGGER IF EXISTS {PARENT} ON {CODES}")
    run(f"DROP FUNCTION IF EXISTS {PARENT}()")
    for event in ("insert", "update"):
        run(f"DROP TRIGGER IF EXISTS {CHECK}_{event} ON {TABLE}")
    run(f"DROP FUNCTION IF EXISTS {CHECK}()")
    for column, target in (
        ("jenis_id", f"{CODES} (kode)"),
        ("impor_id", "registries_impor (id)"),
    ):
        run(
            f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_{column}_fk FOREIGN KEY ({column}) "
            f"REFERENCES {target} DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registries", "0003_layanan_bulk_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(
                    model_name="layanan",
                    name="impor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="registries.impor",
                    ),
                ),
                migrations.AlterField(
                    model_name="layanan",
                    name="jenis",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registries.jenislayanan",
                        verbose_name="jenis layanan",
                    ),
                ),
            ],
        ),
    ]
