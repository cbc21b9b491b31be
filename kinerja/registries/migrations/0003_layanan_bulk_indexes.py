"""Layanan keeps only the indexes a query needs (docs/keputusan-desain.md D19b).

A bulk import pays for every index on every row, twice (the record and its history row). Dropped:
on `registries_layanan` the single-column indexes of `orang` (the natural key starts with it),
`kode_kabkota` and `jenis` (the (kode_kabkota, jenis, tanggal) index serves both); on its history
table every index but the primary key, `id`, `history_date` and `history_user`.

The database side drops the indexes by name: on SQLite, Django would carry out AlterField by
rebuilding the table, which would lose the change-counter triggers and the engine's raw indexes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kinerja.registries.models.base

DROPPED = {
    "registries_layanan": {
        "registries_layanan_orang_id_d17bb5e9": "orang_id",
        "registries_layanan_kode_kabkota_8d3f234f": "kode_kabkota",
        "registries_layanan_jenis_id_38c6103d": "jenis_id",
    },
    "registries_historicallayanan": {
        "registries_historicallayanan_kode_kabkota_2474d6f7": "kode_kabkota",
        "registries_historicallayanan_orang_id_d18c32ed": "orang_id",
        "registries_historicallayanan_jenis_id_b71f2cc6": "jenis_id",
        "registries_historicallayanan_bencana_id_6697d9dc": "bencana_id",
        "registries_historicallayanan_created_by_id_a3b45c5d": "created_by_id",
        "registries_historicallayanan_updated_by_id_7cb2509e": "updated_by_id",
        "registries_historicallayanan_impor_id_08a21df4": "impor_id",
    },
}
TEXT_COLUMNS = {"kode_kabkota", "jenis_id"}  # PostgreSQL also has a `_like` index for these


def drop_indexes(apps, schema_editor):
    for indexes in DROPPED.values():
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}_like")


def create_indexes(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for table, indexes in DROPPED.items():
        for name, column in indexes.items():
            schema_editor.execute(f"CREATE INDEX {name} ON {table} ({column})")
            if postgres and column in TEXT_COLUMNS:
                schema_editor.execute(
                    f"CREATE INDEX {name}_like ON {table} ({column} varchar_pattern_ops)"
                )


class Migration(migrations.Migration):
    dependencies = [
        ("registries", "0002_code_lists"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="bencana",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registries.bencana",
                        verbose_name="kejadian bencana",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="dibuat oleh",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="impor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registries.impor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="jenis",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registries.jenislayanan",
                        verbose_name="jenis layanan",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="kode_kabkota",
                    field=models.CharField(
                        default=kinerja.registries.models.base.default_kabkota,
                        max_length=5,
                        verbose_name="kab/kota",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="orang",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registries.orang",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicallayanan",
                    name="updated_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="diubah oleh",
                    ),
                ),
                migrations.AlterField(
                    model_name="layanan",
                    name="jenis",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registries.jenislayanan",
                        verbose_name="jenis layanan",
                    ),
                ),
                migrations.AlterField(
                    model_name="layanan",
                    name="kode_kabkota",
                    field=models.CharField(
                        default=kinerja.registries.models.base.default_kabkota,
                        max_length=5,
                        verbose_name="kab/kota",
                    ),
                ),
                migrations.AlterField(
                    model_name="layanan",
                    name="orang",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="layanan",
                        to="registries.orang",
                    ),
                ),
            ],
        ),
    ]
