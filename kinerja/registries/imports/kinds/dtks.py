"""`dtks`: one member of a month's DTKS extract. Natural key: periode, nik.

The extract (DtksPeriode) is created from its first row. Members need both nik and no_kk.
"""

import datetime as dt
from dataclasses import dataclass

from kinerja.lib import parsing

from ...models import DtksAnggota, DtksPeriode
from ..columns import Column
from ..errors import RowRejected
from ..fetch import select
from ..stage import Stage
from .base import Kind, get_text, register

FIELDS = ("periode_id", "orang_id", "nik", "no_kk", "desil", "id_sumber")


@dataclass(slots=True)
class Item:
    periode: dt.date
    desil: int | None
    id_sumber: str | None = None
    identity: object = None


@register
class DtksKind(Kind):
    name = "dtks"
    label = "DTKS"
    identity = True
    identity_needs_nik = True
    columns = (
        Column("periode", True, "Bulan data DTKS, TTTT-BB (misalnya 2025-01)."),
        Column("nik", True, "NIK 16 digit (di Excel: sel teks)."),
        Column("no_kk", True, "Nomor KK 16 digit (di Excel: sel teks)."),
        Column("desil", False, "Desil kesejahteraan 1 sampai 10."),
        # Not in section 1's list: the source system's row id (SIKS-NG's `ID DTKS`, D123).
        Column("id_sumber", False, "ID baris di sistem asal (misalnya ID DTKS SIKS-NG)."),
    )

    def parse(self, values):
        ctx = self.ctx
        if "periode" not in values:
            raise RowRejected("periode wajib diisi")
        try:
            periode = parsing.periode(values["periode"])
        except parsing.ParseError as exc:
            raise RowRejected(str(exc)) from None
        if periode > ctx.today.replace(day=1):
            raise RowRejected(f"periode {periode:%Y-%m} setelah bulan ini")
        if "no_kk" not in values:
            raise RowRejected("no_kk wajib diisi")
        desil = None
        if "desil" in values:
            try:
                desil = parsing.bilangan_bulat(values["desil"], label="desil", low=1, high=10)
            except parsing.ParseError as exc:
                raise RowRejected(str(exc)) from None
        return Item(periode, desil, get_text(values, "id_sumber", max_length=40))

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.periode = Stage(DtksPeriode, ("periode",))
        batch.stage = Stage(DtksAnggota, FIELDS)
        return batch

    def prefetch(self, batch, items):
        periods = {i.periode for i in items}
        for pk, periode in DtksPeriode.objects.filter(
            kode_kabkota=self.ctx.kabkota, periode__in=periods
        ).values_list("pk", "periode"):
            batch.periode.load(periode, pk, {"periode": periode})
        ids = [s.pk for s in batch.periode.items.values()]
        niks = {i.identity.nik for i in items}
        for pk, *vals in select(DtksAnggota, FIELDS, [("periode_id", ids), ("nik", niks)]):
            values = dict(zip(FIELDS, vals, strict=True))
            batch.stage.load((values["periode_id"], values["nik"]), pk, values)

    def apply(self, batch, item, plan, row):
        periode = batch.periode.put(item.periode, {"periode": item.periode}, row)
        person = batch.persons.commit(plan, row)
        nik = item.identity.nik
        key = (periode.pk or periode, nik)
        given = {"orang_id": person.pk or person, "no_kk": person.values["no_kk"]}
        if item.desil is not None:
            given["desil"] = item.desil
        if item.id_sumber is not None:
            given["id_sumber"] = item.id_sumber
        base = {"periode_id": periode, "nik": nik, "desil": None, "id_sumber": None}
        values = batch.stage.merged(key, given, base)
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.periode, batch.stage]
