from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "kinerja.registries"
    verbose_name = "Registri"
