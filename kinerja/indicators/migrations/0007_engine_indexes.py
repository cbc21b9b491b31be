"""Indexes for the IKU engine's one-pass queries (engine/fastpath.py).

Each index holds every column its query reads, so the big scans are index-only (no heap visits on a
vacuumed table) and start at the year's rows. Plain `CREATE INDEX IF NOT EXISTS` (partial where
noted): the same statement on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    # IKU-2, 3A, 3B: a year's services of some kinds, per person (first date).
    "eng_layanan_jenis_tgl_orang": (
        "registries_layanan (kode_kabkota, jenis_id, tanggal, orang_id)"
    ),
    # IKU-4: services tied to an event, per person of that event, from the event's date.
    "eng_layanan_bencana_orang_tgl": (
        "registries_layanan (bencana_id, orang_id, tanggal, jenis_id) WHERE bencana_id IS NOT NULL"
    ),
    # IKU-2, 3A, 3B: a person's domicile and birth date without reading the row.
    "eng_orang_wilayah_lahir": "registries_orang (id, kelurahan_id, tanggal_lahir)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0006_registry_change_counter"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {spec}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, spec in INDEXES.items()
    ]
