from django.urls import path

from . import views, views_lhe

app_name = "evaluasi"

urlpatterns = [
    path("", views.lke_index, name="index"),
    path("<int:tahun>/", views.lke_tahun, name="tahun"),
    path("<int:tahun>/kriteria/<int:pk>/", views.lke_kriteria, name="kriteria"),
    path("<int:tahun>/kriteria/<int:pk>/bukti/", views.lke_bukti, name="bukti"),
    path("<int:tahun>/kriteria/<int:pk>/berkas/", views.lke_berkas, name="berkas"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/cabut/", views.bukti_cabut, name="bukti_cabut"),
    path("<int:tahun>/lhe/", views_lhe.lhe_tahun, name="lhe"),
    path("rekomendasi/<int:pk>/", views_lhe.rekomendasi_page, name="rekomendasi"),
    path("<int:tahun>/<str:aksi>/", views.lke_status, name="status"),
]
