from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "kinerja.organisation"
    verbose_name = "Organisasi dan pengguna"
