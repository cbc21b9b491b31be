from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class BandCapaian(models.Model):
    """One band of the achievement scale: achievement >= batas_bawah gets `label`.

    The band without a lower bound catches everything below the others. The perencana may change the
    scale (labels and bands differ between regions, domain.md).
    """

    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    batas_bawah = models.DecimalField(
        "batas bawah (>=)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    label = models.CharField("predikat", max_length=50)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "predikat capaian"
        verbose_name_plural = "skala predikat capaian"
        ordering = ["kode_kabkota", models.F("batas_bawah").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "batas_bawah"], name="unique_band_batas"
            ),
            models.UniqueConstraint(
                fields=["kode_kabkota"],
                condition=models.Q(batas_bawah__isnull=True),
                name="one_catch_all_band",
            ),
        ]

    def __str__(self) -> str:
        if self.batas_bawah is None:
            return f"lainnya: {self.label}"
        return f">= {self.batas_bawah}: {self.label}"
