"""The Renstra (a period of any length, in versions) and the nodes of its performance tree."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


def _kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


class RenstraQuerySet(models.QuerySet["Renstra"]):
    def of_kabkota(self, kode: str | None = None) -> "RenstraQuerySet":
        return self.filter(kode_kabkota=kode or settings.KINERJA_KODE_WILAYAH)

    def for_year(self, tahun: int, kode: str | None = None) -> "Renstra | None":
        """The Renstra in force in `tahun`: of the period holding it, the latest version already
        in force (`berlaku_mulai` <= `tahun`), so the years before a Renstra Perubahan keep the
        version they were planned and realised in (D251)."""
        return (
            self.of_kabkota(kode)
            .filter(periode_awal__lte=tahun, periode_akhir__gte=tahun, berlaku_mulai__lte=tahun)
            .order_by("-periode_awal", "-berlaku_mulai", "-versi")
            .first()
        )


class Renstra(models.Model):
    kode_kabkota = models.CharField("kab/kota", max_length=5, default=_kabkota, db_index=True)
    nama = models.CharField("nama", max_length=300)
    periode_awal = models.PositiveSmallIntegerField("periode awal (tahun)")
    periode_akhir = models.PositiveSmallIntegerField("periode akhir (tahun)")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    menggantikan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="perubahan",
        verbose_name="mengubah versi",
    )
    berlaku_mulai = models.PositiveSmallIntegerField(
        "berlaku mulai (tahun)",
        help_text="Versi 1: tahun awal periode; Renstra Perubahan: sesudahnya.",
    )
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    keputusan = models.ManyToManyField(
        "indicators.Keputusan",
        blank=True,
        related_name="renstra",
        verbose_name="keputusan IKU (versi katalog)",
    )
    dikunci = models.BooleanField("dikunci (beku)", default=False)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    history = HistoricalRecords()
    objects = RenstraQuerySet.as_manager()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["kode_kabkota", "periode_awal", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kode_kabkota", "periode_awal", "versi"], name="unique_renstra_versi"
            ),
            models.CheckConstraint(
                name="renstra_periode_urut",
                condition=models.Q(periode_akhir__gte=models.F("periode_awal")),
            ),
            models.CheckConstraint(
                name="renstra_berlaku_dalam_periode",
                condition=models.Q(
                    berlaku_mulai__gte=models.F("periode_awal"),
                    berlaku_mulai__lte=models.F("periode_akhir"),
                ),
            ),
            # One Renstra Perubahan per version: the versions of a period form one chain.
            models.UniqueConstraint(fields=["menggantikan"], name="unique_renstra_perubahan"),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.periode_awal}-{self.periode_akhir} v{self.versi}"

    def save(self, *args, **kwargs) -> None:
        if self.berlaku_mulai is None:
            self.berlaku_mulai = self.periode_awal
        super().save(*args, **kwargs)

    @property
    def periode_label(self) -> str:
        return f"{self.periode_awal}–{self.periode_akhir}"

    @property
    def tahun(self) -> range:
        return range(self.periode_awal, self.periode_akhir + 1)

    @property
    def pengganti(self) -> "Renstra | None":
        """The Renstra Perubahan that replaces this version from its `berlaku_mulai`, if any
        (read each time: a long-lived instance must not miss a Perubahan made since)."""
        return self.perubahan.first()

    @property
    def tahun_berlaku(self) -> range:
        """The years this version is in force: from `berlaku_mulai` to the year before its
        Renstra Perubahan takes over (or the period's end)."""
        nxt = self.pengganti
        return range(self.berlaku_mulai, nxt.berlaku_mulai if nxt else self.periode_akhir + 1)


class Tingkat(models.TextChoices):
    TUJUAN = "tujuan", "Tujuan"
    SASARAN = "sasaran", "Sasaran strategis"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub-kegiatan"


# Each level's parent level (a tujuan has none).
INDUK_TINGKAT: dict[str, str | None] = {
    Tingkat.TUJUAN: None,
    Tingkat.SASARAN: Tingkat.TUJUAN,
    Tingkat.PROGRAM: Tingkat.SASARAN,
    Tingkat.KEGIATAN: Tingkat.PROGRAM,
    Tingkat.SUB_KEGIATAN: Tingkat.KEGIATAN,
}


class Simpul(models.Model):
    """One node of the tree. Programme/kegiatan/sub-kegiatan `kode` are budget codes (Anggaran)."""

    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="simpul")
    tingkat = models.CharField("tingkat", max_length=12, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
        verbose_name="induk",
    )
    kode = models.CharField("kode", max_length=60)
    uraian = models.TextField("uraian")
    sasaran = models.TextField(
        "sasaran", blank=True, help_text="Sasaran program / kegiatan (kosong untuk tujuan/sasaran)."
    )
    bidang = models.ForeignKey(
        "organisation.Bidang",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bidang penanggung jawab",
    )
    seksi = models.CharField("seksi penanggung jawab", max_length=200, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "simpul pohon kinerja"
        verbose_name_plural = "simpul pohon kinerja"
        ordering = ["renstra", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="unique_simpul_kode"),
            models.CheckConstraint(
                name="simpul_tujuan_tanpa_induk",
                condition=models.Q(tingkat="tujuan", induk__isnull=True)
                | (~models.Q(tingkat="tujuan") & models.Q(induk__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["renstra", "tingkat"], name="simpul_renstra_tingkat")]

    def __str__(self) -> str:
        return f"{self.get_tingkat_display()} {self.kode} {self.uraian}"
