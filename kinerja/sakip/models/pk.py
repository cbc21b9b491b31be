"""Positions (jabatan) and their Perjanjian Kinerja (PermenPAN-RB 53/2014), with PK Perubahan
versions, each PK indicator's year and quarter targets (the rencana aksi), and the action taken per
quarter for an indicator (tindak lanjut), typed by its Bidang."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .indikator import IndikatorKinerja


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class JenisJabatan(models.TextChoices):
    KEPALA_DINAS = "kepala_dinas", "Kepala Dinas"
    SEKRETARIS = "sekretaris", "Sekretaris"
    KEPALA_BIDANG = "kepala_bidang", "Kepala Bidang"
    KEPALA_SEKSI = "kepala_seksi", "Kepala Seksi / Subbagian"
    FUNGSIONAL = "fungsional", "Jabatan fungsional"


class Jabatan(models.Model):
    """One position of the Dinas and its holder. `atasan` is pihak kedua of its PK (none for the
    Kepala Dinas, whose pihak kedua is the Walikota)."""

    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    kode = models.SlugField("kode", max_length=40)
    jenis = models.CharField("jenis jabatan", max_length=14, choices=JenisJabatan.choices)
    nama = models.CharField("nama jabatan", max_length=200)
    bidang = models.ForeignKey(
        "organisation.Bidang",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bidang",
    )
    seksi = models.CharField("seksi / subbagian", max_length=200, blank=True)
    atasan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan",
        verbose_name="atasan langsung",
    )
    pemegang_nama = models.CharField("nama pemegang jabatan", max_length=200)
    pemegang_nip = models.CharField("NIP", max_length=18, blank=True)
    pemegang_pangkat = models.CharField("pangkat / golongan", max_length=100, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["kode_kabkota", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kode_kabkota", "kode"], name="unique_jabatan_kode"),
            models.CheckConstraint(
                name="jabatan_atasan_kecuali_kadis",
                condition=models.Q(jenis="kepala_dinas", atasan__isnull=True)
                | (~models.Q(jenis="kepala_dinas") & models.Q(atasan__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.pemegang_nama})"


class StatusPK(models.TextChoices):
    DRAFT = "draft", "Draf"
    DISETUJUI = "disetujui", "Disetujui dan ditandatangani"


class PerjanjianKinerja(models.Model):
    """One version of a position's PK for a year: versi 1 the PK, versi 2+ a PK Perubahan that
    keeps the version it replaces (`menggantikan`) and states why (`alasan_perubahan`). The
    parties' names are copied at approval, so a printed PK stays what was signed."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="perjanjian")
    renstra = models.ForeignKey(
        "sakip.Renstra", on_delete=models.PROTECT, related_name="perjanjian"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    menggantikan = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="perubahan",
        verbose_name="mengubah PK",
    )
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=StatusPK.choices, default=StatusPK.DRAFT
    )
    pihak = models.JSONField("para pihak saat disetujui", default=dict, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disetujui_pada = models.DateTimeField("disetujui", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["tahun", "jabatan__urutan", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan", "tahun", "versi"], name="unique_pk_jabatan_tahun_versi"
            ),
        ]

    def __str__(self) -> str:
        jenis = "PK Perubahan" if self.versi > 1 else "PK"
        return f"{jenis} {self.tahun} {self.jabatan.nama}" + (
            f" (versi {self.versi})" if self.versi > 1 else ""
        )

    @property
    def judul(self) -> str:
        return "Perjanjian Kinerja Perubahan" if self.versi > 1 else "Perjanjian Kinerja"


class IndikatorPK(models.Model):
    """One indicator of a PK, drawn from the tree, with its year target and the four quarter
    targets of the rencana aksi (cumulative from 1 January)."""

    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="indikator"
    )
    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.PROTECT, related_name="+")
    target_tahun = models.DecimalField("target tahunan", max_digits=16, decimal_places=4, null=True)
    target_tw1 = models.DecimalField("target TW I", max_digits=16, decimal_places=4, null=True)
    target_tw2 = models.DecimalField("target TW II", max_digits=16, decimal_places=4, null=True)
    target_tw3 = models.DecimalField("target TW III", max_digits=16, decimal_places=4, null=True)
    target_tw4 = models.DecimalField("target TW IV", max_digits=16, decimal_places=4, null=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator PK"
        verbose_name_plural = "indikator PK"
        ordering = ["pk_dokumen", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pk_dokumen", "indikator"], name="unique_indikator_pk"),
        ]

    def __str__(self) -> str:
        return f"{self.pk_dokumen}: {self.indikator.kode}"

    def target_tw(self, triwulan: int):
        return getattr(self, f"target_tw{triwulan}")


class TindakLanjut(models.Model):
    """The action taken in a quarter for one tree indicator (text by its Bidang); kept on the tree
    indicator, so a PK Perubahan does not lose it."""

    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.PROTECT, related_name="tindak_lanjut"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    uraian = models.TextField("tindak lanjut / upaya")
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diisi_pada = models.DateTimeField("diisi", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tindak lanjut triwulan"
        verbose_name_plural = "tindak lanjut triwulan"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="unique_tindak_lanjut"
            ),
            models.CheckConstraint(
                name="tindak_lanjut_triwulan_1_4", condition=models.Q(triwulan__range=(1, 4))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}/TW{self.triwulan}"
