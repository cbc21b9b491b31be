from django.db import models
from simple_history.models import HistoricalRecords

from .base import Tercatat


class DtksPeriode(Tercatat):
    """One DTKS/DTSEN extract received by the Dinas, for a month (`periode` is its first day)."""

    periode = models.DateField("periode (bulan)")

    class Meta:
        verbose_name = "periode DTKS"
        verbose_name_plural = "periode DTKS"
        ordering = ["-periode"]
        constraints = [
            models.UniqueConstraint(fields=["kode_kabkota", "periode"], name="unique_dtks_periode")
        ]

    def __str__(self) -> str:
        return f"DTKS {self.periode:%Y-%m}"


class DtksAnggota(Tercatat):
    periode = models.ForeignKey(DtksPeriode, on_delete=models.PROTECT, related_name="anggota")
    orang = models.ForeignKey("Orang", on_delete=models.PROTECT, related_name="dtks")
    nik = models.CharField("NIK", max_length=16)
    no_kk = models.CharField("nomor KK", max_length=16)
    desil = models.PositiveSmallIntegerField("desil", null=True, blank=True)
    # The row's id in the system it came from (SIKS-NG's `ID DTKS`), kept for tracing it back.
    # NULL when absent: a nullable column is added in place (SQLite's ALTER TABLE ADD COLUMN);
    # a NOT NULL one makes Django rebuild the table, dropping the change-log triggers (D123).
    id_sumber = models.CharField("ID sumber", max_length=40, null=True, blank=True)  # noqa: DJ001

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "anggota DTKS"
        verbose_name_plural = "anggota DTKS"
        constraints = [
            models.UniqueConstraint(fields=["periode", "nik"], name="unique_dtks_nik_per_periode"),
            models.CheckConstraint(
                name="dtks_desil_range",
                condition=models.Q(desil__isnull=True) | models.Q(desil__gte=1, desil__lte=10),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode} {self.nik}"
