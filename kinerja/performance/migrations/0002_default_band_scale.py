"""The contract's default achievement scale (Permendagri 86/2017 bands with the gaps closed)."""

from decimal import Decimal

from django.db import migrations

BANDS = [
    (Decimal(91), "sangat tinggi"),
    (Decimal(76), "tinggi"),
    (Decimal(66), "sedang"),
    (Decimal(51), "rendah"),
    (None, "sangat rendah"),
]


def load(apps, schema_editor):
    from django.conf import settings

    BandCapaian = apps.get_model("performance", "BandCapaian")
    kode = settings.KINERJA_KODE_WILAYAH
    if BandCapaian.objects.filter(kode_kabkota=kode).exists():
        return
    for batas, label in BANDS:
        BandCapaian.objects.create(kode_kabkota=kode, batas_bawah=batas, label=label)


def unload(apps, schema_editor):
    apps.get_model("performance", "BandCapaian").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_targets_bands_approval_analysis_budget")]
    operations = [migrations.RunPython(load, unload)]
