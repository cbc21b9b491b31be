"""Typed realisation values, their approval steps and their evidence files (bukti dukung)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kinerja.lib.berkas import JenisBerkas
from kinerja.performance.models import Status

from .indikator import IndikatorKinerja


class Realisasi(models.Model):
    """One typed value of an indicator for one quarter or month. Approval freezes `beku_*`."""

    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.PROTECT, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    periode = models.PositiveSmallIntegerField("triwulan/bulan")
    nilai = models.DecimalField("realisasi", max_digits=16, decimal_places=4)
    catatan = models.TextField("catatan", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diisi_pada = models.DateTimeField("diisi", auto_now=True)
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
    beku_nilai = models.DecimalField(
        "nilai beku", max_digits=16, decimal_places=4, null=True, blank=True
    )
    beku_bukti = models.JSONField("bukti beku (nama, SHA-256, ukuran)", default=list, blank=True)
    beku_hash = models.CharField("hash nilai dan bukti (SHA-256)", max_length=64, blank=True)
    hash_audit = models.CharField("kepala jejak audit saat disetujui", max_length=64, blank=True)
    putaran = models.PositiveIntegerField("putaran persetujuan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi indikator"
        verbose_name_plural = "realisasi indikator"
        ordering = ["indikator", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="unique_realisasi_periode"
            ),
            models.CheckConstraint(
                name="realisasi_periode_1_12", condition=models.Q(periode__range=(1, 12))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}/{self.periode}: {self.nilai}"

    @property
    def beku(self) -> bool:
        return self.status == Status.APPROVED


class LangkahRealisasi(models.Model):
    """One approval step of a typed value, with the value the signer saw."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.PROTECT, related_name="langkah")
    aksi = models.CharField("aksi", max_length=10)
    dari = models.CharField("dari status", max_length=10)
    ke = models.CharField("ke status", max_length=10)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    alasan = models.TextField("alasan", blank=True)
    nilai = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = "langkah persetujuan realisasi"
        verbose_name_plural = "langkah persetujuan realisasi"
        ordering = ["waktu", "id"]

    def __str__(self) -> str:
        return f"{self.aksi}: {self.dari} -> {self.ke}"


class BuktiDukung(models.Model):
    """One evidence file. Kept under MEDIA_ROOT/bukti/ by a random name; removing it before approval
    only marks it `aktif=False` (the file and its hash stay, nothing is lost)."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.PROTECT, related_name="bukti")
    nama_file = models.CharField("nama file", max_length=255)
    berkas = models.CharField("lokasi berkas", max_length=300)
    jenis = models.CharField("jenis", max_length=5, choices=JenisBerkas.choices)
    ukuran = models.PositiveBigIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah", auto_now_add=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "diunggah_pada", "id"]

    def __str__(self) -> str:
        return f"{self.nama_file} ({self.sha256[:12]})"
