from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kinerja.audit"
    verbose_name = "Jejak audit"
