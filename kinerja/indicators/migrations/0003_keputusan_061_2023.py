"""Load the decree that fixes the IKU 2021-2026 (catalogue version 1)."""

from django.db import migrations

from ._decree_061_2023 import INDIKATOR, KEPUTUSAN, SASARAN


def load(apps, schema_editor):
    Keputusan = apps.get_model("indicators", "Keputusan")
    SasaranStrategis = apps.get_model("indicators", "SasaranStrategis")
    Indikator = apps.get_model("indicators", "Indikator")
    Bidang = apps.get_model("organisation", "Bidang")
    if Keputusan.objects.filter(kode_wilayah="63.72", versi=1).exists():
        return
    keputusan = Keputusan.objects.create(**KEPUTUSAN)
    sasaran = {
        nomor: SasaranStrategis.objects.create(keputusan=keputusan, nomor=nomor, uraian=uraian)
        for nomor, uraian in SASARAN
    }
    for urutan, row in enumerate(INDIKATOR, start=1):
        row = dict(row)
        Indikator.objects.create(
            keputusan=keputusan,
            sasaran=sasaran[row.pop("sasaran")],
            bidang=Bidang.objects.get(organisasi__kode_wilayah="63.72", kode=row.pop("bidang")),
            urutan=urutan,
            sumber_data="Dinas Sosial",
            satuan="%",
            polaritas="naik",
            **row,
        )


def unload(apps, schema_editor):
    Keputusan = apps.get_model("indicators", "Keputusan")
    for k in Keputusan.objects.filter(kode_wilayah="63.72", versi=1):
        k.indikator.all().delete()
        k.sasaran.all().delete()
        k.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_indikator_bidang"),
        ("organisation", "0002_dinas_sosial_banjarbaru"),
    ]
    operations = [migrations.RunPython(load, unload)]
