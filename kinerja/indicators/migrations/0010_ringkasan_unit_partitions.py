"""PostgreSQL: the unit summary rows in one partition per summary (D102).

A summary is built into a table of its own without indexes and then attached as a partition of
`indicators_ringkasanunit` (LIST on `ringkasan_id`), so its indexes are built in one sorted pass
instead of being maintained row by row, and dropping a summary is dropping its table. The parent
keeps the columns of 0008 and the index `ringkasan_orang` (the refresh's per-person DELETE); the
covering index `ringkasan_kelompok` is not kept on PostgreSQL: a summary's rows are now a table of
their own, whose plain scan and hash grouping read them about as fast (x10 IKU-4: 0.47 against
0.36 s, the others no slower) while building that six-column index cost more than the insert; `id` comes from a sequence (PostgreSQL 15 has no
identity columns on partitioned tables) and is no longer a constraint (a primary key would have to
include `ringkasan_id`; nothing looks rows up by id). The summaries are derived data: they are
dropped here and rebuilt when next read. SQLite keeps the plain table.
"""

from django.db import migrations

T = "indicators_ringkasanunit"
PARENT = f"""
CREATE TABLE {T} (
    id bigint NOT NULL DEFAULT nextval('{T}_id_seq'),
    ringkasan_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    orang_id bigint NULL,
    jenis varchar(100) NOT NULL,
    wil varchar(13) NULL,
    lahir date NULL,
    masuk date NULL,
    anggota integer NOT NULL,
    d_num date NULL,
    d_lit date NULL
) PARTITION BY LIST (ringkasan_id)
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DELETE FROM indicators_ringkasan")
    run(f"DROP TABLE {T}")
    run(f"CREATE SEQUENCE {T}_id_seq")
    run(PARENT)
    run(f"ALTER SEQUENCE {T}_id_seq OWNED BY {T}.id")
    run(f"CREATE INDEX ringkasan_orang ON {T} (ringkasan_id, orang_id)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DELETE FROM indicators_ringkasan")
    run(f"DROP TABLE {T}")  # its partitions with it
    schema_editor.create_model(apps.get_model("indicators", "RingkasanUnit"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0009_ringkasan_partial_invalidation")]

    operations = [migrations.RunPython(forwards, backwards)]
