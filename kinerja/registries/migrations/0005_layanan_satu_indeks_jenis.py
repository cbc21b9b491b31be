"""Layanan drops two indexes that others already cover (docs/keputusan-desain.md D19e).

- (kode_kabkota, jenis, tanggal): the IKU engine's index `eng_layanan_jenis_tgl_orang`
  (kode_kabkota, jenis_id, tanggal, orang_id, indicators/0007) starts with the same three columns.
- (orang, tanggal): the natural key (orang, jenis, tanggal, program, bencana) starts with `orang`,
  so a person's services (person page, the engine's summary refresh) are found by it.

Each cost every imported row one more index entry. RemoveIndex is a plain DROP INDEX
on SQLite too (no table rebuild: the triggers of indicators/0006 and 0008 stay).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registries", "0004_layanan_rujukan_per_pernyataan"),
        ("indicators", "0007_engine_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="layanan",
            name="registries__kode_ka_cc9dc7_idx",
        ),
        migrations.RemoveIndex(
            model_name="layanan",
            name="registries__orang_i_4b359a_idx",
        ),
    ]
