"""Kemendagri region codes: provinsi, kab/kota, kecamatan, kelurahan/desa."""

from django.conf import settings
from django.db import models


class Tingkat(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABKOTA = "kabkota", "Kabupaten/Kota"
    KECAMATAN = "kecamatan", "Kecamatan"
    KELURAHAN = "kelurahan", "Kelurahan/Desa"


TINGKAT_BY_PARTS = {
    1: Tingkat.PROVINSI,
    2: Tingkat.KABKOTA,
    3: Tingkat.KECAMATAN,
    4: Tingkat.KELURAHAN,
}


class WilayahQuerySet(models.QuerySet):
    def in_kabkota(self, kode_kabkota: str) -> "WilayahQuerySet":
        return self.filter(kode__startswith=kode_kabkota + ".")

    def kecamatan(self) -> "WilayahQuerySet":
        return self.filter(tingkat=Tingkat.KECAMATAN)

    def kelurahan(self) -> "WilayahQuerySet":
        return self.filter(tingkat=Tingkat.KELURAHAN)


class Wilayah(models.Model):
    """One region, keyed by its dotted Kemendagri code (`63.72.04.1003`)."""

    kode = models.CharField("kode", max_length=13, primary_key=True)
    nama = models.CharField("nama", max_length=100)
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def kode_kabkota(self) -> str:
        return ".".join(self.kode.split(".")[:2])

    @property
    def kode_kecamatan(self) -> str | None:
        parts = self.kode.split(".")
        return ".".join(parts[:3]) if len(parts) >= 3 else None


class AliasWilayah(models.Model):
    """Another spelling of a region's name, as foreign files write it (contract section 5).

    `nama_normal` is the name as files are compared (upper case, punctuation as spaces, the level
    word such as `KEL.` dropped), unique per level of one kab/kota so that an alias never makes a
    name ambiguous without the user seeing it refused."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="alias")
    nama = models.CharField("ejaan", max_length=100)
    nama_normal = models.CharField(max_length=100, db_index=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ejaan lain wilayah"
        verbose_name_plural = "ejaan lain wilayah"
        ordering = ["wilayah", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["wilayah", "nama_normal"], name="unique_alias_wilayah")
        ]

    def __str__(self) -> str:
        return f"{self.nama} -> {self.wilayah_id}"
