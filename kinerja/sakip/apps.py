from django.apps import AppConfig


class SakipConfig(AppConfig):
    name = "kinerja.sakip"
    verbose_name = "Pohon kinerja"
