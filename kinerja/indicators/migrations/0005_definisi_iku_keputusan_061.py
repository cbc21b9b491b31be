"""How the five IKU of catalogue version 1 are counted, in both readings (data-contract section 2)."""

from django.db import migrations

SCOPE_IKU2 = [
    "penyandang_disabilitas", "anak_telantar", "lanjut_usia_telantar", "gelandangan", "pengemis",
]  # fmt: skip
GEPENG = {"gelandangan": "gelandangan pengemis", "pengemis": "gelandangan pengemis"}

# (kode, bacaan, fields)
DEFINISI = [
    ("IKU-1", "default", dict(
        keluarga="psks_pelatihan", hitung="unit", jendela="periode",
        keterangan="Unit: PSKS (kode_psks), 12 jenis. Penyebut: PSKS aktif dalam periode. "
        "Pembilang: PSKS dengan pelatihan bertanggal dalam periode.",
    )),
    ("IKU-1", "literal", dict(
        keluarga="psks_pelatihan", hitung="jenis", jendela="periode",
        keterangan="Jumlah jenis PSKS yang meningkat kemampuannya / jumlah jenis PSKS aktif.",
    )),
    ("IKU-2", "default", dict(
        keluarga="ppks_layanan", hitung="unit", jendela="registrasi",
        jenis_registrasi=SCOPE_IKU2, lokasi="luar_panti", layanan_kelompok=["dasar"],
        kelompok_jenis=GEPENG,
        keterangan="Unit: orang. Penyebut: orang dengan registrasi lingkup (luar panti) aktif. "
        "Pembilang: layanan kebutuhan dasar dalam periode dan dalam masa registrasi lingkupnya.",
    )),
    ("IKU-2", "literal", dict(
        keluarga="ppks_layanan", hitung="jenis", jendela="registrasi",
        jenis_registrasi=SCOPE_IKU2, lokasi="luar_panti", layanan_kelompok=["dasar"],
        kelompok_jenis=GEPENG,
        keterangan="Jumlah jenis PMKS (gelandangan pengemis satu jenis) dengan sedikitnya satu "
        "orang terlayani dalam registrasi jenis itu / jumlah jenis PMKS penyebut.",
    )),
    ("IKU-3A", "default", dict(
        keluarga="anak_layanan", hitung="unit", jendela="periode",
        jenis_registrasi=["anak_telantar"], umur_min=6, umur_maks=18,
        layanan_jenis=["pengasuhan", "pelatihan_keterampilan"],
        keterangan="Unit: anak 6-18 tahun pada akhir periode dengan registrasi anak_telantar "
        "aktif. Pembilang: layanan pengasuhan atau pelatihan_keterampilan dalam periode.",
    )),
    ("IKU-3A", "literal", dict(
        keluarga="anak_layanan", hitung="unit", jendela="periode",
        jenis_registrasi=["anak_telantar"], umur_min=6, umur_maks=18,
        layanan_jenis=["pelatihan_keterampilan"],
        keterangan="Sama dengan bacaan baku, pembilang hanya pelatihan_keterampilan.",
    )),
    ("IKU-3B", "default", dict(
        keluarga="dtks_layanan", hitung="unit", jendela="periode",
        layanan_jenis=["bansos_keluarga", "bantuan_usaha"],
        keterangan="Unit: NIK di DTKS periode terakhir <= bulan akhir periode. Pembilang: "
        "bansos_keluarga atau bantuan_usaha dalam periode.",
    )),
    ("IKU-3B", "literal", dict(
        keluarga="dtks_layanan", hitung="unit", jendela="periode",
        layanan_jenis=["bansos_keluarga", "bantuan_usaha"],
        keterangan="Sama dengan bacaan baku.",
    )),
    ("IKU-4", "default", dict(
        keluarga="korban_layanan", hitung="unit", jendela="kejadian",
        keterangan="Unit: korban per kejadian (kejadian dalam periode). Pembilang: layanan apa pun "
        "untuk orang dan kejadian yang sama, dari tanggal kejadian s.d. akhir periode.",
    )),
    ("IKU-4", "literal", dict(
        keluarga="korban_layanan", hitung="unit", jendela="kejadian",
        keterangan="Sama dengan bacaan baku.",
    )),
]  # fmt: skip


def load(apps, schema_editor):
    Indikator = apps.get_model("indicators", "Indikator")
    Definisi = apps.get_model("indicators", "Definisi")
    for kode, bacaan, fields in DEFINISI:
        ind = Indikator.objects.filter(
            keputusan__kode_wilayah="63.72", keputusan__versi=1, kode=kode
        ).first()
        if ind is None:
            continue
        Definisi.objects.update_or_create(indikator=ind, bacaan=bacaan, defaults=dict(fields))


def unload(apps, schema_editor):
    Definisi = apps.get_model("indicators", "Definisi")
    Definisi.objects.filter(
        indikator__keputusan__kode_wilayah="63.72", indikator__keputusan__versi=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_definisi_unitbeku")]
    operations = [migrations.RunPython(load, unload)]
