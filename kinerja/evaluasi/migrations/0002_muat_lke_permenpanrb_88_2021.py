"""The worksheet of PermenPAN-RB 88/2021 as the first LKE version (data; D155)."""

from django.db import migrations


def muat(apps, schema_editor):
    from kinerja.evaluasi.services.lke_data import lke_bawaan, lke_muat

    lke_muat(lke_bawaan(), model=lambda name: apps.get_model("evaluasi", name))


def hapus(apps, schema_editor):
    apps.get_model("evaluasi", "Lke").objects.filter(kode="permenpanrb-88-2021").delete()


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_lke")]

    operations = [migrations.RunPython(muat, hapus)]
