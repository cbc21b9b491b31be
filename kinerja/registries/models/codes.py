"""Code lists (contract section 1), seeded by migration and editable in the admin."""

from django.db import models


class KodeReferensi(models.Model):
    kode = models.CharField("kode", max_length=40, primary_key=True)
    nama = models.CharField("nama", max_length=200)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        abstract = True
        ordering = ["urutan", "kode"]

    def __str__(self) -> str:
        return self.nama


class JenisPpks(KodeReferensi):
    class Meta(KodeReferensi.Meta):
        verbose_name = "jenis PPKS"
        verbose_name_plural = "jenis PPKS"


class JenisPsks(KodeReferensi):
    class Meta(KodeReferensi.Meta):
        verbose_name = "jenis PSKS"
        verbose_name_plural = "jenis PSKS"


class KelompokLayanan(models.TextChoices):
    DASAR = "dasar", "Kebutuhan dasar (SPM rehabilitasi sosial dasar)"
    PENGASUHAN = "pengasuhan", "Pengasuhan anak"
    BANSOS = "bansos", "Bantuan sosial"
    BENCANA = "bencana", "Bantuan bencana"


class JenisLayanan(KodeReferensi):
    kelompok = models.CharField("kelompok", max_length=12, choices=KelompokLayanan.choices)

    class Meta(KodeReferensi.Meta):
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"
