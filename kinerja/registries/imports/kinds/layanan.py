"""`layanan`: a service or assistance given to a person.

Natural key: person, jenis_layanan, tanggal, program, kode_kejadian; an empty part is part of the key.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models.functions import Upper

from ...models import Bencana, Layanan, SumberDana
from ..columns import Column
from ..errors import RowRejected
from ..fetch import select_keys
from ..stage import Stage
from .base import Kind, choices, get_code, get_date, get_rupiah, get_text, register

SUMBER_DANA = choices(SumberDana)
FIELDS = (
    "orang_id",
    "jenis_id",
    "tanggal",
    "program",
    "bencana_id",
    "nilai_rp",
    "sumber_dana",
    "keterangan",
)
PROGRAM_MAX = Layanan._meta.get_field("program").max_length


@dataclass(slots=True)
class Item:
    jenis: str
    tanggal: dt.date
    program: str
    kode_kejadian: str | None
    given: dict
    identity: object = None


@register
class LayananKind(Kind):
    name = "layanan"
    label = "Layanan dan bantuan"
    pipelined = True
    identity = True
    columns = (
        Column("jenis_layanan", True, "Jenis layanan (kode).", codes_from="jenis_layanan"),
        Column("tanggal", True, "Tanggal layanan diberikan."),
        Column("program", False, "Nama program."),
        Column("nilai_rp", False, "Nilai dalam rupiah (1500000 atau Rp 1.500.000)."),
        Column("sumber_dana", False, "APBD, APBN atau lainnya.", codes=tuple(SumberDana.values)),
        Column("kode_kejadian", False, "Kode kejadian bencana (harus sudah terdaftar)."),
        Column("keterangan", False, "Keterangan bebas."),
    )

    def parse(self, values):
        ctx = self.ctx
        given = {}
        if (nilai := get_rupiah(values, "nilai_rp", ctx)) is not None:
            given["nilai_rp"] = nilai
        if (sumber := get_code(values, "sumber_dana", SUMBER_DANA)) is not None:
            given["sumber_dana"] = sumber
        if (keterangan := get_text(values, "keterangan")) is not None:
            given["keterangan"] = keterangan
        kode_kejadian = get_text(values, "kode_kejadian")
        return Item(
            get_code(values, "jenis_layanan", ctx.jenis_layanan, required=True),
            get_date(values, "tanggal", ctx, required=True),
            get_text(values, "program", max_length=PROGRAM_MAX) or "",
            kode_kejadian.upper() if kode_kejadian else None,
            given,
        )

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        # Keys hold the person object, so a record of a person the previous batch created is
        # found before either has an id.
        batch.stage = Stage(Layanan, FIELDS, prev=prev.stage if prev is not None else None)
        batch.bencana = {}
        return batch

    def prefetch(self, batch, items):
        codes = {i.kode_kejadian for i in items if i.kode_kejadian}
        if codes:
            batch.bencana = dict(
                Bencana.objects.filter(kode_kabkota=self.ctx.kabkota)
                .annotate(k=Upper("kode_kejadian"))
                .filter(k__in=codes)
                .values_list("k", "pk")
            )
        keys = {
            (person.pk, i.jenis, i.tanggal)
            for i in items
            for person in batch.persons.registered(i.identity)
        }
        rows = select_keys(Layanan, FIELDS, ("orang_id", "jenis_id", "tanggal"), keys)
        for pk, *vals in rows:
            values = dict(zip(FIELDS, vals, strict=True))
            person = batch.persons.by_pk[values["orang_id"]]
            key = (
                person,
                values["jenis_id"],
                values["tanggal"],
                values["program"],
                values["bencana_id"],
            )
            batch.stage.load(key, pk, values)

    def apply(self, batch, item, plan, row):
        bencana_id = None
        if item.kode_kejadian:
            bencana_id = batch.bencana.get(item.kode_kejadian)
            if bencana_id is None:
                raise RowRejected(f"kode_kejadian '{item.kode_kejadian}' belum terdaftar")
        person = batch.persons.commit(plan, row)
        key = (person, item.jenis, item.tanggal, item.program, bencana_id)
        stage = batch.stage
        staged = stage.get(key)
        if staged is None:
            values = {
                "orang_id": person,
                "jenis_id": item.jenis,
                "tanggal": item.tanggal,
                "program": item.program,
                "bencana_id": bencana_id,
                "nilai_rp": None,
                "sumber_dana": "",
                "keterangan": "",
                **item.given,
            }
        else:
            values = {**staged.values, **item.given}
        stage.put(key, values, row)

    def stages(self, batch):
        return [batch.stage]
