"""Seed the code lists of the data contract (section 1, Codes)."""

from django.db import migrations

JENIS_PPKS = [
    ("anak_balita_telantar", "Anak balita telantar"),
    ("anak_telantar", "Anak telantar"),
    ("anak_berhadapan_hukum", "Anak yang berhadapan dengan hukum"),
    ("anak_jalanan", "Anak jalanan"),
    ("anak_disabilitas", "Anak dengan kedisabilitasan"),
    ("anak_korban_kekerasan", "Anak korban tindak kekerasan atau diperlakukan salah"),
    ("anak_perlindungan_khusus", "Anak yang memerlukan perlindungan khusus"),
    ("lanjut_usia_telantar", "Lanjut usia telantar"),
    ("penyandang_disabilitas", "Penyandang disabilitas"),
    ("tuna_susila", "Tuna susila"),
    ("gelandangan", "Gelandangan"),
    ("pengemis", "Pengemis"),
    ("pemulung", "Pemulung"),
    ("kelompok_minoritas", "Kelompok minoritas"),
    ("bekas_warga_binaan", "Bekas warga binaan lembaga pemasyarakatan"),
    ("odha", "Orang dengan HIV/AIDS"),
    ("korban_napza", "Korban penyalahgunaan NAPZA"),
    ("korban_trafficking", "Korban trafficking"),
    ("korban_kekerasan", "Korban tindak kekerasan"),
    ("pekerja_migran_bermasalah", "Pekerja migran bermasalah sosial"),
    ("korban_bencana_alam", "Korban bencana alam"),
    ("korban_bencana_sosial", "Korban bencana sosial"),
    ("perempuan_rawan_sosial_ekonomi", "Perempuan rawan sosial ekonomi"),
    ("fakir_miskin", "Fakir miskin"),
    ("keluarga_bermasalah_psikologis", "Keluarga bermasalah sosial psikologis"),
    ("komunitas_adat_terpencil", "Komunitas adat terpencil"),
]

JENIS_PSKS = [
    ("pekerja_sosial_profesional", "Pekerja sosial profesional"),
    ("pekerja_sosial_masyarakat", "Pekerja sosial masyarakat (PSM)"),
    ("tagana", "Taruna siaga bencana (Tagana)"),
    ("lks", "Lembaga kesejahteraan sosial (LKS)"),
    ("karang_taruna", "Karang taruna"),
    ("lk3", "Lembaga konsultasi kesejahteraan keluarga (LK3)"),
    ("keluarga_pioner", "Keluarga pioner"),
    ("wksbm", "Wahana kesejahteraan sosial keluarga berbasis masyarakat (WKSBM)"),
    ("wanita_pemimpin_kesos", "Wanita pemimpin kesejahteraan sosial"),
    ("penyuluh_sosial", "Penyuluh sosial"),
    ("tksk", "Tenaga kesejahteraan sosial kecamatan (TKSK)"),
    ("dunia_usaha", "Dunia usaha"),
]

JENIS_LAYANAN = [
    ("permakanan", "Permakanan", "dasar"),
    ("sandang", "Sandang", "dasar"),
    ("alat_bantu", "Alat bantu", "dasar"),
    ("perbekalan_kesehatan", "Perbekalan kesehatan", "dasar"),
    ("bimbingan_sosial", "Bimbingan fisik, mental spiritual dan sosial", "dasar"),
    ("bimbingan_keluarga", "Bimbingan sosial keluarga dan masyarakat", "dasar"),
    ("fasilitasi_adminduk", "Fasilitasi dokumen kependudukan", "dasar"),
    ("akses_layanan_dasar", "Akses layanan pendidikan dan kesehatan dasar", "dasar"),
    ("penelusuran_keluarga", "Penelusuran keluarga", "dasar"),
    ("reunifikasi", "Reunifikasi dan reintegrasi sosial", "dasar"),
    ("rujukan", "Rujukan", "dasar"),
    ("tempat_tinggal_sementara", "Tempat tinggal sementara", "dasar"),
    ("pengasuhan", "Pengasuhan", "pengasuhan"),
    ("pelatihan_keterampilan", "Pelatihan keterampilan", "pengasuhan"),
    ("bansos_keluarga", "Bantuan sosial kesejahteraan keluarga", "bansos"),
    ("bantuan_usaha", "Bantuan pengembangan ekonomi (usaha)", "bansos"),
    ("tempat_penampungan", "Tempat penampungan", "bencana"),
    ("dukungan_psikososial", "Dukungan psikososial", "bencana"),
    ("santunan", "Santunan", "bencana"),
]


def load(apps, schema_editor):
    for model, rows in (("JenisPpks", JENIS_PPKS), ("JenisPsks", JENIS_PSKS)):
        Model = apps.get_model("registries", model)
        for urutan, (kode, nama) in enumerate(rows, start=1):
            Model.objects.update_or_create(kode=kode, defaults={"nama": nama, "urutan": urutan})
    JenisLayanan = apps.get_model("registries", "JenisLayanan")
    for urutan, (kode, nama, kelompok) in enumerate(JENIS_LAYANAN, start=1):
        JenisLayanan.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "urutan": urutan, "kelompok": kelompok}
        )


def unload(apps, schema_editor):
    for model in ("JenisPpks", "JenisPsks", "JenisLayanan"):
        apps.get_model("registries", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registries", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
