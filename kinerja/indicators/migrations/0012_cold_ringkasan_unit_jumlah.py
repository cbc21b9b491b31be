"""Unit summary rows that stand for several units (D115).

`n`: how many units alike a row stands for (1 for a unit's own row). `bencana_id`: the event of a
disaster victim's row. A disaster's victims served in neither reading are stored as one row per
event (`orang_id` NULL, `n` of them) instead of one row each. The summaries are derived data: they
are dropped here and rebuilt when next read.
"""

from django.db import migrations, models

T = "indicators_ringkasanunit"


def drop_summaries(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cur:
            cur.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                " WHERE i.inhparent = %s::regclass",
                [T],
            )
            parts = [row[0] for row in cur.fetchall()]
        for name in parts:
            run(f"DROP TABLE {name}")
    else:
        run(f"DELETE FROM {T}")
    run("DELETE FROM indicators_ringkasan")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0011_dtsen_iku3b_options")]

    operations = [
        migrations.RunPython(drop_summaries, drop_summaries),
        migrations.AddField(
            model_name="ringkasanunit",
            name="n",
            field=models.IntegerField(db_default=1, verbose_name="jumlah unit"),
        ),
        migrations.AddField(
            model_name="ringkasanunit",
            name="bencana_id",
            field=models.BigIntegerField(null=True, verbose_name="kejadian bencana (korban)"),
        ),
    ]
