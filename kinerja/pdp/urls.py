"""/pdp/: duties of UU 27/2022 (Pelindungan Data Pribadi)."""

from django.urls import path

from . import views

app_name = "pdp"

urlpatterns = [
    path("laporan/", views.laporan, name="laporan"),
    path("orang/<int:pk>/hapus/", views.hapus, name="hapus"),
]
