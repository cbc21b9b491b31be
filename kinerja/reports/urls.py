from django.urls import path

from . import views, views_teks

app_name = "dokumen"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("lkjip/<int:tahun>/teks/", views_teks.teks_lkjip, name="teks_lkjip"),
    path("<str:kind>.<str:fmt>", views.unduh, name="unduh"),
    path("tugas/<str:token>/", views.tugas, name="tugas"),
    path("tugas/<str:token>/unduh/", views.tugas_unduh, name="tugas_unduh"),
]
