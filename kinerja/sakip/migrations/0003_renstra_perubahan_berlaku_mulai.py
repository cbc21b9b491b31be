"""Renstra Perubahan: the year a version comes into force and why it was made (D250, D251).

Every Renstra before this migration is a first version, so it is in force from its first year."""

from django.db import migrations, models


def first_year(apps, schema_editor):
    for name in ("Renstra", "HistoricalRenstra"):
        apps.get_model("sakip", name).objects.update(berlaku_mulai=models.F("periode_awal"))


class Migration(migrations.Migration):
    dependencies = [
        ("sakip", "0002_pk_jabatan_perjanjian_kinerja"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalrenstra",
            name="alasan_perubahan",
            field=models.TextField(blank=True, verbose_name="alasan perubahan"),
        ),
        migrations.AddField(
            model_name="renstra",
            name="alasan_perubahan",
            field=models.TextField(blank=True, verbose_name="alasan perubahan"),
        ),
        migrations.AddField(
            model_name="historicalrenstra",
            name="berlaku_mulai",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="renstra",
            name="berlaku_mulai",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.RunPython(first_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalrenstra",
            name="berlaku_mulai",
            field=models.PositiveSmallIntegerField(
                help_text="Versi 1: tahun awal periode; Renstra Perubahan: sesudahnya.",
                verbose_name="berlaku mulai (tahun)",
            ),
        ),
        migrations.AlterField(
            model_name="renstra",
            name="berlaku_mulai",
            field=models.PositiveSmallIntegerField(
                help_text="Versi 1: tahun awal periode; Renstra Perubahan: sesudahnya.",
                verbose_name="berlaku mulai (tahun)",
            ),
        ),
        migrations.AddConstraint(
            model_name="renstra",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("berlaku_mulai__gte", models.F("periode_awal")),
                    ("berlaku_mulai__lte", models.F("periode_akhir")),
                ),
                name="renstra_berlaku_dalam_periode",
            ),
        ),
        migrations.AddConstraint(
            model_name="renstra",
            constraint=models.UniqueConstraint(
                fields=("menggantikan",), name="unique_renstra_perubahan"
            ),
        ),
    ]
