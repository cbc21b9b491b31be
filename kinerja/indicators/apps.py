from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "kinerja.indicators"
    verbose_name = "Katalog IKU"
