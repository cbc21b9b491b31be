"""Append-only audit log with a hash chain, and the log of looks at personal data."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One change. `hash` covers this entry's content and the previous entry's hash."""

    waktu = models.DateTimeField("waktu", db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_pengguna = models.CharField("pengguna", max_length=150, blank=True)
    aksi = models.CharField("aksi", max_length=40)
    objek_jenis = models.CharField("jenis objek", max_length=80, db_index=True)
    objek_id = models.CharField("id objek", max_length=80, blank=True, db_index=True)
    sebelum = models.JSONField("sebelum", null=True, blank=True)
    sesudah = models.JSONField("sesudah", null=True, blank=True)
    hash_sebelumnya = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The previous entry's id, covered by the hash: when an entry is removed, the next one still names
    # it, so `audit verify` can say exactly which entry is missing (ids may have gaps on PostgreSQL).
    id_sebelumnya = models.BigIntegerField("id entri sebelumnya", null=True, blank=True)

    class Meta:
        verbose_name = "entri audit"
        verbose_name_plural = "jejak audit"
        ordering = ["id"]
        # The audit log page (D162): newest first by (waktu, id), for one person or one action
        # within a date range, read backwards along these indexes without sorting.
        indexes = [
            models.Index(fields=["nama_pengguna", "waktu", "id"], name="audit_pengguna_waktu"),
            models.Index(fields=["aksi", "waktu", "id"], name="audit_aksi_waktu"),
            models.Index(fields=["waktu", "id"], name="audit_waktu_id"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.aksi} {self.objek_jenis} {self.objek_id}"


class AuditHead(models.Model):
    """The chain's head, updated in the same transaction as every append.

    The hash chain alone detects an altered or removed *middle* entry; removing the last entries leaves
    a shorter chain that still verifies. The head remembers how long the chain is and its last hash, so
    a removed tail is detected too (docs/keputusan-desain.md D56 names the limit).
    """

    kunci = models.CharField(max_length=20, unique=True, default="utama")
    jumlah = models.PositiveBigIntegerField("jumlah entri", default=0)
    id_terakhir = models.BigIntegerField("id entri terakhir", null=True, blank=True)
    hash_terakhir = models.CharField("hash entri terakhir", max_length=64, blank=True)

    class Meta:
        verbose_name = "kepala rantai audit"
        verbose_name_plural = "kepala rantai audit"

    def __str__(self) -> str:
        return f"{self.jumlah} entri, terakhir #{self.id_terakhir}"


class AksesDataPribadi(models.Model):
    """Who looked at which personal data, when (UU 27/2022)."""

    class Jenis(models.TextChoices):
        LIHAT_NIK = "lihat_nik", "Menampilkan NIK lengkap"
        BUKA_ORANG = "buka_orang", "Membuka halaman orang"
        EKSPOR = "ekspor", "Ekspor berisi data pribadi"
        LAPORAN_SUBJEK = "laporan_pdp", "Laporan subjek data (UU PDP)"
        UNDUH_BUKTI = "unduh_bukti", "Mengunduh bukti dukung"
        CARI = "cari", "Pencarian data pribadi"

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_pengguna = models.CharField("pengguna", max_length=150)
    jenis = models.CharField("jenis akses", max_length=12, choices=Jenis.choices)
    objek = models.CharField("objek", max_length=200)
    jumlah = models.PositiveIntegerField("jumlah orang", default=1)
    # The one person looked at, when there is one: the data-subject report finds a person's rows by
    # this link, never by the text of `objek` (which masks identifiers and may change wording).
    # No database constraint and never updated: a log row outlives anything done to the person.
    orang = models.ForeignKey(
        "registries.Orang",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name="orang",
    )
    alamat_ip = models.GenericIPAddressField(null=True, blank=True)
    # Its own hash chain (D78), like AuditEntry's: `audit verify` names a row altered or removed.
    hash_sebelumnya = models.CharField(max_length=64, default="", editable=False)
    id_sebelumnya = models.BigIntegerField("id baris sebelumnya", null=True, editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        verbose_name = "akses data pribadi"
        verbose_name_plural = "log akses data pribadi"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.nama_pengguna} {self.jenis} {self.objek}"

    def save(self, *args, **kwargs) -> None:
        if self._state.adding and not self.hash:
            # Every new row joins the chain, whoever writes it (services.akses_append saves it).
            from .services import akses_append

            akses_append(self)
            return
        super().save(*args, **kwargs)


class PemeriksaanRantai(models.Model):
    """The result of one check of both chains, shown on the audit log page (D161): walking 100,000
    entries takes seconds, so the page shows the last result and its time, and checks on request."""

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    nama_pengguna = models.CharField("pengguna", max_length=150, blank=True)
    audit_utuh = models.BooleanField("jejak audit utuh")
    audit_diperiksa = models.PositiveBigIntegerField("entri jejak audit diperiksa")
    audit_alasan = models.CharField("masalah jejak audit", max_length=300, blank=True)
    akses_utuh = models.BooleanField("log akses utuh")
    akses_diperiksa = models.PositiveBigIntegerField("baris log akses diperiksa")
    akses_alasan = models.CharField("masalah log akses", max_length=300, blank=True)

    class Meta:
        verbose_name = "pemeriksaan rantai"
        verbose_name_plural = "pemeriksaan rantai"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.audit_utuh and self.akses_utuh}"
