"""The IKU catalogue, one version per decree (Keputusan) that fixes or amends it.

A version is a complete snapshot: amending a decree copies every sasaran and indicator into the new
version and changes only what the amendment changes, so an earlier version stays intact and readable,
and a figure can always name the exact version (and indicator row) that defined it.
"""

import datetime as dt

from django.db import models


class KeputusanQuerySet(models.QuerySet["Keputusan"]):
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

    @property
    def opsi_dtsen(self) -> list[str]:
        """The DTSEN options of its definition in words (contract section 6), shown beside the
        decree's own words on the definition page and in the IKU document; empty when off."""
        d = next((x for x in self.definisi.all() if x.bacaan == Bacaan.DEFAULT), None)
        if d is None:
            return []
        out = []
        if d.desil_maks is not None:
            out.append(
                f"Penyebut hanya anggota DTKS dengan desil {d.desil_maks} ke bawah"
                f" (desil_maks = {d.desil_maks}); anggota tanpa desil tetap dihitung."
            )
        if d.bansos_per_keluarga:
            out.append(
                "Bansos per keluarga: layanan pembilang kepada seorang anggota KK dalam DTKS"
                " periode itu dihitung untuk setiap anggota KK tersebut."
            )
        return out


class Bacaan(models.TextChoices):
    DEFAULT = "default", "Bacaan baku (kontrak data)"
    LITERAL = "literal", "Bacaan harfiah keputusan"


class Keluarga(models.TextChoices):
    """Which registry forms the denominator and which records put a unit in the numerator."""

    PSKS_PELATIHAN = "psks_pelatihan", "PSKS aktif / pelatihan"
    PPKS_LAYANAN = "ppks_layanan", "Registrasi PPKS / layanan"
    ANAK_LAYANAN = "anak_layanan", "Anak (registrasi PPKS, pita umur) / layanan"
    DTKS_LAYANAN = "dtks_layanan", "Anggota DTKS / layanan"
    KORBAN_LAYANAN = "korban_layanan", "Korban bencana / bantuan kejadian yang sama"


class Hitung(models.TextChoices):
    UNIT = "unit", "Jumlah unit (orang, PSKS, korban per kejadian)"
    JENIS = "jenis", "Jumlah jenis"


class JendelaLayanan(models.TextChoices):
    PERIODE = "periode", "Bertanggal dalam periode"
    REGISTRASI = "registrasi", "Dalam periode dan dalam masa registrasi"
    KEJADIAN = "kejadian", "Dari tanggal kejadian s.d. akhir periode, kejadian yang sama"


class Definisi(models.Model):
    """How one indicator of one catalogue version is counted, in one reading, held as data.

    The engine (`kinerja.indicators.engine`) reads only these fields; a new indicator of one of the
    families needs a row here, not code. Both readings of an indicator share the denominator fields
    (checked in `clean`), so one frozen list of units yields both.
    """

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="definisi")
    bacaan = models.CharField("bacaan", max_length=8, choices=Bacaan.choices)
    keluarga = models.CharField("keluarga", max_length=16, choices=Keluarga.choices)
    hitung = models.CharField("yang dihitung", max_length=6, choices=Hitung.choices)
    jenis_registrasi = models.JSONField(
        "jenis registrasi (PPKS/PSKS)",
        default=list,
        blank=True,
        help_text="Kode jenis_ppks atau jenis_psks penyebut; kosong = semua jenis (PSKS).",
    )
    lokasi = models.CharField(
        "lokasi registrasi",
        max_length=12,
        blank=True,
        help_text="luar_panti, dalam_panti, atau kosong untuk semua.",
    )
    umur_min = models.PositiveSmallIntegerField("umur minimal (tahun)", null=True, blank=True)
    umur_maks = models.PositiveSmallIntegerField("umur maksimal (tahun)", null=True, blank=True)
    layanan_jenis = models.JSONField(
        "jenis layanan pembilang", default=list, blank=True, help_text="Kode jenis_layanan."
    )
    layanan_kelompok = models.JSONField(
        "kelompok layanan pembilang",
        default=list,
        blank=True,
        help_text="dasar, pengasuhan, bansos, bencana. Kosong bersama jenis = layanan apa pun.",
    )
    jendela = models.CharField("jendela layanan", max_length=10, choices=JendelaLayanan.choices)
    kelompok_jenis = models.JSONField(
        "pengelompokan jenis",
        default=dict,
        blank=True,
        help_text='Kode jenis -> nama kelompok, mis. {"gelandangan": "gelandangan pengemis"}.',
    )
    # DTSEN options of the DTKS family (contract section 6); off in catalogue version 1.
    desil_maks = models.PositiveSmallIntegerField(
        "desil maksimal (DTSEN)",
        null=True,
        blank=True,
        help_text="1-10: penyebut hanya anggota DTKS dengan desil <= batas ini (tanpa desil tetap"
        " dihitung). Kosong = semua anggota.",
    )
    bansos_per_keluarga = models.BooleanField(
        "bansos per keluarga (KPM)",
        default=False,
        help_text="Ya: layanan pembilang kepada seorang anggota KK di DTKS periode itu dihitung untuk"
        " setiap anggota KK tersebut.",
    )
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "definisi perhitungan"
        verbose_name_plural = "definisi perhitungan"
        ordering = ["indikator", "bacaan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "bacaan"], name="unique_definisi_per_bacaan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} ({self.bacaan})"

    DENOMINATOR_FIELDS = (
        "keluarga", "jenis_registrasi", "lokasi", "umur_min", "umur_maks", "desil_maks",
        "bansos_per_keluarga",
    )  # fmt: skip
    # Settable only in a catalogue version after the first (contract section 6).
    DTSEN_FIELDS = ("desil_maks", "bansos_per_keluarga")

    def clean(self) -> None:
        from .engine.validation import validate_definisi

        validate_definisi(self)


class UnitBeku(models.Model):
    """One frozen unit row (stage 1 output): the list behind an approved figure.

    `snapshot` names the approval that froze it (no foreign key: the approval model lives in another
    app and frozen rows must outlive any change there). One row per unit and type.
    """

    snapshot = models.BigIntegerField("snapshot", db_index=True)
    unit_id = models.BigIntegerField("unit")
    orang_id = models.BigIntegerField("orang", null=True, blank=True)
    jenis = models.CharField("jenis", max_length=60, blank=True)
    kelurahan = models.CharField("kelurahan", max_length=13, null=True, blank=True)  # noqa: DJ001
    kecamatan = models.CharField("kecamatan", max_length=8, null=True, blank=True)  # noqa: DJ001
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, blank=True)
    kelompok_umur = models.CharField("kelompok umur", max_length=5, blank=True)
    pembilang = models.BooleanField("masuk pembilang (bacaan baku)")
    pembilang_literal = models.BooleanField("masuk pembilang (bacaan harfiah)")

    class Meta:
        verbose_name = "unit beku"
        verbose_name_plural = "unit beku"

    def __str__(self) -> str:
        return f"{self.snapshot}/{self.unit_id} {self.jenis}"


class VersiData(models.Model):
    """One row whose `versi` database triggers bump on every write to the registries, code lists,
    regions and definitions (migration 0006). The figure cache keys its entries by it."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    versi = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "versi data registri"

    def __str__(self) -> str:
        return f"versi {self.versi}"


class Ringkasan(models.Model):
    """A summary of one indicator's units for one year (engine/ringkasan.py), kept current on write.

    `kunci` is a hash of everything the rows depend on besides the registries (definitions, code
    lists, kab/kota, year); the registries' changes reach the rows through `OrangBerubah`.
    """

    kunci = models.CharField("kunci", max_length=64, unique=True)
    indikator = models.CharField("indikator", max_length=20)
    tahun = models.PositiveSmallIntegerField("tahun")
    kode_kabkota = models.CharField("kode kab/kota", max_length=5)
    definisi_id = models.BigIntegerField("definisi (bacaan baku)")
    definisi_literal_id = models.BigIntegerField("definisi (bacaan harfiah)")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "ringkasan unit"
        verbose_name_plural = "ringkasan unit"

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}"


class RingkasanUnit(models.Model):
    """One unit (and type) of a `Ringkasan`: its region, birth date, entry date, DTKS membership per
    window (bit i = in the DTKS of the year's i-th period) and first numerator dates of both readings;
    or `n` units alike in all of these. Disaster victims: one row per served victim, and per event
    one row (`orang_id` NULL) counting its victims served in neither reading (D115).
    """

    ringkasan_id = models.BigIntegerField("ringkasan")
    unit_id = models.BigIntegerField("unit")
    orang_id = models.BigIntegerField("orang", null=True)
    jenis = models.CharField("jenis", max_length=100, blank=True)
    wil = models.CharField("wilayah", max_length=13, null=True)  # noqa: DJ001
    lahir = models.DateField("tanggal lahir", null=True)
    masuk = models.DateField("masuk", null=True)
    anggota = models.IntegerField("anggota DTKS per jendela", default=0)
    d_num = models.DateField("pembilang pertama (baku)", null=True)
    d_lit = models.DateField("pembilang pertama (harfiah)", null=True)
    n = models.IntegerField("jumlah unit", db_default=1)
    bencana_id = models.BigIntegerField("kejadian bencana (korban)", null=True)

    class Meta:
        verbose_name = "unit ringkasan"
        verbose_name_plural = "unit ringkasan"
        indexes = [
            models.Index(fields=["ringkasan_id", "orang_id"], name="ringkasan_orang"),
            # Covers the grouping of victims and DTKS members alike (totals._generic, per_unit).
            models.Index(
                fields=["ringkasan_id", "wil", "masuk", "anggota", "d_num", "d_lit"],
                name="ringkasan_kelompok",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ringkasan_id}/{self.unit_id}"


class OrangBerubah(models.Model):
    """A log written by database triggers (migration 0008): a person whose registry rows changed.
    `orang_id` NULL means a change that touches every summary (regions, PPKS types); -1 a DTKS
    period (the DTKS summaries), -2 a definition or service group (the summaries whose key changed),
    D101. Consumed, in one transaction, by engine/ringkasan.py."""

    orang_id = models.BigIntegerField("orang", null=True)

    class Meta:
        verbose_name = "orang berubah"
        verbose_name_plural = "orang berubah"

    def __str__(self) -> str:
        return f"orang {self.orang_id}"


class OrangKerja(models.Model):
    """The persons one summary refresh works on (filled and emptied inside its transaction)."""

    orang_id = models.BigIntegerField("orang", primary_key=True)

    class Meta:
        verbose_name = "orang diproses"
        verbose_name_plural = "orang diproses"

    def __str__(self) -> str:
        return f"orang {self.orang_id}"
