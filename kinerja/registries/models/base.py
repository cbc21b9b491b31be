"""What every registry record carries: its kab/kota, who made and changed it, which import."""

from django.conf import settings
from django.db import models


def default_kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class Impor(models.Model):
    """One run of an import file (web or command line)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    kode_kabkota = models.CharField(max_length=5, default=default_kabkota, db_index=True)
    jenis = models.CharField("jenis data", max_length=20)
    nama_file = models.CharField("nama file", max_length=255)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    mulai = models.DateTimeField("mulai", auto_now_add=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    # Set after every batch: an import still "berjalan" long after it is one whose process died.
    diperbarui = models.DateTimeField("terakhir maju", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    uji_coba = models.BooleanField("uji coba (dry run)", default=False)
    baris_dibaca = models.PositiveIntegerField(default=0)
    diterima = models.PositiveIntegerField(default=0)
    ditolak = models.PositiveIntegerField(default=0)
    pesan = models.TextField(blank=True)
    file_sumber = models.CharField(max_length=500, blank=True)
    file_tolakan = models.CharField(max_length=500, blank=True)
    # The mapping a foreign file was read through (contract section 5), and its version (0: built-in).
    pemetaan = models.CharField("pemetaan", max_length=60, blank=True)
    pemetaan_versi = models.PositiveIntegerField("versi pemetaan", null=True, blank=True)

    class Meta:
        verbose_name = "impor"
        verbose_name_plural = "impor"
        ordering = ["-mulai"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.nama_file} ({self.mulai:%Y-%m-%d %H:%M})"


class Tercatat(models.Model):
    """Abstract base: tenancy, timestamps, authors and the import that last wrote the record."""

    kode_kabkota = models.CharField(
        "kab/kota", max_length=5, default=default_kabkota, db_index=True
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="dibuat oleh",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="diubah oleh",
    )
    impor = models.ForeignKey(
        Impor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    impor_baris = models.PositiveIntegerField("baris impor", null=True, blank=True)

    class Meta:
        abstract = True
