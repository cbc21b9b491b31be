from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import charts_page, dashboard, panduan, public_export, twofactor, views
from . import drilldown as drilldown_views
from . import public as public_views
from .forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/dua-faktor/", twofactor.pasang, name="dua_faktor_pasang"),
    path("akun/dua-faktor/verifikasi/", twofactor.verifikasi, name="dua_faktor_verifikasi"),
    path("beranda/", dashboard.beranda, name="beranda"),
    path("beranda/grafik/<str:kode>.<str:fmt>", dashboard.grafik, name="grafik"),
    path("akses-saya/", views.beranda, name="akses_saya"),
    path("grafik/<str:kode>/", charts_page.grafik_iku, name="grafik_iku"),
    path("registri/", include("kinerja.registries.urls")),
    path("kinerja/", include("kinerja.performance.urls")),
    path("angka/<str:kode>/<str:periode>/", drilldown_views.angka_rincian, name="angka_rincian"),
    path("publik/", public_views.publik, name="publik"),
    path("publik/unduh.<str:fmt>", public_export.publik_unduh, name="publik_unduh"),
    path("panduan/", panduan.panduan, name="panduan"),
    path("panduan/<str:peran>/", panduan.panduan, name="panduan_peran"),
    path("dokumen/", include("kinerja.reports.urls")),
]
