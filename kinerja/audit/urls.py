from django.urls import path

from . import views

urlpatterns = [
    path("", views.audit_log, name="audit_log"),
    path("periksa/", views.audit_check, name="audit_check"),
]
