"""The evaluator's worksheet (LKE) of PermenPAN-RB Nomor 88 (the regulation in force when written), as data.

`Lke` is one version of the worksheet (a regulation): its components, sub-components with their
weights, criteria and the answer scale of each, and the predikat thresholds. A new regulation or weight
is a new `Lke` loaded from a JSON file (`kinerja lke_muat FILE`), never code. `Evaluasi` is one year's
evaluation of the Dinas against one `Lke`: the Dinas's own answer to each criterion (self-assessment,
by the Perencana) beside the evaluator's (Inspektorat, the auditor role), with evidence. Once the
evaluator closes the year nothing of it changes until the evaluator reopens it with a reason.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class Lke(models.Model):
    kode = models.SlugField("kode", max_length=60, unique=True)
    nama = models.CharField("nama", max_length=200)
    berlaku_mulai = models.PositiveSmallIntegerField("berlaku mulai tahun")
    skala = models.JSONField("skala jawaban", help_text='{"ya_tidak": [["Ya", "1"], ...]}')
    predikat = models.JSONField("batas predikat", help_text='[["AA", "90"], ..., ["D", "0"]]')

    class Meta:
        verbose_name = "lembar kerja evaluasi (LKE)"
        verbose_name_plural = "lembar kerja evaluasi (LKE)"
        ordering = ["-berlaku_mulai"]

    def __str__(self) -> str:
        return self.nama


class Komponen(models.Model):
    lke = models.ForeignKey(Lke, on_delete=models.CASCADE, related_name="komponen")
    nomor = models.CharField("nomor", max_length=5)
    nama = models.CharField("nama", max_length=200)
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["lke", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["lke", "nomor"], name="komponen_unik_per_lke")
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.nama}"


class SubKomponen(models.Model):
    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="sub_komponen")
    kode = models.CharField("kode", max_length=8)
    nama = models.TextField("nama")
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2)
    skala = models.CharField("skala jawaban", max_length=30)

    class Meta:
        ordering = ["komponen", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="subkomponen_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kriteria(models.Model):
    sub_komponen = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="kriteria")
    nomor = models.PositiveSmallIntegerField("nomor")
    teks = models.TextField("kriteria")

    class Meta:
        ordering = ["sub_komponen", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["sub_komponen", "nomor"], name="kriteria_unik")
        ]

    def __str__(self) -> str:
        return f"{self.sub_komponen.kode}.{self.nomor} {self.teks}"


class StatusEvaluasi(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    DITUTUP = "ditutup", "Ditutup evaluator"


class Evaluasi(models.Model):
    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    tahun = models.PositiveSmallIntegerField("tahun dievaluasi")
    lke = models.ForeignKey(Lke, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "status", max_length=10, choices=StatusEvaluasi.choices, default=StatusEvaluasi.TERBUKA
    )
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "evaluasi SAKIP"
        verbose_name_plural = "evaluasi SAKIP"
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "tahun"], name="evaluasi_unik_per_tahun"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluasi SAKIP {self.tahun}"

    @property
    def ditutup(self) -> bool:
        return self.status == StatusEvaluasi.DITUTUP


class Jawaban(models.Model):
    """Both answers to one criterion of one year's evaluation; `nilai` is the answer's value on the
    criterion's scale (0-1), stored beside the answer so the totals are sums in SQL."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(Kriteria, on_delete=models.PROTECT, related_name="jawaban")
    mandiri_jawaban = models.CharField("jawaban mandiri", max_length=10, blank=True)
    mandiri_nilai = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    mandiri_catatan = models.TextField("catatan mandiri", blank=True)
    evaluator_jawaban = models.CharField("jawaban evaluator", max_length=10, blank=True)
    evaluator_nilai = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    evaluator_catatan = models.TextField("catatan evaluator", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_unik"),
            models.CheckConstraint(
                condition=models.Q(mandiri_nilai__isnull=True)
                | models.Q(mandiri_nilai__gte=Decimal(0), mandiri_nilai__lte=Decimal(1)),
                name="nilai_mandiri_0_1",
            ),
            models.CheckConstraint(
                condition=models.Q(evaluator_nilai__isnull=True)
                | models.Q(evaluator_nilai__gte=Decimal(0), evaluator_nilai__lte=Decimal(1)),
                name="nilai_evaluator_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi} {self.kriteria_id}"


class JenisBukti(models.TextChoices):
    BERKAS = "berkas", "Berkas unggahan"
    ANGKA_BEKU = "angka_beku", "Angka IKU yang dibekukan"
    PERSETUJUAN = "persetujuan", "Persetujuan (jejak audit)"
    RANTAI_AUDIT = "rantai_audit", "Pemeriksaan rantai jejak audit per tanggal"


class Lhe(models.Model):
    """The evaluator's result (laporan hasil evaluasi) of a year, with its recommendations."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.PROTECT, related_name="lhe")
    nomor = models.CharField("nomor LHE", max_length=100)
    tanggal = models.DateField("tanggal LHE")
    ringkasan = models.TextField("ringkasan hasil", blank=True)

    class Meta:
        verbose_name = "laporan hasil evaluasi (LHE)"
        verbose_name_plural = "laporan hasil evaluasi (LHE)"

    def __str__(self) -> str:
        return f"LHE {self.evaluasi.tahun} ({self.nomor})"


class StatusTindakLanjut(models.TextChoices):
    BELUM = "belum", "Belum ditindaklanjuti"
    PROSES = "proses", "Dalam proses"
    SELESAI = "selesai", "Selesai"


class Rekomendasi(models.Model):
    """One recommendation of an LHE and its follow-up by the responsible Bidang."""

    lhe = models.ForeignKey(Lhe, on_delete=models.CASCADE, related_name="rekomendasi")
    nomor = models.PositiveSmallIntegerField("nomor")
    teks = models.TextField("rekomendasi")
    bidang = models.ForeignKey(
        "organisation.Bidang",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="penanggung jawab",
    )
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    batas_waktu = models.DateField("batas waktu")
    status = models.CharField(
        "status",
        max_length=10,
        choices=StatusTindakLanjut.choices,
        default=StatusTindakLanjut.BELUM,
    )
    diselesaikan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "rekomendasi"
        ordering = ["lhe", "nomor"]
        constraints = [models.UniqueConstraint(fields=["lhe", "nomor"], name="rekomendasi_unik")]

    def __str__(self) -> str:
        return f"Rekomendasi {self.nomor}: {self.teks[:60]}"


class Bukti(models.Model):
    """Evidence for a criterion or a follow-up: an uploaded file, or a link to one of Kinerja's own
    artifacts. Each keeps the SHA-256 it had when linked (`hash_tercatat`), so it still verifies, or
    visibly does not, whenever it is opened."""

    jawaban = models.ForeignKey(
        Jawaban, null=True, blank=True, on_delete=models.CASCADE, related_name="bukti"
    )
    rekomendasi = models.ForeignKey(
        Rekomendasi, null=True, blank=True, on_delete=models.CASCADE, related_name="bukti"
    )
    jenis = models.CharField("jenis", max_length=20, choices=JenisBukti.choices)
    acuan = models.CharField(
        "acuan", max_length=120, help_text="id persetujuan, entri, atau tanggal"
    )
    label = models.CharField("keterangan", max_length=200)
    hash_tercatat = models.CharField("SHA-256 tercatat", max_length=64)
    berkas = models.CharField("berkas tersimpan", max_length=300, blank=True)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (byte)", null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "bukti"
        ordering = ["dibuat_pada", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jawaban__isnull=False, rekomendasi__isnull=True)
                | models.Q(jawaban__isnull=True, rekomendasi__isnull=False),
                name="bukti_untuk_satu_hal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.label}"
