"""`bencana`: a disaster event, at kelurahan or kecamatan level. Natural key: kode_kejadian."""

from dataclasses import dataclass

from django.db.models.functions import Upper

from ...models import Bencana, JenisBencana
from ..columns import Column
from ..identity import kelurahan
from ..stage import Stage
from .base import Kind, check_period, choices, get_code, get_date, get_text, register

JENIS = choices(JenisBencana)
FIELDS = (
    "kode_kejadian", "jenis", "sub_jenis", "tanggal_kejadian", "wilayah_id",
    "mulai_tanggap_darurat", "selesai_tanggap_darurat",
)  # fmt: skip
KODE_MAX = Bencana._meta.get_field("kode_kejadian").max_length
SUB_MAX = Bencana._meta.get_field("sub_jenis").max_length
TANGGAP = ("mulai_tanggap_darurat", "selesai_tanggap_darurat")


@dataclass(slots=True)
class Item:
    kode: str
    given: dict


@register
class BencanaKind(Kind):
    name = "bencana"
    label = "Kejadian bencana"
    columns = (
        Column("kode_kejadian", True, "Kode kejadian (unik di Dinas)."),
        Column("jenis", True, "alam atau sosial.", codes=tuple(JenisBencana.values)),
        Column("sub_jenis", False, "Misalnya banjir, kebakaran permukiman."),
        Column("tanggal_kejadian", True, "Tanggal kejadian."),
        Column("kode_wilayah", True, "Kode kelurahan atau kecamatan lokasi kejadian."),
        Column("mulai_tanggap_darurat", False, "Tanggal mulai tanggap darurat."),
        Column(
            "selesai_tanggap_darurat", False, "Tanggal selesai tanggap darurat (boleh rencana)."
        ),
    )

    def parse(self, values):
        ctx = self.ctx
        kode = get_text(values, "kode_kejadian", required=True, max_length=KODE_MAX)
        given = {
            "jenis": get_code(values, "jenis", JENIS, required=True),
            "tanggal_kejadian": get_date(values, "tanggal_kejadian", ctx, required=True),
        }
        if "kode_wilayah" not in values:
            get_text(values, "kode_wilayah", required=True)
        given["wilayah_id"] = kelurahan(values["kode_wilayah"], ctx, allow_kecamatan=True)
        if (sub := get_text(values, "sub_jenis", max_length=SUB_MAX)) is not None:
            given["sub_jenis"] = sub
        if (mulai := get_date(values, "mulai_tanggap_darurat", ctx)) is not None:
            given["mulai_tanggap_darurat"] = mulai
        selesai = get_date(values, "selesai_tanggap_darurat", ctx, future_ok=True)
        if selesai is not None:
            given["selesai_tanggap_darurat"] = selesai
        check_period(mulai, selesai, names=TANGGAP)
        return Item(kode, given)

    def new_batch(self, persons, prev=None):
        batch = super().new_batch(persons)
        batch.stage = Stage(Bencana, FIELDS)
        return batch

    def prefetch(self, batch, items):
        rows = (
            Bencana.objects.filter(kode_kabkota=self.ctx.kabkota)
            .annotate(k=Upper("kode_kejadian"))
            .filter(k__in={i.kode.upper() for i in items})
            .values_list("pk", *FIELDS)
        )
        for pk, *vals in rows:
            values = dict(zip(FIELDS, vals, strict=True))
            batch.stage.load(values["kode_kejadian"].upper(), pk, values)

    def apply(self, batch, item, plan, row):
        key = item.kode.upper()
        defaults = {
            "kode_kejadian": item.kode,
            "sub_jenis": "",
            "mulai_tanggap_darurat": None,
            "selesai_tanggap_darurat": None,
        }
        values = batch.stage.merged(key, item.given, defaults)
        check_period(
            values["mulai_tanggap_darurat"], values["selesai_tanggap_darurat"], names=TANGGAP
        )
        batch.stage.put(key, values, row)

    def stages(self, batch):
        return [batch.stage]
