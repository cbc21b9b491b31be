from django.urls import path

from . import views

app_name = "dokumen"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<str:kind>.<str:fmt>", views.unduh, name="unduh"),
]
