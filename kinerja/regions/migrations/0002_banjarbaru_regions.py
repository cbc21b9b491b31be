"""Kota Banjarbaru (63.72), its 5 kecamatan and 20 kelurahan (Kepmendagri 300.2.2-2138/2025)."""

from django.db import migrations

WILAYAH = [
    ("63", "Kalimantan Selatan"),
    ("63.72", "Kota Banjarbaru"),
    ("63.72.02", "Landasan Ulin"),
    ("63.72.02.1003", "Landasan Ulin Timur"),
    ("63.72.02.1004", "Guntung Payung"),
    ("63.72.02.1005", "Guntung Manggis"),
    ("63.72.02.1006", "Syamsudin Noor"),
    ("63.72.03", "Cempaka"),
    ("63.72.03.1001", "Palam"),
    ("63.72.03.1002", "Bangkal"),
    ("63.72.03.1003", "Sungai Tiung"),
    ("63.72.03.1004", "Cempaka"),
    ("63.72.04", "Banjarbaru Utara"),
    ("63.72.04.1001", "Loktabat Utara"),
    ("63.72.04.1002", "Mentaos"),
    ("63.72.04.1003", "Komet"),
    ("63.72.04.1004", "Sungai Ulin"),
    ("63.72.05", "Banjarbaru Selatan"),
    ("63.72.05.1001", "Sungai Besar"),
    ("63.72.05.1002", "Loktabat Selatan"),
    ("63.72.05.1003", "Kemuning"),
    ("63.72.05.1004", "Guntung Paikat"),
    ("63.72.06", "Liang Anggang"),
    ("63.72.06.1001", "Landasan Ulin Barat"),
    ("63.72.06.1002", "Landasan Ulin Tengah"),
    ("63.72.06.1003", "Landasan Ulin Utara"),
    ("63.72.06.1004", "Landasan Ulin Selatan"),
]
TINGKAT = {1: "provinsi", 2: "kabkota", 3: "kecamatan", 4: "kelurahan"}


def load(apps, schema_editor):
    Wilayah = apps.get_model("regions", "Wilayah")
    for kode, nama in WILAYAH:
        parts = kode.split(".")
        Wilayah.objects.update_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "tingkat": TINGKAT[len(parts)],
                "induk_id": ".".join(parts[:-1]) or None,
            },
        )


def unload(apps, schema_editor):
    Wilayah = apps.get_model("regions", "Wilayah")
    for kode, _ in reversed(WILAYAH):
        Wilayah.objects.filter(kode=kode).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
