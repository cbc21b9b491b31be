from django.urls import path

from .views import impor, jabatan, monitoring, pk, pohon, realisasi

app_name = "sakip"

urlpatterns = [
    path("", pohon.pohon_page, name="pohon"),
    path("simpul/<int:pk>/", pohon.simpul_page, name="simpul"),
    path("simpul/<int:pk>/ubah/", pohon.simpul_edit, name="simpul_ubah"),
    path("renstra/", impor.renstra_page, name="renstra"),
    path("renstra/<int:pk>/impor/", impor.impor_page, name="impor"),
    path("renstra/<int:pk>/kunci/", impor.renstra_lock_view, name="kunci"),
    path("renstra/<int:pk>/perubahan/", impor.renstra_perubahan_view, name="renstra_perubahan"),
    path("templat.xlsx", impor.template_download, name="templat"),
    path("indikator/<int:pk>/", realisasi.indikator_page, name="indikator"),
    path(
        "indikator/<int:pk>/<int:tahun>/<int:periode>/",
        realisasi.realisasi_save_view,
        name="realisasi_simpan",
    ),
    path("realisasi/<int:pk>/<str:aksi>/", realisasi.realisasi_action, name="realisasi_aksi"),
    path("bukti/<int:pk>/", realisasi.bukti_download, name="bukti"),
    path("bukti/<int:pk>/lepas/", realisasi.bukti_remove_view, name="bukti_lepas"),
    path("pk/", pk.pk_list, name="pk_daftar"),
    path("pk/jabatan/", jabatan.jabatan_page, name="jabatan"),
    path("pk/jabatan/<int:pk>/", jabatan.jabatan_page, name="jabatan_ubah"),
    path("pk/draf/", pk.pk_draft_view, name="pk_draf"),
    path("pk/<int:pk>/", pk.pk_page, name="pk"),
    path("pk/<int:pk>/target/", pk.pk_targets_view, name="pk_target"),
    path("pk/<int:pk>/setujui/", pk.pk_approve_view, name="pk_setujui"),
    path("pk/<int:pk>/perubahan/", pk.pk_revise_view, name="pk_perubahan"),
    path("pk/<int:pk>/hapus/", pk.pk_delete_view, name="pk_hapus"),
    path("pk/<int:pk>/unduh.<str:fmt>", pk.pk_download, name="pk_unduh"),
    path("monitoring/", monitoring.monitoring_page, name="monitoring"),
    path(
        "monitoring/<int:pk>/<int:tahun>/<int:triwulan>/",
        monitoring.tindak_lanjut_view,
        name="tindak_lanjut",
    ),
]
