"""Dinas Sosial Kota Banjarbaru and its units."""

from django.db import migrations

BIDANG = [
    ("sekretariat", "Sekretariat", 1),
    ("pemberdayaan", "Bidang Pemberdayaan Sosial", 2),
    ("rehabilitasi", "Bidang Rehabilitasi Sosial", 3),
    # The decree's name for this Bidang (domain.md: "used everywhere").
    ("linjamsos", "Bidang Perlindungan Sosial dan Jaminan Sosial", 4),
]


def load(apps, schema_editor):
    Organisasi = apps.get_model("organisation", "Organisasi")
    Bidang = apps.get_model("organisation", "Bidang")
    org, _ = Organisasi.objects.update_or_create(
        kode_wilayah="63.72",
        defaults={
            "nama": "Dinas Sosial Kota Banjarbaru",
            "alamat": "Jl. Ketumbar Kel. Komet (0511) 4781749 Banjarbaru 70711",
            "email": "dinsos@banjarbarukota.go.id",
            "kepala_nama": "ROKHYAT RIYADI, SE.M.Si",
            "kepala_pangkat": "Pembina Tingkat I",
            "kepala_nip": "19700503 199803 1 009",
        },
    )
    for kode, nama, urutan in BIDANG:
        Bidang.objects.update_or_create(
            organisasi=org, kode=kode, defaults={"nama": nama, "urutan": urutan}
        )


def unload(apps, schema_editor):
    apps.get_model("organisation", "Bidang").objects.filter(
        organisasi__kode_wilayah="63.72"
    ).delete()
    apps.get_model("organisation", "Organisasi").objects.filter(kode_wilayah="63.72").delete()


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
