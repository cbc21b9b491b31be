from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class Status(models.TextChoices):
    DRAFT = "draft", "Draf"
    SUBMITTED = "submitted", "Diajukan"
    VERIFIED = "verified", "Diverifikasi"
    APPROVED = "approved", "Disetujui"


class PersetujuanQuerySet(models.QuerySet):
    def of_period(self, kode: str, tahun: int, triwulan: int | None):
        return self.filter(
            kode_kabkota=settings.KINERJA_KODE_WILAYAH,
            indikator_kode=kode,
            tahun=tahun,
            triwulan=triwulan,
        )


class Persetujuan(models.Model):
    """The approval of one indicator's figure for one period. No row means draft.

    When approved, the figure is frozen: the unit list behind it is stored by the engine's frozen-unit
    table, and this row keeps its hash, the kota figure, the definition and catalogue version, and the
    audit chain's head at that moment (an outside anchor for the log).
    """

    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    indikator_kode = models.CharField("indikator", max_length=20)
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    indikator = models.ForeignKey(
        "indicators.Indikator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="definisi yang dipakai",
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    # The frozen figure (kota, default reading); every other frozen figure comes from the unit list.
    beku_pembilang = models.PositiveIntegerField("pembilang beku", null=True, blank=True)
    beku_penyebut = models.PositiveIntegerField("penyebut beku", null=True, blank=True)
    beku_jumlah_unit = models.PositiveIntegerField("jumlah unit beku", null=True, blank=True)
    beku_hash = models.CharField("hash daftar unit (SHA-256)", max_length=64, blank=True)
    beku_ref = models.CharField(
        "acuan daftar unit beku", max_length=80, blank=True, help_text="id snapshot di mesin IKU"
    )
    hash_audit = models.CharField("kepala jejak audit saat disetujui", max_length=64, blank=True)
    putaran = models.PositiveIntegerField("putaran persetujuan", default=0)

    history = HistoricalRecords()
    objects = PersetujuanQuerySet.as_manager()

    class Meta:
        verbose_name = "persetujuan capaian"
        verbose_name_plural = "persetujuan capaian"
        constraints = [
            models.UniqueConstraint(
                "kode_kabkota",
                "indikator_kode",
                "tahun",
                Coalesce("triwulan", 0),
                name="unique_persetujuan_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator_kode} {self.periode_label}: {self.get_status_display()}"

    @property
    def periode_label(self) -> str:
        return f"{self.tahun}-Q{self.triwulan}" if self.triwulan else str(self.tahun)


class LangkahPersetujuan(models.Model):
    """One transition, with the live figure at that moment (what the signer saw)."""

    persetujuan = models.ForeignKey(Persetujuan, on_delete=models.PROTECT, related_name="langkah")
    aksi = models.CharField("aksi", max_length=10)
    dari = models.CharField("dari status", max_length=10)
    ke = models.CharField("ke status", max_length=10)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    alasan = models.TextField("alasan", blank=True)
    pembilang = models.PositiveIntegerField(null=True, blank=True)
    penyebut = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "langkah persetujuan"
        verbose_name_plural = "langkah persetujuan"
        ordering = ["waktu", "id"]

    def __str__(self) -> str:
        return f"{self.aksi}: {self.dari} -> {self.ke}"

    @property
    def aksi_label(self) -> str:
        return AKSI_LABEL.get(self.aksi, self.aksi)

    @property
    def dari_label(self) -> str:
        return _status_label(self.dari)

    @property
    def ke_label(self) -> str:
        return _status_label(self.ke)


AKSI_LABEL = {
    "submit": "diajukan",
    "verify": "diverifikasi",
    "approve": "disetujui",
    "reopen": "dibuka kembali",
}


def _status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value
