"""Reads of the performance tree: the Renstra of a year, the tree in drawing order with each
indicator's latest capaian and band, a node's budget lines and an indicator's periods."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from kinerja.indicators.engine import cached_call
from kinerja.performance.achievement import band_label, capaian
from kinerja.performance.models import Anggaran, BandCapaian, Persetujuan, Status, Target
from kinerja.performance.periods import Periode
from kinerja.performance.selectors import capaian_for
from kinerja.performance.services.bands import band_scale

from .models import (
    IndikatorKinerja,
    JenisIndikator,
    Realisasi,
    Renstra,
    Simpul,
    TargetIndikator,
    Tingkat,
)

TINGKAT_URUT = [t.value for t in Tingkat]


def renstra_for_year(tahun: int) -> Renstra | None:
    return Renstra.objects.for_year(tahun)


def renstra_all() -> QuerySet[Renstra]:
    """Every Renstra of the kab/kota, versions in order, each with the version it replaces and
    `diganti` (whether a Renstra Perubahan replaces it)."""
    return (
        Renstra.objects.of_kabkota()
        .select_related("menggantikan")
        .annotate(diganti=Exists(Renstra.objects.filter(menggantikan=OuterRef("pk"))))
        .order_by("periode_awal", "versi")
    )


@dataclass
class CapaianIndikator:
    """The latest figure of one indicator in a year: value, target, capaian, band, status."""

    indikator_id: int
    kode: str
    nama: str
    satuan: str
    jenis: str
    periode: str = ""
    realisasi: Decimal | None = None
    target: Decimal | None = None
    capaian: Decimal | None = None
    band: str | None = None
    band_index: int | None = None
    status: str = Status.DRAFT


@dataclass
class NodeRow:
    id: int
    tingkat: str
    kode: str
    uraian: str
    depth: int
    parent_id: int | None
    indikator: list[CapaianIndikator] = field(default_factory=list)


def _band(achievement: Decimal | None, scale) -> tuple[str | None, int | None]:
    label = band_label(achievement, scale)
    if label is None:
        return None, None
    return label, [lab for _, lab in scale].index(label)


def indikator_capaian(
    renstra: Renstra, tahun: int, ids: list[int] | None = None
) -> dict[int, list[CapaianIndikator]]:
    """Every indicator of the Renstra (or of `ids`), grouped by node, with its latest figure of
    `tahun`: typed ones from their latest period with a value (the frozen value once approved),
    computed ones from the IKU's year figure (frozen once approved) against the IKU's PK target."""
    scale = band_scale(renstra.kode_kabkota)
    qs = IndikatorKinerja.objects.filter(renstra=renstra)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    rows = list(
        qs.values_list(
            "id", "simpul_id", "kode", "nama", "satuan", "jenis", "iku_kode", "polaritas"
        )
    )
    typed = [r[0] for r in rows if r[5] == JenisIndikator.DIKETIK]
    latest: dict[int, tuple] = {}
    for ind_id, periode, nilai, beku, status in (
        Realisasi.objects.filter(indikator_id__in=typed, tahun=tahun)
        .order_by("indikator_id", "periode")
        .values_list("indikator_id", "periode", "nilai", "beku_nilai", "status")
    ):
        latest[ind_id] = (periode, beku if status == Status.APPROVED else nilai, status)
    targets = {
        (i, p): v
        for i, p, v in TargetIndikator.objects.filter(
            indikator_id__in=typed, tahun=tahun
        ).values_list("indikator_id", "periode", "nilai")
    }
    iku = iku_capaian(sorted({r[6] for r in rows if r[5] == JenisIndikator.DIHITUNG}), tahun)
    out: dict[int, list[CapaianIndikator]] = {}
    for ind_id, simpul_id, kode, nama, satuan, jenis, iku_kode, polaritas in rows:
        c = CapaianIndikator(ind_id, kode, nama, satuan, jenis)
        if jenis == JenisIndikator.DIKETIK and ind_id in latest:
            periode, nilai, status = latest[ind_id]
            c.periode, c.realisasi, c.status = str(periode), nilai, status
            c.target = targets.get((ind_id, periode), targets.get((ind_id, None)))
            c.capaian = capaian(nilai, c.target, polaritas)
        elif jenis == JenisIndikator.DIHITUNG and (figure := iku.get(iku_kode)) is not None:
            c.realisasi, c.target, c.capaian, c.status = figure
            c.periode = str(tahun)
        c.band, c.band_index = _band(c.capaian, scale)
        out.setdefault(simpul_id, []).append(c)
    return out


def history_stamp(*models: type[Model]) -> tuple:
    """The latest history row of each model's table (a save and a delete both add one), read in one
    query whatever the number of tables: a cache key part that changes with every write."""
    tables = [m.history.model._meta for m in models]  # type: ignore[attr-defined]
    sql = ", ".join(
        f"(SELECT MAX({connection.ops.quote_name(t.pk.column)}) "
        f"FROM {connection.ops.quote_name(t.db_table)})"
        for t in tables
    )
    with connection.cursor() as cur:
        cur.execute(f"SELECT {sql}")  # noqa: S608  # table and column names from the models
        return tuple(cur.fetchone())


APPROVAL_MODELS = (Persetujuan, Target)


def _band_stamp() -> tuple:
    return tuple(BandCapaian.objects.order_by("pk").values_list("pk", "batas_bawah", "label"))


def _approval_stamp() -> tuple:
    """What an IKU's capaian depends on besides the registries (whose counter the engine's cache
    reads itself): approvals, targets and the band scale, by their latest history rows."""
    return (history_stamp(*APPROVAL_MODELS), _band_stamp())


def iku_capaian(codes: list[str], tahun: int) -> dict[str, tuple | None]:
    """The year's (realisasi, target, capaian, status) of each IKU code, the frozen figure once
    approved; cached under the registries' counter and `_approval_stamp`, so never stale."""

    def compute() -> dict[str, tuple | None]:
        out: dict[str, tuple | None] = {}
        for kode in codes:
            c = capaian_for(kode, Periode(tahun))
            out[kode] = None if c is None else (c.realisasi, c.target, c.achievement, c.status)
        return out

    if not codes:
        return {}
    parts = (settings.KINERJA_KODE_WILAYAH, tuple(codes), tahun, _approval_stamp())
    return cached_call("sakip-iku-capaian", parts, compute)


def tree_rows(renstra: Renstra, tahun: int, sampai: str = Tingkat.SUB_KEGIATAN) -> list[NodeRow]:
    """The nodes down to level `sampai`, depth first in import order, each with its indicators."""
    levels = TINGKAT_URUT[: TINGKAT_URUT.index(sampai) + 1]
    nodes = list(
        Simpul.objects.filter(renstra=renstra, tingkat__in=levels)
        .order_by("urutan", "id")
        .values_list("id", "induk_id", "tingkat", "kode", "uraian")
    )
    children: dict[int | None, list[tuple]] = {}
    for n in nodes:
        children.setdefault(n[1], []).append(n)
    capaian_map = indikator_capaian(renstra, tahun)
    out: list[NodeRow] = []
    stack = [(n, 0) for n in reversed(children.get(None, []))]
    while stack:
        (nid, parent, tingkat, kode, uraian), depth = stack.pop()
        out.append(NodeRow(nid, tingkat, kode, uraian, depth, parent, capaian_map.get(nid, [])))
        stack.extend((c, depth + 1) for c in reversed(children.get(nid, [])))
    return out


def ancestors(simpul: Simpul) -> list[Simpul]:
    chain: list[Simpul] = []
    node = simpul.induk
    while node is not None:
        chain.append(node)
        node = node.induk
    return list(reversed(chain))


def anggaran_of(simpul: Simpul, tahun: int) -> QuerySet[Anggaran]:
    """The budget lines of `tahun` under a programme, kegiatan or sub-kegiatan (matched by code)."""
    codes = {a.tingkat: a.kode for a in [*ancestors(simpul), simpul]}
    if Tingkat.PROGRAM not in codes:
        return Anggaran.objects.none()
    q = Q(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH, tahun=tahun, kode_program=codes[Tingkat.PROGRAM]
    )
    if Tingkat.KEGIATAN in codes:
        q &= Q(kode_kegiatan=codes[Tingkat.KEGIATAN])
    if Tingkat.SUB_KEGIATAN in codes:
        q &= Q(kode_sub_kegiatan=codes[Tingkat.SUB_KEGIATAN])
    return Anggaran.objects.filter(q)


@dataclass
class PeriodeRow:
    periode: int
    target: Decimal | None
    realisasi: Realisasi | None
    capaian: Decimal | None
    band: str | None
    can_entry: bool = False
    aksi: list[tuple[str, str]] = field(default_factory=list)


def indikator_periods(ind: IndikatorKinerja, tahun: int) -> list[PeriodeRow]:
    scale = band_scale(ind.renstra.kode_kabkota)
    values = {r.periode: r for r in ind.realisasi.filter(tahun=tahun).prefetch_related("bukti")}
    targets = dict(ind.target.filter(tahun=tahun).values_list("periode", "nilai"))
    out = []
    for p in range(1, ind.periode_maks + 1):
        r = values.get(p)
        target = targets.get(p, targets.get(None))
        nilai = (r.beku_nilai if r.status == Status.APPROVED else r.nilai) if r else None
        cap = capaian(nilai, target, ind.polaritas)
        out.append(PeriodeRow(p, target, r, cap, band_label(cap, scale)))
    return out


def tree_cached(renstra: Renstra, tahun: int, sampai: str, draw) -> tuple[str, int]:
    """`draw(rows)` of the tree, cached under the registries' counter (engine), the tree's and the
    approvals' history stamps: a page of 610 nodes is drawn once per change, never stale (D149)."""

    def compute() -> tuple[str, int]:
        rows = tree_rows(renstra, tahun, sampai)
        return draw(rows), len(rows)

    # Every table the tree page reads and the IKU approvals, in one query (D149, D211).
    stamp = history_stamp(
        Renstra, Simpul, IndikatorKinerja, TargetIndikator, Realisasi, *APPROVAL_MODELS
    )
    parts = (renstra.pk, tahun, sampai, stamp, _band_stamp())
    return cached_call("sakip-pohon", parts, compute)
