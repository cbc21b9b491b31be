from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from .base import Impor, Tercatat, default_kabkota


class SumberDana(models.TextChoices):
    APBD = "APBD", "APBD"
    APBN = "APBN", "APBN"
    LAINNYA = "lainnya", "Lainnya"


class Layanan(Tercatat):
    """A service or assistance given to a person (optionally for a disaster event).

    The largest registry (a million rows and more), written by bulk imports: it keeps only indexes
    that a query needs (D19b). `orang` is served by the natural key (orang first), `kode_kabkota`
    and `jenis` by the (kode_kabkota, jenis, tanggal) index. On PostgreSQL `jenis` is checked once
    per statement by a trigger and `impor` is a plain indexed pointer (D19c, migration 0004).
    """

    kode_kabkota = models.CharField("kab/kota", max_length=5, default=default_kabkota)
    orang = models.ForeignKey(
        "Orang", on_delete=models.PROTECT, related_name="layanan", db_index=False
    )
    jenis = models.ForeignKey(
        "JenisLayanan",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="jenis layanan",
        db_index=False,
        db_constraint=False,  # PostgreSQL: statement-level trigger (D19c); SQLite: inline FK
    )
    tanggal = models.DateField("tanggal")
    program = models.CharField("program", max_length=200, blank=True, default="")
    nilai_rp = models.BigIntegerField("nilai (Rp)", null=True, blank=True)
    sumber_dana = models.CharField(
        "sumber dana", max_length=8, choices=SumberDana.choices, blank=True
    )
    bencana = models.ForeignKey(
        "Bencana",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="layanan",
        verbose_name="kejadian bencana",
    )
    keterangan = models.TextField("keterangan", blank=True)
    # The import that last wrote the record: a log pointer, no database constraint (D19c).
    impor = models.ForeignKey(
        Impor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    # History rows are read per record (by `id`) and by date: no index on the other columns.
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        no_db_index=[
            "kode_kabkota", "orang", "jenis", "bencana", "created_by", "updated_by", "impor",
        ],
    )  # fmt: skip

    class Meta:
        verbose_name = "layanan"
        verbose_name_plural = "layanan"
        constraints = [
            # Natural key (contract): an empty part is part of the key, so NULL counts as a value.
            models.UniqueConstraint(
                "orang",
                "jenis",
                "tanggal",
                "program",
                Coalesce("bencana", 0),
                name="unique_layanan_natural_key",
            ),
            models.CheckConstraint(
                name="layanan_nilai_not_negative",
                condition=models.Q(nilai_rp__isnull=True) | models.Q(nilai_rp__gte=0),
            ),
        ]
        # No other index (D19e): a person's services are found by the natural key (it starts with
        # `orang`); filters by kab/kota, type and date use the IKU engine's index (kode_kabkota,
        # jenis_id, tanggal, orang_id) of indicators/0007, which holds the same columns first.

    def __str__(self) -> str:
        return f"{self.jenis_id} {self.tanggal}"
