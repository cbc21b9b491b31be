from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("iku/", views.katalog, name="katalog"),
    path("angka/", views.angka, name="angka"),
    path("angka/<str:kode>/<str:periode>/unit/", views.unit, name="unit"),
]
