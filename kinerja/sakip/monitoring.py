"""Monitoring of the rencana aksi: for every indicator of the PKs shown, per quarter, the PK's
target, the realisation (typed: the tree's value, frozen once approved; computed: the engine's
figure of the quarter, frozen once approved), capaian, band and the action taken; a quarter that
has ended without a realisation is late, a capaian below the lower bound of `tinggi` off track."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings

from kinerja.indicators.engine import cached_call
from kinerja.lib.dates import today
from kinerja.organisation.models import Bidang
from kinerja.performance.achievement import band_label, capaian
from kinerja.performance.models import Status
from kinerja.performance.periods import Periode
from kinerja.performance.selectors import capaian_for
from kinerja.performance.services.bands import band_scale

from .models import (
    IndikatorKinerja,
    IndikatorPK,
    JenisIndikator,
    PerjanjianKinerja,
    Realisasi,
    TindakLanjut,
)
from .selectors import APPROVAL_MODELS, _approval_stamp, _band_stamp, history_stamp

BATAS_BAND = "tinggi"


@dataclass
class SelTriwulan:
    triwulan: int
    target: Decimal | None
    realisasi: Decimal | None
    status: str
    capaian: Decimal | None
    band: str | None
    terlambat: bool
    meleset: bool
    tindak_lanjut: str


@dataclass
class BarisMonitoring:
    indikator_id: int
    kode: str
    nama: str
    satuan: str
    jenis: str
    bidang: str
    bidang_kode: str
    triwulan: list[SelTriwulan] = field(default_factory=list)


@dataclass
class BlokPK:
    pk: PerjanjianKinerja
    baris: list[BarisMonitoring]


def batas_tinggi(kode_kabkota: str | None = None) -> Decimal:
    """The lower bound of the band `tinggi` in the scale in force (76 in the contract's default)."""
    for lower, label in band_scale(kode_kabkota):
        if label == BATAS_BAND and lower is not None:
            return lower
    return Decimal(76)


def iku_quarters(codes: list[str], tahun: int) -> dict[tuple[str, int], tuple]:
    """(realisasi, status) of each IKU code and quarter, cached like the tree's year figures."""

    def compute() -> dict[tuple[str, int], tuple]:
        out = {}
        for kode in codes:
            for q in (1, 2, 3, 4):
                c = capaian_for(kode, Periode(tahun, q))
                if c is not None and c.realisasi is not None:
                    out[(kode, q)] = (c.realisasi, c.status)
        return out

    if not codes:
        return {}
    parts = (settings.KINERJA_KODE_WILAYAH, tuple(codes), tahun, _approval_stamp())
    return cached_call("sakip-iku-triwulan", parts, compute)


def monitoring(pks: list[PerjanjianKinerja], tahun: int) -> list[BlokPK]:
    """Every indicator of `pks` with its four quarters, cached like the tree's drawing (D211): under
    the registries' counter (engine), the latest history rows of every table the lines read, the
    band scale and today's date (a quarter becomes late when it ends), so never stale. The Bidang's
    names are read fresh (the organisation's tables keep no history)."""
    now = today()
    stamp = history_stamp(IndikatorPK, IndikatorKinerja, Realisasi, TindakLanjut, *APPROVAL_MODELS)
    parts = (
        settings.KINERJA_KODE_WILAYAH,
        tuple(pk.pk for pk in pks),
        tahun,
        now.isoformat(),
        stamp,
        _band_stamp(),
    )
    by_pk = cached_call("sakip-monitoring", parts, lambda: _lines(pks, tahun, now))
    bidang = Bidang.objects.filter(organisasi__kode_wilayah=settings.KINERJA_KODE_WILAYAH)
    names = dict(bidang.values_list("kode", "nama")) if by_pk else {}
    for lines in by_pk.values():
        for line in lines:
            line.bidang = names.get(line.bidang_kode, "")
    return [BlokPK(pk, by_pk.get(pk.pk, [])) for pk in pks]


def _lines(pks: list[PerjanjianKinerja], tahun: int, now: date) -> dict[int, list[BarisMonitoring]]:
    """The monitoring lines of `pks` by PK id, in a fixed number of queries."""
    scale = band_scale()
    batas = batas_tinggi()
    rows = list(
        IndikatorPK.objects.filter(pk_dokumen__in=pks)
        .select_related("indikator", "indikator__bidang")
        .order_by("pk_dokumen_id", "urutan", "id")
    )
    ind_ids = {r.indikator_id for r in rows}
    values: dict[tuple[int, int], tuple] = {}
    for ind_id, periode, nilai, beku, status, maks in Realisasi.objects.filter(
        indikator_id__in=ind_ids, tahun=tahun
    ).values_list(
        "indikator_id", "periode", "nilai", "beku_nilai", "status", "indikator__frekuensi"
    ):
        q = (periode + 2) // 3 if maks == "bulan" else periode
        if maks == "bulan" and periode % 3:
            continue  # a monthly indicator's quarter is read at its third month
        values[(ind_id, q)] = (beku if status == Status.APPROVED else nilai, status)
    codes = sorted(
        {r.indikator.iku_kode for r in rows if r.indikator.jenis == JenisIndikator.DIHITUNG}
    )
    iku = iku_quarters(codes, tahun)
    actions = {
        (i, q): text
        for i, q, text in TindakLanjut.objects.filter(
            indikator_id__in=ind_ids, tahun=tahun
        ).values_list("indikator_id", "triwulan", "uraian")
    }
    by_pk: dict[int, list[BarisMonitoring]] = {}
    for r in rows:
        ind = r.indikator
        line = BarisMonitoring(
            ind.pk,
            ind.kode,
            ind.nama,
            ind.satuan,
            ind.jenis,
            "",  # the Bidang's name, filled in by `monitoring` (read fresh)
            ind.bidang.kode if ind.bidang else "",
        )
        for q in (1, 2, 3, 4):
            if ind.jenis == JenisIndikator.DIHITUNG:
                nilai, status = iku.get((ind.iku_kode, q), (None, ""))
            else:
                nilai, status = values.get((ind.pk, q), (None, ""))
            target = r.target_tw(q)
            cap = capaian(nilai, target, ind.polaritas)
            line.triwulan.append(
                SelTriwulan(
                    q, target, nilai, status, cap, band_label(cap, scale),
                    terlambat=nilai is None and Periode(tahun, q).akhir < now,
                    meleset=cap is not None and cap < batas,
                    tindak_lanjut=actions.get((ind.pk, q), ""),
                )
            )  # fmt: skip
        by_pk.setdefault(r.pk_dokumen_id, []).append(line)
    return by_pk
