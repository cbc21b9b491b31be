"""`ppks`: a person's registration as PPKS of one type. Natural key: person, jenis_ppks, tanggal_daftar."""

import datetime as dt
from dataclasses import dataclass

from ...models import Lokasi, Ppks
from ..columns import Column
from ..fetch import select
from ..stage import Stage
from .base import Kind, check_period, choices, get_code, get_date, register

LOKASI = choices(Lokasi)
FIELDS = ("orang_id", "jenis_id", "tanggal_daftar", "tanggal_selesai", "lokasi")


@dataclass(slots=True)
class Item:
    jenis: str
    daftar: dt.date
    given: dict
    identity: object = None


@register
class PpksKind(Kind):
    name = "ppks"
    label = "Registrasi PPKS"
    pipelined = True
    identity = True
    columns = (
        Column("jenis_ppks", True, "Jenis PPKS (kode).", codes_from="jenis_ppks"),
        Column("tanggal_daftar", True, "Tanggal mulai terdaftar."),
        Column("tanggal_selesai", False, "Tanggal selesai (kosong bila masih terdaftar)."),
        Column(
            "lokasi", False, "luar_panti (bawaan) atau dalam_panti.", codes=tuple(Lokasi.values)
        ),
    )

    def parse(self, values):
        ctx = self.ctx
        jenis = get_code(values, "jenis_ppks", ctx.jenis_ppks, required=True)
        daftar = get_date(values, "tanggal_daftar", ctx, required=True)
        given = {}
        if (selesai := get_date(values, "tanggal_selesai", ctx)) is not None:
            check_period(daftar, selesai)
            given["tanggal_selesai"] = selesai
        if (lokasi := get_code(values, "lokasi", LOKASI)) is not None:
            given["lokasi"] = lokasi
        return Item(jenis, daftar, given)

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.stage = Stage(Ppks, FIELDS, prev=prev.stage if prev is not None else None)
        return batch

    def prefetch(self, batch, items):
        pks = [p for p in batch.persons.by_pk if p > 0]
        if not pks:
            return
        rows = select(
            Ppks,
            FIELDS,
            [
                ("orang_id", pks),
                ("jenis_id", {i.jenis for i in items}),
                ("tanggal_daftar", {i.daftar for i in items}),
            ],
        )
        for pk, *vals in rows:
            values = dict(zip(FIELDS, vals, strict=True))
            person = batch.persons.by_pk[values["orang_id"]]
            batch.stage.load((person, values["jenis_id"], values["tanggal_daftar"]), pk, values)

    def apply(self, batch, item, plan, row):
        key = (plan.person, item.jenis, item.daftar)
        defaults = {
            "orang_id": plan.person,
            "jenis_id": item.jenis,
            "tanggal_daftar": item.daftar,
            "tanggal_selesai": None,
            "lokasi": Lokasi.LUAR_PANTI,
        }
        values = batch.stage.merged(key, item.given, defaults)
        check_period(values["tanggal_daftar"], values["tanggal_selesai"])
        batch.persons.commit(plan, row)
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.stage]
