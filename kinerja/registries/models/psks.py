from django.db import models
from simple_history.models import HistoricalRecords

from .base import Tercatat


class Bentuk(models.TextChoices):
    ORANG = "orang", "Perorangan"
    LEMBAGA = "lembaga", "Lembaga"


class Psks(Tercatat):
    """A PSKS unit: a person (pekerja sosial, TKSK, Tagana...) or an institution (LKS, LK3...)."""

    kode_psks = models.CharField("kode PSKS", max_length=50)
    jenis = models.ForeignKey(
        "JenisPsks", on_delete=models.PROTECT, related_name="+", verbose_name="jenis PSKS"
    )
    bentuk = models.CharField("bentuk", max_length=8, choices=Bentuk.choices)
    nama = models.CharField("nama", max_length=200)
    nik = models.CharField("NIK", max_length=16, blank=True)
    kelurahan = models.ForeignKey(
        "regions.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tanggal_daftar = models.DateField("tanggal daftar")
    tanggal_selesai = models.DateField("tanggal selesai", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "PSKS"
        verbose_name_plural = "PSKS"
        constraints = [
            models.UniqueConstraint(fields=["kode_kabkota", "kode_psks"], name="unique_kode_psks"),
            models.CheckConstraint(
                name="psks_selesai_after_daftar",
                condition=models.Q(tanggal_selesai__isnull=True)
                | models.Q(tanggal_selesai__gte=models.F("tanggal_daftar")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode_psks} {self.nama}"


class KegiatanPelatihan(Tercatat):
    """A capacity-building activity (pelatihan, bimtek)."""

    kode_kegiatan = models.CharField("kode kegiatan", max_length=50)
    nama_kegiatan = models.CharField("nama kegiatan", max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "kegiatan pelatihan"
        verbose_name_plural = "kegiatan pelatihan"
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "kode_kegiatan"], name="unique_kode_kegiatan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kode_kegiatan} {self.nama_kegiatan}"


class Pelatihan(Tercatat):
    """One PSKS unit's participation in an activity, on a date (contract kind `pelatihan`)."""

    kegiatan = models.ForeignKey(
        KegiatanPelatihan, on_delete=models.PROTECT, related_name="peserta"
    )
    psks = models.ForeignKey(Psks, on_delete=models.PROTECT, related_name="pelatihan")
    tanggal = models.DateField("tanggal")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "peserta pelatihan"
        verbose_name_plural = "peserta pelatihan"
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "psks"], name="unique_pelatihan_peserta")
        ]
        indexes = [models.Index(fields=["psks", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.kegiatan_id}/{self.psks_id} {self.tanggal}"
