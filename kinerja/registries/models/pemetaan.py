"""Saved mappings (pemetaan) of foreign files, versioned like an indicator definition."""

from django.conf import settings
from django.db import models

from .base import default_kabkota


class Pemetaan(models.Model):
    """One version of a named mapping. An edit saves a new version; an import names the version
    it used (`Impor.pemetaan_versi`), so an old import can always be read as it was made."""

    kode_kabkota = models.CharField(max_length=5, default=default_kabkota, db_index=True)
    nama = models.CharField("nama", max_length=60)
    versi = models.PositiveIntegerField("versi")
    jenis = models.CharField("jenis data", max_length=20)
    isi = models.JSONField("isi pemetaan")
    catatan = models.CharField("catatan perubahan", max_length=200, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "pemetaan"
        verbose_name_plural = "pemetaan"
        ordering = ["nama", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "nama", "versi"], name="unique_pemetaan_versi"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} v{self.versi}"
