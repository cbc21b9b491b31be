"""The indicators of the tree's nodes and their targets."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from kinerja.indicators.models import Polaritas

from .renstra import Renstra, Simpul


class JenisIndikator(models.TextChoices):
    DIHITUNG = "dihitung", "Dihitung dari registri"
    DIKETIK = "diketik", "Diisi dengan bukti dukung"


class Frekuensi(models.TextChoices):
    TRIWULAN = "triwulan", "Triwulanan"
    BULAN = "bulan", "Bulanan"


PERIODE_MAKS = {Frekuensi.TRIWULAN: 4, Frekuensi.BULAN: 12}


class IndikatorKinerja(models.Model):
    """An indicator of one node. `dihitung`: the catalogue IKU `iku_kode`, through the engine;
    `diketik`: realisation typed per period by `bidang`'s staf, with evidence."""

    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="indikator")
    simpul = models.ForeignKey(Simpul, on_delete=models.PROTECT, related_name="indikator")
    kode = models.CharField("kode", max_length=60)
    nama = models.TextField("indikator")
    jenis = models.CharField("jenis", max_length=8, choices=JenisIndikator.choices)
    iku_kode = models.CharField("kode IKU (dihitung)", max_length=20, blank=True)
    satuan = models.CharField("satuan", max_length=40)
    polaritas = models.CharField(
        "polaritas", max_length=5, choices=Polaritas.choices, default=Polaritas.NAIK
    )
    frekuensi = models.CharField(
        "frekuensi realisasi", max_length=8, choices=Frekuensi.choices, default=Frekuensi.TRIWULAN
    )
    bidang = models.ForeignKey(
        "organisation.Bidang",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bidang penanggung jawab",
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator pohon kinerja"
        verbose_name_plural = "indikator pohon kinerja"
        ordering = ["renstra", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="unique_indikator_kode"),
            models.CheckConstraint(
                name="indikator_dihitung_punya_iku",
                condition=~models.Q(jenis="dihitung", iku_kode=""),
            ),
            models.CheckConstraint(
                name="indikator_diketik_punya_bidang",
                condition=~models.Q(jenis="diketik", bidang__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def periode_maks(self) -> int:
        return PERIODE_MAKS[Frekuensi(self.frekuensi)]


class TargetIndikator(models.Model):
    """The target of an indicator for a year (`periode` NULL) or one quarter/month of it."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.PROTECT, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun")
    periode = models.PositiveSmallIntegerField("triwulan/bulan", null=True, blank=True)
    nilai = models.DecimalField(
        "target", max_digits=16, decimal_places=4, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "target indikator"
        verbose_name_plural = "target indikator"
        ordering = ["indikator", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                "indikator", "tahun", Coalesce("periode", 0), name="unique_target_indikator"
            ),
            models.CheckConstraint(
                name="target_indikator_not_negative", condition=models.Q(nilai__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}/{self.periode or '-'}: {self.nilai}"
