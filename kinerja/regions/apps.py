from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kinerja.regions"
    verbose_name = "Wilayah"
