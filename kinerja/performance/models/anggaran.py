from django.db import models
from simple_history.models import HistoricalRecords

from kinerja.registries.models.base import Tercatat


class Anggaran(Tercatat):
    """A budget line of one year: programme, or kegiatan, or sub-kegiatan, with pagu and realisasi.

    Levels follow the codes given: a line without kode_kegiatan is a programme line, with kode_kegiatan
    but no kode_sub_kegiatan a kegiatan line. Empty codes are stored as "" so they are part of the key.
    """

    tahun = models.PositiveSmallIntegerField("tahun")
    kode_program = models.CharField("kode program", max_length=50)
    nama_program = models.CharField("program", max_length=300)
    kode_kegiatan = models.CharField("kode kegiatan", max_length=50, blank=True, default="")
    nama_kegiatan = models.CharField("kegiatan", max_length=300, blank=True, default="")
    kode_sub_kegiatan = models.CharField("kode sub kegiatan", max_length=50, blank=True, default="")
    nama_sub_kegiatan = models.CharField("sub kegiatan", max_length=300, blank=True, default="")
    indikator_kode = models.CharField("indikator (IKU)", max_length=20, blank=True, default="")
    pagu = models.BigIntegerField("pagu (Rp)")
    realisasi = models.BigIntegerField("realisasi (Rp)", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["tahun", "kode_program", "kode_kegiatan", "kode_sub_kegiatan"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "kode_kabkota",
                    "tahun",
                    "kode_program",
                    "kode_kegiatan",
                    "kode_sub_kegiatan",
                ],
                name="unique_anggaran_natural_key",
            ),  # fmt: skip
            models.CheckConstraint(name="pagu_not_negative", condition=models.Q(pagu__gte=0)),
            models.CheckConstraint(
                name="realisasi_anggaran_not_negative",
                condition=models.Q(realisasi__isnull=True) | models.Q(realisasi__gte=0),
            ),
        ]

    @property
    def tingkat(self) -> str:
        if self.kode_sub_kegiatan:
            return "sub_kegiatan"
        return "kegiatan" if self.kode_kegiatan else "program"

    @property
    def nama(self) -> str:
        return self.nama_sub_kegiatan or self.nama_kegiatan or self.nama_program

    def __str__(self) -> str:
        kode = ".".join(
            k for k in (self.kode_program, self.kode_kegiatan, self.kode_sub_kegiatan) if k
        )
        return f"{self.tahun} {kode} {self.nama}"
