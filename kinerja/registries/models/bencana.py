from django.db import models
from simple_history.models import HistoricalRecords

from .base import Tercatat


class JenisBencana(models.TextChoices):
    ALAM = "alam", "Bencana alam"
    SOSIAL = "sosial", "Bencana sosial"


class Kondisi(models.TextChoices):
    MENINGGAL = "meninggal", "Meninggal"
    LUKA = "luka", "Luka"
    MENGUNGSI = "mengungsi", "Mengungsi"
    TERDAMPAK = "terdampak", "Terdampak"


class Bencana(Tercatat):
    """A disaster event, coded at kelurahan or kecamatan level."""

    kode_kejadian = models.CharField("kode kejadian", max_length=50)
    jenis = models.CharField("jenis", max_length=6, choices=JenisBencana.choices)
    sub_jenis = models.CharField("sub jenis", max_length=100, blank=True)
    tanggal_kejadian = models.DateField("tanggal kejadian")
    wilayah = models.ForeignKey("regions.Wilayah", on_delete=models.PROTECT, related_name="+")
    mulai_tanggap_darurat = models.DateField("mulai tanggap darurat", null=True, blank=True)
    selesai_tanggap_darurat = models.DateField("selesai tanggap darurat", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "kejadian bencana"
        verbose_name_plural = "kejadian bencana"
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "kode_kejadian"], name="unique_kode_kejadian"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode_kejadian} ({self.get_jenis_display()}, {self.tanggal_kejadian})"


class Korban(Tercatat):
    """A person affected by an event: one row per event and person, whatever the condition."""

    bencana = models.ForeignKey(Bencana, on_delete=models.PROTECT, related_name="korban")
    orang = models.ForeignKey("Orang", on_delete=models.PROTECT, related_name="korban")
    kondisi = models.CharField("kondisi", max_length=10, choices=Kondisi.choices, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "korban bencana"
        verbose_name_plural = "korban bencana"
        constraints = [
            models.UniqueConstraint(fields=["bencana", "orang"], name="unique_korban_per_kejadian")
        ]

    def __str__(self) -> str:
        return f"{self.bencana_id}/{self.orang_id}"
