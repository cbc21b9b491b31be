"""The IKU catalogue, one version per decree (Keputusan) that fixes or amends it.

A version is a complete snapshot: amending a decree copies every sasaran and indicator into the new
version and changes only what the amendment changes, so an earlier version stays intact and readable,
and a figure can always name the exact version (and indicator row) that defined it.
"""

import datetime as dt

from django.db import models


class KeputusanQuerySet(models.QuerySet):
    def in_force_on(self, date: dt.date, kode_wilayah: str) -> "Keputusan | None":
        """The catalogue version in force on `date`: the latest one that applies from on or before it."""
        return (
            self.filter(kode_wilayah=kode_wilayah, berlaku_mulai__lte=date)
            .order_by("-berlaku_mulai", "-versi")
            .first()
        )


class Keputusan(models.Model):
    """A decree that fixes (versi 1) or amends (versi 2, 3, ...) the IKU catalogue."""

    kode_wilayah = models.CharField("kode kab/kota", max_length=5, db_index=True)
    versi = models.PositiveSmallIntegerField("versi katalog")
    nomor = models.CharField("nomor keputusan", max_length=100)
    judul = models.TextField("tentang")
    tanggal_ditetapkan = models.DateField("tanggal ditetapkan")
    berlaku_mulai = models.DateField("berlaku mulai")
    periode_awal = models.PositiveSmallIntegerField("periode awal (tahun)")
    periode_akhir = models.PositiveSmallIntegerField("periode akhir (tahun)")
    menggantikan = models.ForeignKey(
        "self",
        verbose_name="mengubah versi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="perubahan",
    )
    nama_organisasi = models.CharField("nama organisasi", max_length=200)
    tugas = models.TextField("tugas")
    fungsi = models.JSONField("fungsi", default=list)
    penandatangan_jabatan = models.CharField("jabatan penandatangan", max_length=200)
    penandatangan_nama = models.CharField("nama penandatangan", max_length=200)
    penandatangan_pangkat = models.CharField("pangkat", max_length=100, blank=True)
    penandatangan_nip = models.CharField("NIP", max_length=30, blank=True)
    catatan = models.TextField("catatan perubahan", blank=True)

    objects = KeputusanQuerySet.as_manager()

    class Meta:
        verbose_name = "keputusan (versi katalog)"
        verbose_name_plural = "keputusan (versi katalog)"
        ordering = ["kode_wilayah", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kode_wilayah", "versi"], name="unique_versi_per_kabkota"
            )
        ]

    def __str__(self) -> str:
        return f"Versi {self.versi}: Keputusan No. {self.nomor}"


class SasaranStrategis(models.Model):
    keputusan = models.ForeignKey(Keputusan, on_delete=models.PROTECT, related_name="sasaran")
    nomor = models.PositiveSmallIntegerField("nomor")
    uraian = models.TextField("sasaran strategis")

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["keputusan", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["keputusan", "nomor"], name="unique_sasaran_nomor")
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.uraian}"


class Polaritas(models.TextChoices):
    NAIK = "naik", "Semakin tinggi semakin baik"
    TURUN = "turun", "Semakin rendah semakin baik"


class Indikator(models.Model):
    """One IKU in one catalogue version, in the decree's own words."""

    keputusan = models.ForeignKey(Keputusan, on_delete=models.PROTECT, related_name="indikator")
    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.PROTECT, related_name="indikator"
    )
    kode = models.CharField("kode", max_length=20)
    urutan = models.PositiveSmallIntegerField("urutan")
    nama = models.TextField("indikator kinerja utama")
    makna = models.TextField("makna indikator")
    alasan = models.TextField("alasan pemilihan indikator")
    cara_perhitungan = models.TextField("cara perhitungan")
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200)
    bidang = models.ForeignKey(
        "organisation.Bidang", on_delete=models.PROTECT, related_name="indikator"
    )
    sumber_data = models.CharField("sumber data", max_length=200)
    satuan = models.CharField("satuan", max_length=20, default="%")
    polaritas = models.CharField(
        "polaritas", max_length=5, choices=Polaritas.choices, default=Polaritas.NAIK
    )

    class Meta:
        verbose_name = "indikator kinerja utama"
        verbose_name_plural = "indikator kinerja utama"
        ordering = ["keputusan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["keputusan", "kode"], name="unique_kode_per_versi")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
