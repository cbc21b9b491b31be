"""/registri/: registry lists, the person page, forms, NIK reveal, the access log, uploads."""

from django.urls import path

from .views import (
    akses,
    bencana,
    cari,
    dtks,
    index,
    layanan,
    orang,
    ppks,
    psks,
    unggah,
    unggah_pemetaan,
)

app_name = "registri"

urlpatterns = [
    path("", index.index, name="index"),
    path("cari/", cari.cari_view, name="cari"),
    path("orang/", orang.orang_list, name="orang_list"),
    path("orang/tambah/", orang.orang_add, name="orang_add"),
    path("orang/<int:pk>/", orang.orang_detail, name="orang_detail"),
    path("orang/<int:pk>/ubah/", orang.orang_edit, name="orang_edit"),
    path("orang/<int:pk>/nik/", orang.orang_nik, name="orang_nik"),
    path("orang/<int:pk>/kk/", orang.orang_kk, name="orang_kk"),
    path("orang/<int:orang_pk>/ppks/tambah/", ppks.ppks_add, name="ppks_add"),
    path("orang/<int:orang_pk>/layanan/tambah/", layanan.layanan_add, name="layanan_add"),
    path("orang/<int:orang_pk>/dtks/tambah/", dtks.dtks_add, name="dtks_add"),
    path("orang/<int:orang_pk>/korban/tambah/", bencana.korban_add, name="korban_add"),
    path("ppks/", ppks.ppks_list, name="ppks_list"),
    path("ppks/<int:pk>/ubah/", ppks.ppks_edit, name="ppks_edit"),
    path("layanan/", layanan.layanan_list, name="layanan_list"),
    path("layanan/<int:pk>/ubah/", layanan.layanan_edit, name="layanan_edit"),
    path("dtks/", dtks.dtks_list, name="dtks_list"),
    path("dtks/<int:pk>/ubah/", dtks.dtks_edit, name="dtks_edit"),
    path("dtks/<int:pk>/kk/", orang.dtks_kk, name="dtks_kk"),
    path("psks/", psks.psks_list, name="psks_list"),
    path("psks/tambah/", psks.psks_add, name="psks_add"),
    path("psks/<int:pk>/ubah/", psks.psks_edit, name="psks_edit"),
    path("psks/<int:pk>/nik/", orang.psks_nik, name="psks_nik"),
    path("pelatihan/", psks.pelatihan_list, name="pelatihan_list"),
    path("pelatihan/tambah/", psks.pelatihan_add, name="pelatihan_add"),
    path("pelatihan/<int:pk>/ubah/", psks.pelatihan_edit, name="pelatihan_edit"),
    path("pelatihan/kegiatan/tambah/", psks.kegiatan_add, name="kegiatan_add"),
    path("bencana/", bencana.bencana_list, name="bencana_list"),
    path("bencana/tambah/", bencana.bencana_add, name="bencana_add"),
    path("bencana/<int:pk>/ubah/", bencana.bencana_edit, name="bencana_edit"),
    path("korban/", bencana.korban_list, name="korban_list"),
    path("korban/<int:pk>/ubah/", bencana.korban_edit, name="korban_edit"),
    path("akses/", akses.akses_log, name="akses_log"),
    path("unggah/", unggah.unggah_index, name="unggah_index"),
    path("unggah/<slug:kind>/", unggah.unggah_form, name="unggah_form"),
    path("unggah/<slug:kind>/templat.xlsx", unggah.unggah_template, name="unggah_template"),
    path(
        "unggah/<slug:kind>/<slug:token>/pratinjau/",
        unggah.unggah_pratinjau,
        name="unggah_pratinjau",
    ),
    path("unggah/<slug:kind>/<slug:token>/proses/", unggah.unggah_proses, name="unggah_proses"),
    path(
        "unggah/<slug:kind>/<slug:token>/pemetaan/",
        unggah_pemetaan.unggah_pemetaan,
        name="unggah_pemetaan",
    ),
    path(
        "unggah/<slug:kind>/<slug:token>/label/", unggah_pemetaan.unggah_label, name="unggah_label"
    ),
    path("unggah/tolakan/<int:pk>/", unggah.unggah_tolakan, name="unggah_tolakan"),
]
