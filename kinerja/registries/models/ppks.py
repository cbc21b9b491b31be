from django.db import models
from simple_history.models import HistoricalRecords

from .base import Tercatat


class Lokasi(models.TextChoices):
    LUAR_PANTI = "luar_panti", "Luar panti"
    DALAM_PANTI = "dalam_panti", "Dalam panti"


class Ppks(Tercatat):
    """A person's registration as PPKS of one type, from tanggal_daftar to tanggal_selesai."""

    orang = models.ForeignKey("Orang", on_delete=models.PROTECT, related_name="ppks")
    jenis = models.ForeignKey(
        "JenisPpks", on_delete=models.PROTECT, related_name="+", verbose_name="jenis PPKS"
    )
    tanggal_daftar = models.DateField("tanggal daftar")
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)
    lokasi = models.CharField(
        "lokasi", max_length=12, choices=Lokasi.choices, default=Lokasi.LUAR_PANTI
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "registrasi PPKS"
        verbose_name_plural = "registrasi PPKS"
        constraints = [
            models.UniqueConstraint(
                fields=["orang", "jenis", "tanggal_daftar"], name="unique_ppks_natural_key"
            ),
            models.CheckConstraint(
                name="ppks_selesai_after_daftar",
                condition=models.Q(tanggal_selesai__isnull=True)
                | models.Q(tanggal_selesai__gte=models.F("tanggal_daftar")),
            ),
        ]
        indexes = [models.Index(fields=["kode_kabkota", "jenis", "tanggal_daftar"])]

    def __str__(self) -> str:
        return f"{self.jenis_id} sejak {self.tanggal_daftar}"
