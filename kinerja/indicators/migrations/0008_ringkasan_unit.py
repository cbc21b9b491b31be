"""Unit summaries (engine/ringkasan.py) and the log that keeps them current on write.

Database triggers append to `indicators_orangberubah` the persons whose registry rows an INSERT,
UPDATE or DELETE touched, whatever wrote them (ORM, bulk import, raw SQL), in the writer's own
transaction; a change to a code list, region, DTKS period or definition appends NULL (rebuild all).
PostgreSQL: one statement-level trigger per table and event with transition tables (one INSERT per
statement, however many rows); SQLite: row-level triggers.
"""

from django.db import migrations, models

LOG = "indicators_orangberubah"
# table -> the column naming the person a row belongs to (bencana: its victims, see _persons)
PERSON_COLUMN = {
    "registries_orang": "id",
    "registries_ppks": "orang_id",
    "registries_layanan": "orang_id",
    "registries_dtksanggota": "orang_id",
    "registries_korban": "orang_id",
    "registries_bencana": None,
}
STRUCTURE_TABLES = [
    "registries_dtksperiode", "registries_jenisppks", "registries_jenislayanan",
    "regions_wilayah", "indicators_definisi",
]  # fmt: skip
EVENTS = {"INSERT": ("new",), "UPDATE": ("new", "old"), "DELETE": ("old",)}
VICTIMS = "SELECT k.orang_id FROM registries_korban k WHERE k.bencana_id"


def _persons_pg(table: str, side: str) -> str:
    col = PERSON_COLUMN[table]
    if col is None:
        return f"{VICTIMS} IN (SELECT x.id FROM {side}_rows x)"
    return f"SELECT x.{col} FROM {side}_rows x"


def _persons_sqlite(table: str, side: str) -> str:
    col = PERSON_COLUMN[table]
    if col is None:
        return f"SELECT k.orang_id AS o FROM registries_korban k WHERE k.bencana_id = {side.upper()}.id"
    return f"SELECT {side.upper()}.{col} AS o"


def _pg(run) -> None:
    for table in PERSON_COLUMN:
        for event, sides in EVENTS.items():
            name = f"{table}_kotor_{event.lower()}"
            sources = " UNION ".join(_persons_pg(table, side) for side in sides)
            refs = " ".join(f"{side.upper()} TABLE AS {side}_rows" for side in sides)
            run(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                f"INSERT INTO {LOG} (orang_id) SELECT DISTINCT y.orang_id FROM ({sources})"
                " AS y(orang_id) WHERE y.orang_id IS NOT NULL; RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            run(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {refs} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
    run(
        "CREATE OR REPLACE FUNCTION kinerja_kotor_semua() RETURNS trigger AS $$ BEGIN "
        f"INSERT INTO {LOG} (orang_id) VALUES (NULL); RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    for table in STRUCTURE_TABLES:
        run(
            f"CREATE TRIGGER {table}_kotor AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION kinerja_kotor_semua()"
        )
    for table in PERSON_COLUMN:
        run(
            f"CREATE TRIGGER {table}_kotor_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION kinerja_kotor_semua()"
        )


def _sqlite(run) -> None:
    for table in PERSON_COLUMN:
        for event, sides in EVENTS.items():
            for side in sides:
                run(
                    f"CREATE TRIGGER {table}_kotor_{event.lower()}_{side} AFTER {event} ON {table}"
                    f" BEGIN INSERT INTO {LOG} (orang_id) SELECT y.o"
                    f" FROM ({_persons_sqlite(table, side)}) AS y WHERE y.o IS NOT NULL; END"
                )
    for table in STRUCTURE_TABLES:
        for event in EVENTS:
            run(
                f"CREATE TRIGGER {table}_kotor_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN INSERT INTO {LOG} (orang_id) VALUES (NULL); END"
            )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _pg(schema_editor.execute)
    elif vendor == "sqlite":
        _sqlite(schema_editor.execute)
    else:
        raise RuntimeError(f"Database {vendor} is not supported by Kinerja")


def backwards(apps, schema_editor):
    pg = schema_editor.connection.vendor == "postgresql"
    run = schema_editor.execute
    for table in PERSON_COLUMN:
        for event, sides in EVENTS.items():
            name = f"{table}_kotor_{event.lower()}"
            if pg:
                run(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                run(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                for side in sides:
                    run(f"DROP TRIGGER IF EXISTS {name}_{side}")
        if pg:
            run(f"DROP TRIGGER IF EXISTS {table}_kotor_truncate ON {table}")
    for table in STRUCTURE_TABLES:
        if pg:
            run(f"DROP TRIGGER IF EXISTS {table}_kotor ON {table}")
        else:
            for event in EVENTS:
                run(f"DROP TRIGGER IF EXISTS {table}_kotor_{event.lower()}")
    if pg:
        run("DROP FUNCTION IF EXISTS kinerja_kotor_semua()")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0007_engine_indexes"),
        ("registries", "0002_code_lists"),
        ("regions", "0002_banjarbaru_regions"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrangBerubah",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("orang_id", models.BigIntegerField(null=True, verbose_name="orang")),
            ],
            options={
                "verbose_name": "orang berubah",
                "verbose_name_plural": "orang berubah",
            },
        ),
        migrations.CreateModel(
            name="OrangKerja",
            fields=[
                (
                    "orang_id",
                    models.BigIntegerField(primary_key=True, serialize=False, verbose_name="orang"),
                ),
            ],
            options={
                "verbose_name": "orang diproses",
                "verbose_name_plural": "orang diproses",
            },
        ),
        migrations.CreateModel(
            name="Ringkasan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kunci", models.CharField(max_length=64, unique=True, verbose_name="kunci")),
                ("indikator", models.CharField(max_length=20, verbose_name="indikator")),
                ("tahun", models.PositiveSmallIntegerField(verbose_name="tahun")),
                ("kode_kabkota", models.CharField(max_length=5, verbose_name="kode kab/kota")),
                ("definisi_id", models.BigIntegerField(verbose_name="definisi (bacaan baku)")),
                (
                    "definisi_literal_id",
                    models.BigIntegerField(verbose_name="definisi (bacaan harfiah)"),
                ),
                ("dibuat", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                ("diperbarui", models.DateTimeField(auto_now=True, verbose_name="diperbarui")),
            ],
            options={
                "verbose_name": "ringkasan unit",
                "verbose_name_plural": "ringkasan unit",
            },
        ),
        migrations.CreateModel(
            name="RingkasanUnit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ringkasan_id", models.BigIntegerField(verbose_name="ringkasan")),
                ("unit_id", models.BigIntegerField(verbose_name="unit")),
                ("orang_id", models.BigIntegerField(null=True, verbose_name="orang")),
                ("jenis", models.CharField(blank=True, max_length=100, verbose_name="jenis")),
                ("wil", models.CharField(max_length=13, null=True, verbose_name="wilayah")),
                ("lahir", models.DateField(null=True, verbose_name="tanggal lahir")),
                ("masuk", models.DateField(null=True, verbose_name="masuk")),
                (
                    "anggota",
                    models.IntegerField(default=0, verbose_name="anggota DTKS per jendela"),
                ),
                ("d_num", models.DateField(null=True, verbose_name="pembilang pertama (baku)")),
                ("d_lit", models.DateField(null=True, verbose_name="pembilang pertama (harfiah)")),
            ],
            options={
                "verbose_name": "unit ringkasan",
                "verbose_name_plural": "unit ringkasan",
                "indexes": [
                    models.Index(fields=["ringkasan_id", "orang_id"], name="ringkasan_orang"),
                    models.Index(
                        fields=["ringkasan_id", "wil", "masuk", "anggota", "d_num", "d_lit"],
                        name="ringkasan_kelompok",
                    ),
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
