"""A change counter bumped by database triggers on every write to the tables figures depend on.

The figure cache (engine/cache.py) keys its entries by this counter, so no write path (ORM, bulk
import, queryset.update(), raw SQL, a DBA's UPDATE) can leave a cached figure stale. The counter is
transactional: a rolled-back write rolls its bump back with it.
"""

from django.db import migrations, models

TABLES = [
    "registries_orang", "registries_ppks", "registries_psks", "registries_kegiatanpelatihan",
    "registries_pelatihan", "registries_dtksperiode", "registries_dtksanggota", "registries_layanan",
    "registries_bencana", "registries_korban", "registries_jenisppks", "registries_jenispsks",
    "registries_jenislayanan", "regions_wilayah", "indicators_definisi",
]  # fmt: skip
COUNTER = "indicators_versidata"
BUMP = (
    f"INSERT INTO {COUNTER} (id, versi) VALUES (1, 1) "
    f"ON CONFLICT (id) DO UPDATE SET versi = {COUNTER}.versi + 1"
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    if vendor == "postgresql":
        run(
            "CREATE OR REPLACE FUNCTION kinerja_bump_versi() RETURNS trigger AS $$ BEGIN "
            f"{BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for t in TABLES:
            run(
                f"CREATE TRIGGER {t}_versi AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t} "
                "FOR EACH STATEMENT EXECUTE FUNCTION kinerja_bump_versi()"
            )
    elif vendor == "sqlite":
        for t in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                run(
                    f"CREATE TRIGGER {t}_versi_{event.lower()} AFTER {event} ON {t} "
                    f"BEGIN {BUMP}; END"
                )
    else:
        raise RuntimeError(f"Database {vendor} is not supported by Kinerja")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    for t in TABLES:
        if vendor == "postgresql":
            run(f"DROP TRIGGER IF EXISTS {t}_versi ON {t}")
        else:
            for event in ("insert", "update", "delete"):
                run(f"DROP TRIGGER IF EXISTS {t}_versi_{event}")
    if vendor == "postgresql":
        run("DROP FUNCTION IF EXISTS kinerja_bump_versi()")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0005_definisi_iku_keputusan_061"),
        ("registries", "0002_code_lists"),
        ("regions", "0002_banjarbaru_regions"),
    ]
    operations = [
        migrations.CreateModel(
            name="VersiData",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("versi", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "versi data registri"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
