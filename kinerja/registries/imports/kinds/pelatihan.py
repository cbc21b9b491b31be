"""`pelatihan`: a PSKS unit's participation in an activity. Natural key: kode_kegiatan, kode_psks.

The activity (KegiatanPelatihan) is created from its first row and renamed by a later `nama_kegiatan`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models.functions import Upper

from ...models import KegiatanPelatihan, Pelatihan, Psks
from ..columns import Column
from ..errors import RowRejected
from ..stage import Stage
from .base import Kind, get_date, get_text, register

FIELDS = ("kegiatan_id", "psks_id", "tanggal")
KEGIATAN_FIELDS = ("kode_kegiatan", "nama_kegiatan")
KODE_MAX = KegiatanPelatihan._meta.get_field("kode_kegiatan").max_length
NAMA_MAX = KegiatanPelatihan._meta.get_field("nama_kegiatan").max_length


@dataclass(slots=True)
class Item:
    kode_kegiatan: str
    nama_kegiatan: str | None
    tanggal: dt.date
    kode_psks: str


@register
class PelatihanKind(Kind):
    name = "pelatihan"
    label = "Pelatihan PSKS"
    columns = (
        Column("kode_kegiatan", True, "Kode kegiatan pelatihan/bimtek."),
        Column("nama_kegiatan", False, "Nama kegiatan."),
        Column("tanggal", True, "Tanggal pelatihan."),
        Column("kode_psks", True, "Kode PSKS peserta (harus sudah terdaftar)."),
    )

    def parse(self, values):
        return Item(
            get_text(values, "kode_kegiatan", required=True, max_length=KODE_MAX),
            get_text(values, "nama_kegiatan", max_length=NAMA_MAX),
            get_date(values, "tanggal", self.ctx, required=True),
            get_text(values, "kode_psks", required=True).upper(),
        )

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.kegiatan = Stage(KegiatanPelatihan, KEGIATAN_FIELDS)
        batch.stage = Stage(Pelatihan, FIELDS)
        batch.psks = {}
        return batch

    def prefetch(self, batch, items):
        kabkota = self.ctx.kabkota
        batch.psks = dict(
            Psks.objects.filter(kode_kabkota=kabkota)
            .annotate(k=Upper("kode_psks"))
            .filter(k__in={i.kode_psks for i in items})
            .values_list("k", "pk")
        )
        kegiatan = (
            KegiatanPelatihan.objects.filter(kode_kabkota=kabkota)
            .annotate(k=Upper("kode_kegiatan"))
            .filter(k__in={i.kode_kegiatan.upper() for i in items})
            .values_list("pk", *KEGIATAN_FIELDS)
        )
        for pk, *vals in kegiatan:
            batch.kegiatan.load(vals[0].upper(), pk, dict(zip(KEGIATAN_FIELDS, vals, strict=True)))
        existing = Pelatihan.objects.filter(
            kegiatan_id__in=[s.pk for s in batch.kegiatan.items.values()],
            psks_id__in=batch.psks.values(),
        ).values_list("pk", *FIELDS)
        for pk, *vals in existing:
            values = dict(zip(FIELDS, vals, strict=True))
            batch.stage.load((values["kegiatan_id"], values["psks_id"]), pk, values)

    def apply(self, batch, item, plan, row):
        psks_id = batch.psks.get(item.kode_psks)
        if psks_id is None:
            raise RowRejected(f"kode_psks '{item.kode_psks}' belum terdaftar")
        kkey = item.kode_kegiatan.upper()
        given = {"nama_kegiatan": item.nama_kegiatan} if item.nama_kegiatan else {}
        kvalues = batch.kegiatan.merged(
            kkey, given, {"kode_kegiatan": item.kode_kegiatan, "nama_kegiatan": ""}
        )
        kegiatan = batch.kegiatan.put(kkey, kvalues, row)
        key = (kegiatan.pk or kegiatan, psks_id)
        values = batch.stage.merged(
            key, {"tanggal": item.tanggal}, {"kegiatan_id": kegiatan, "psks_id": psks_id}
        )
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.kegiatan, batch.stage]
