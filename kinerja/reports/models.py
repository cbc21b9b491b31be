"""Texts the Dinas writes once per year for its LKjIP (Bab I and the foreword)."""

from django.conf import settings
from django.db import models


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class TeksLkjip(models.Model):
    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    tahun = models.PositiveSmallIntegerField("tahun")
    kata_pengantar = models.TextField("kata pengantar", blank=True)
    struktur_organisasi = models.TextField("struktur organisasi", blank=True)
    sdm = models.TextField("sumber daya manusia", blank=True)
    isu_strategis = models.TextField("isu strategis", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "teks LKjIP"
        verbose_name_plural = "teks LKjIP"
        constraints = [
            models.UniqueConstraint(fields=["kode_kabkota", "tahun"], name="teks_lkjip_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Teks LKjIP {self.tahun}"
