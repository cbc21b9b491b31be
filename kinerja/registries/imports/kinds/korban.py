"""`korban`: a person affected by a registered event. Natural key: kode_kejadian, person."""

from dataclasses import dataclass

from django.db.models.functions import Upper

from ...models import Bencana, Kondisi, Korban
from ..columns import Column
from ..errors import RowRejected
from ..fetch import select
from ..stage import Stage
from .base import Kind, choices, get_code, get_text, register

KONDISI = choices(Kondisi)
FIELDS = ("bencana_id", "orang_id", "kondisi")


@dataclass(slots=True)
class Item:
    kode_kejadian: str
    kondisi: str | None
    identity: object = None


@register
class KorbanKind(Kind):
    name = "korban"
    label = "Korban bencana"
    pipelined = True
    identity = True
    columns = (
        Column("kode_kejadian", True, "Kode kejadian bencana (harus sudah terdaftar)."),
        Column(
            "kondisi",
            False,
            "meninggal, luka, mengungsi atau terdampak.",
            codes=tuple(Kondisi.values),
        ),
    )

    def parse(self, values):
        return Item(
            get_text(values, "kode_kejadian", required=True).upper(),
            get_code(values, "kondisi", KONDISI),
        )

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.stage = Stage(Korban, FIELDS, prev=prev.stage if prev is not None else None)
        batch.bencana = {}
        return batch

    def prefetch(self, batch, items):
        batch.bencana = dict(
            Bencana.objects.filter(kode_kabkota=self.ctx.kabkota)
            .annotate(k=Upper("kode_kejadian"))
            .filter(k__in={i.kode_kejadian for i in items})
            .values_list("k", "pk")
        )
        pks = [p for p in batch.persons.by_pk if p > 0]
        if not pks or not batch.bencana:
            return
        where = [("orang_id", pks), ("bencana_id", set(batch.bencana.values()))]
        for pk, *vals in select(Korban, FIELDS, where):
            values = dict(zip(FIELDS, vals, strict=True))
            batch.stage.load(
                (values["bencana_id"], batch.persons.by_pk[values["orang_id"]]), pk, values
            )

    def apply(self, batch, item, plan, row):
        bencana_id = batch.bencana.get(item.kode_kejadian)
        if bencana_id is None:
            raise RowRejected(f"kode_kejadian '{item.kode_kejadian}' belum terdaftar")
        person = batch.persons.commit(plan, row)
        key = (bencana_id, person)
        given = {"kondisi": item.kondisi} if item.kondisi else {}
        values = batch.stage.merged(
            key, given, {"bencana_id": bencana_id, "orang_id": person, "kondisi": ""}
        )
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.stage]
