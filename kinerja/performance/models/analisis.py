from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class Analisis(models.Model):
    """The LKjIP's analysis of one indicator in one period (Bab III A)."""

    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    indikator_kode = models.CharField("indikator", max_length=20)
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", null=True, blank=True)
    penyebab = models.TextField("penyebab keberhasilan/kegagalan", blank=True)
    upaya = models.TextField("upaya yang telah dilakukan", blank=True)
    alternatif = models.TextField("alternatif solusi", blank=True)
    tindak_lanjut = models.TextField("rencana tindak lanjut", blank=True)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="penulis",
    )
    diubah_pada = models.DateTimeField("tanggal", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "analisis capaian"
        verbose_name_plural = "analisis capaian"
        constraints = [
            models.UniqueConstraint(
                "kode_kabkota",
                "indikator_kode",
                "tahun",
                Coalesce("triwulan", 0),
                name="unique_analisis_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"Analisis {self.indikator_kode} {self.tahun}" + (
            f"-Q{self.triwulan}" if self.triwulan else ""
        )
