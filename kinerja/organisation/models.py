"""The Dinas, its Bidang and the people who log in."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisasi(models.Model):
    """A Dinas Sosial of one kab/kota (one row per deployment, ready for several)."""

    kode_wilayah = models.CharField("kode kab/kota", max_length=5, unique=True)
    nama = models.CharField("nama", max_length=200)
    alamat = models.CharField("alamat", max_length=300, blank=True)
    email = models.EmailField("email", blank=True)
    kepala_nama = models.CharField("nama Kepala Dinas", max_length=200, blank=True)
    kepala_pangkat = models.CharField("pangkat/golongan", max_length=100, blank=True)
    kepala_nip = models.CharField("NIP", max_length=30, blank=True)

    class Meta:
        verbose_name = "organisasi"
        verbose_name_plural = "organisasi"

    def __str__(self) -> str:
        return self.nama


class Bidang(models.Model):
    """A unit of the Dinas. `kode` is the stable key used by the command line and permissions."""

    kode = models.SlugField("kode", max_length=20)
    organisasi = models.ForeignKey(Organisasi, on_delete=models.PROTECT, related_name="bidang")
    nama = models.CharField("nama", max_length=200)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "bidang"
        verbose_name_plural = "bidang"
        ordering = ["organisasi", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["organisasi", "kode"], name="unique_bidang_kode")
        ]

    def __str__(self) -> str:
        return self.nama


class Role(models.TextChoices):
    PERENCANA = "perencana", "Perencana"
    STAF = "staf", "Staf Bidang"
    KABID = "kabid", "Kepala Bidang"
    KADIS = "kadis", "Kepala Dinas"
    AUDITOR = "auditor", "Auditor"
    ADMIN = "admin", "Administrator"


ROLES_WITH_BIDANG = frozenset({Role.STAF, Role.KABID})


class Surel(models.TextChoices):
    """How a person hears of work waiting for them (D165)."""

    SEGERA = "segera", "Setiap ada yang menunggu"
    HARIAN = "harian", "Ringkasan harian"
    TIDAK = "tidak", "Tidak dikirim surel"


class User(AbstractUser):
    role = models.CharField("peran", max_length=12, choices=Role.choices, default=Role.AUDITOR)
    surel_pemberitahuan = models.CharField(
        "pemberitahuan lewat surel", max_length=8, choices=Surel.choices, default=Surel.SEGERA
    )
    bidang = models.ForeignKey(
        Bidang, null=True, blank=True, on_delete=models.PROTECT, related_name="pengguna"
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            models.CheckConstraint(
                name="bidang_required_for_staf_and_kabid",
                condition=~models.Q(role__in=["staf", "kabid"], bidang__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
