from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kinerja.web"
    verbose_name = "Web"
