from django.urls import path

from . import views

urlpatterns = [
    path("pengguna/", views.akun_list, name="akun_list"),
    path("pengguna/tambah/", views.akun_tambah, name="akun_tambah"),
    path("pengguna/<int:pk>/", views.akun_ubah, name="akun_ubah"),
    path("pengguna/<int:pk>/sandi/", views.akun_sandi, name="akun_sandi"),
    path("pengguna/<int:pk>/aktif/", views.akun_aktif, name="akun_aktif"),
    path("pengguna/<int:pk>/dua-faktor/", views.akun_dua_faktor, name="akun_dua_faktor"),
    path("pemberitahuan/", views.surel_saya, name="surel_saya"),
]
