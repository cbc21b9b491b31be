from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from kinerja.registries.models.base import Tercatat


class JenisTarget(models.TextChoices):
    RENSTRA = "renstra", "Renstra"
    PK = "pk", "Perjanjian Kinerja (PK)"


class TargetQuerySet(models.QuerySet):
    def of_period(self, kode: str, tahun: int, triwulan: int | None, jenis: str):
        return self.filter(indikator_kode=kode, tahun=tahun, triwulan=triwulan, jenis=jenis)


class Target(Tercatat):
    """One target: Renstra per IKU per year, PK per IKU per year or quarter (triwulan NULL = year).

    Keyed by the IKU code, not by a catalogue row: a target outlives amendments of the definition.
    """

    indikator_kode = models.CharField("indikator", max_length=20)
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    jenis = models.CharField("jenis target", max_length=8, choices=JenisTarget.choices)
    nilai = models.DecimalField(
        "target", max_digits=14, decimal_places=4, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        ordering = ["indikator_kode", "tahun", "jenis", "triwulan"]
        constraints = [
            # Natural key (contract); the year's target has no triwulan, and NULL must collide.
            models.UniqueConstraint(
                "kode_kabkota",
                "indikator_kode",
                "tahun",
                Coalesce("triwulan", 0),
                "jenis",
                name="unique_target_natural_key",
            ),
            models.CheckConstraint(name="target_not_negative", condition=models.Q(nilai__gte=0)),
            models.CheckConstraint(
                name="target_triwulan_1_to_4",
                condition=models.Q(triwulan__isnull=True) | models.Q(triwulan__range=(1, 4)),
            ),
            models.CheckConstraint(
                name="renstra_target_is_yearly",
                condition=~models.Q(jenis="renstra", triwulan__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        periode = f"{self.tahun}-Q{self.triwulan}" if self.triwulan else str(self.tahun)
        return f"{self.indikator_kode} {self.jenis} {periode}: {self.nilai}"
