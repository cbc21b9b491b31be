from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "kinerja.performance"
    verbose_name = "Kinerja"
