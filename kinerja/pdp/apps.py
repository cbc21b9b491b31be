from django.apps import AppConfig


class PdpConfig(AppConfig):
    name = "kinerja.pdp"
    label = "pdp"
    verbose_name = "Pelindungan data pribadi"
