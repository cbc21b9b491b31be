from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "kinerja.performance"
    verbose_name = "Kinerja"

    def ready(self) -> None:
        # Registers the `target` and `anggaran` import kinds with the registries' import engine.
        from . import imports  # noqa: F401
