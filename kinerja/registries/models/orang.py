from django.db import models
from django.db.models.functions import Upper
from simple_history.models import HistoricalRecords

from .base import Tercatat


class JenisKelamin(models.TextChoices):
    L = "L", "Laki-laki"
    P = "P", "Perempuan"


class Orang(Tercatat):
    """A person known to the Dinas: by NIK, or by its own case number (id_lokal) when there is none."""

    # NULL, not "", when absent: the unique constraints must let many people lack one of them.
    nik = models.CharField("NIK", max_length=16, null=True, blank=True)  # noqa: DJ001
    id_lokal = models.CharField("ID lokal", max_length=50, null=True, blank=True)  # noqa: DJ001
    nama = models.CharField("nama", max_length=200)
    jenis_kelamin = models.CharField(
        "jenis kelamin", max_length=1, choices=JenisKelamin.choices, blank=True
    )
    tanggal_lahir = models.DateField("tanggal lahir", null=True, blank=True)
    no_kk = models.CharField("nomor KK", max_length=16, blank=True)
    kelurahan = models.ForeignKey(
        "regions.Wilayah",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="kelurahan domisili",
    )
    # A valid NIK whose encoded birth date or sex disagrees with the record (contract: accept, flag).
    nik_tidak_cocok = models.BooleanField("NIK tidak cocok dengan data", default=False)
    peringatan = models.CharField("peringatan kualitas data", max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "orang"
        verbose_name_plural = "orang"
        constraints = [
            models.UniqueConstraint(fields=["kode_kabkota", "nik"], name="unique_nik_per_kabkota"),
            models.UniqueConstraint(
                fields=["kode_kabkota", "id_lokal"], name="unique_id_lokal_per_kabkota"
            ),
            models.CheckConstraint(
                name="orang_has_identifier",
                condition=models.Q(nik__isnull=False) | models.Q(id_lokal__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["kode_kabkota", "nama"], name="orang_nama_idx"),
            # The search box: a KK number or an id_lokal in any case is found by index (D260).
            models.Index(fields=["no_kk"], name="orang_no_kk_idx"),
            models.Index(Upper("id_lokal"), name="orang_id_lokal_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.nama
