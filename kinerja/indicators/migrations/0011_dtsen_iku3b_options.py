"""The DTSEN options of an IKU-3B definition (contract section 6, D135-D137), off for every
existing row.

The columns are added with plain ALTER TABLE ... ADD COLUMN: Django's SQLite schema editor would
rebuild the table to add a NOT NULL column, and a rebuilt table loses the triggers of migrations
0006 and 0008/0009 (change counter, summary invalidation) that watch `indicators_definisi`.
"""

from django.db import migrations, models

TABLE = "indicators_definisi"


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0010_ringkasan_unit_partitions"),
    ]

    state_operations = [
        migrations.AddField(
            model_name="definisi",
            name="bansos_per_keluarga",
            field=models.BooleanField(
                default=False,
                help_text="Ya: layanan pembilang kepada seorang anggota KK di DTKS periode itu dihitung untuk setiap anggota KK tersebut.",
                verbose_name="bansos per keluarga (KPM)",
            ),
        ),
        migrations.AddField(
            model_name="definisi",
            name="desil_maks",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="1-10: penyebut hanya anggota DTKS dengan desil <= batas ini (tanpa desil tetap dihitung). Kosong = semua anggota.",
                null=True,
                verbose_name="desil maksimal (DTSEN)",
            ),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE {TABLE} ADD COLUMN bansos_per_keluarga boolean NOT NULL"
                    " DEFAULT false",
                    f"ALTER TABLE {TABLE} DROP COLUMN bansos_per_keluarga",
                ),
                migrations.RunSQL(
                    f"ALTER TABLE {TABLE} ADD COLUMN desil_maks smallint NULL"
                    " CHECK (desil_maks >= 0)",
                    f"ALTER TABLE {TABLE} DROP COLUMN desil_maks",
                ),
            ],
            state_operations=state_operations,
        )
    ]
