"""`psks`: a PSKS unit (a person or an institution). Natural key: kode_psks."""

from dataclasses import dataclass

from django.db.models.functions import Upper

from ...models import Bentuk, Psks
from ..columns import Column
from ..identity import kelurahan, parse_nik_cell
from ..stage import Stage
from .base import Kind, check_period, choices, get_code, get_date, get_text, register

BENTUK = choices(Bentuk)
FIELDS = (
    "kode_psks",
    "jenis_id",
    "bentuk",
    "nama",
    "nik",
    "kelurahan_id",
    "tanggal_daftar",
    "tanggal_selesai",
)
KODE_MAX = Psks._meta.get_field("kode_psks").max_length
NAMA_MAX = Psks._meta.get_field("nama").max_length


@dataclass(slots=True)
class Item:
    kode: str
    given: dict


@register
class PsksKind(Kind):
    name = "psks"
    label = "PSKS"
    columns = (
        Column("kode_psks", True, "Kode unit PSKS (unik di Dinas)."),
        Column("jenis_psks", True, "Jenis PSKS (kode).", codes_from="jenis_psks"),
        Column("bentuk", True, "orang atau lembaga.", codes=tuple(Bentuk.values)),
        Column("nama", True, "Nama orang atau lembaga."),
        Column("nik", False, "NIK, untuk PSKS perorangan (di Excel: sel teks)."),
        Column("kode_wilayah", False, "Kode kelurahan."),
        Column("tanggal_daftar", True, "Tanggal mulai terdaftar."),
        Column("tanggal_selesai", False, "Tanggal selesai (kosong bila masih aktif)."),
    )

    def parse(self, values):
        ctx = self.ctx
        kode = get_text(values, "kode_psks", required=True, max_length=KODE_MAX)
        given = {
            "jenis_id": get_code(values, "jenis_psks", ctx.jenis_psks, required=True),
            "bentuk": get_code(values, "bentuk", BENTUK, required=True),
            "nama": get_text(values, "nama", required=True, max_length=NAMA_MAX),
            "tanggal_daftar": get_date(values, "tanggal_daftar", ctx, required=True),
        }
        if "nik" in values:
            given["nik"] = parse_nik_cell(values["nik"], ctx).nik
        if "kode_wilayah" in values:
            given["kelurahan_id"] = kelurahan(values["kode_wilayah"], ctx)
        if (selesai := get_date(values, "tanggal_selesai", ctx)) is not None:
            check_period(given["tanggal_daftar"], selesai)
            given["tanggal_selesai"] = selesai
        return Item(kode, given)

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.stage = Stage(Psks, FIELDS)
        return batch

    def prefetch(self, batch, items):
        keys = {i.kode.upper() for i in items}
        rows = (
            Psks.objects.filter(kode_kabkota=self.ctx.kabkota)
            .annotate(kode_upper=Upper("kode_psks"))
            .filter(kode_upper__in=keys)
            .values_list("pk", *FIELDS)
        )
        for pk, *vals in rows:
            values = dict(zip(FIELDS, vals, strict=True))
            batch.stage.load(values["kode_psks"].upper(), pk, values)

    def apply(self, batch, item, plan, row):
        key = item.kode.upper()
        defaults = {
            "kode_psks": item.kode,
            "nik": "",
            "kelurahan_id": None,
            "tanggal_selesai": None,
        }
        values = batch.stage.merged(key, item.given, defaults)
        check_period(values["tanggal_daftar"], values["tanggal_selesai"])
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.stage]
