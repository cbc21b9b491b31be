from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("iku/", views.katalog, name="katalog"),
    path("angka/", views.angka, name="angka"),
    path("angka/<str:kode>/<str:periode>/unit/", views.unit, name="unit"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("dokumentasi/", views.Dokumentasi.as_view(url_name="api:schema"), name="dokumentasi"),
    # Last: anything else under /api/ is a JSON 404. Only paths ending in "/" (or none), so that
    # APPEND_SLASH still redirects /api/iku to /api/iku/.
    re_path(r"^(?P<rest>[\s\S]*/)?$", views.tidak_ditemukan),
]
