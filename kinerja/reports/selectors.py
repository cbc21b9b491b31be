"""Reads the documents need that the performance and indicator apps do not offer as such.

Figures are the reported ones: the frozen figure once approved, else the live one (marked sementara).
An approved figure is never recomputed here, so a year of approved figures costs no counting at all.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from kinerja.indicators.engine import (
    Figure,
    compute_periods,
    counts_by_type,
    frozen_figures,
    kode_kabkota,
    kota_figures,
)
from kinerja.indicators.models import Indikator, Keputusan, SasaranStrategis
from kinerja.lib.numbers import percentage
from kinerja.performance.models import Analisis, Persetujuan, Status
from kinerja.performance.periods import Periode
from kinerja.performance.selectors import (
    Capaian,
    budget_leaves,
    capaian_for,
    capaian_many,
    targets_map,
)
from kinerja.performance.services.catalogue import keputusan_for
from kinerja.regions.models import Wilayah
from kinerja.registries.models import JenisPpks

from .document import Provisional

# The SPM groups of IKU-2 (Permensos 9/2018), in the order e-SPM lists them; the definition's own
# grouping (`kelompok_jenis`) already joins gelandangan and pengemis.
SPM_GROUPS = (
    ("penyandang_disabilitas", "Penyandang disabilitas telantar"),
    ("anak_telantar", "Anak telantar"),
    ("lanjut_usia_telantar", "Lanjut usia telantar"),
    ("gelandangan pengemis", "Gelandangan dan pengemis"),
)


def approval_of(kode: str, periode: Periode) -> Persetujuan | None:
    """The approval that froze `kode` for `periode`, or None when its figure is not approved."""
    row = Persetujuan.objects.of_period(kode, periode.tahun, periode.triwulan).first()
    if row and row.status == Status.APPROVED and row.beku_penyebut is not None and row.beku_ref:
        return row
    return None


def reported(kode: str, periode: Periode) -> Capaian | None:
    """The figure a document reports: frozen when approved (no counting), else computed now."""
    return capaian_for(kode, periode, live=approval_of(kode, periode) is None)


def _frozen(c: Capaian) -> bool:
    """What `approval_of` asks of an approval, on a Capaian read with its approval."""
    a = c.approval
    return bool(a and a.status == Status.APPROVED and a.beku_penyebut is not None and a.beku_ref)


def reported_many(kodes: list[str], periodes: list[Periode]) -> dict[tuple[str, str], Capaian]:
    """`reported` of every code in every period, keyed by (kode, period label): catalogue,
    approvals and targets read once per kind, and the unapproved figures counted together (D240);
    an approved figure is still never recomputed."""
    read = capaian_many(kodes, periodes, {})
    open_ = [key for key, c in read.items() if not _frozen(c)]
    if not open_:
        return read
    live = kota_figures(
        list(dict.fromkeys(k for k, _ in open_)),
        [p for p in periodes if any(label == p.label for _, label in open_)],
    )
    for key in open_:
        read[key].live = live.get((read[key].indikator.kode, key[1]))
    return read


def is_provisional(c: Capaian | None) -> bool:
    return c is None or c.frozen is None


def mark(c: Capaian | None, value):
    """A cell of `c`'s figure: wrapped as Provisional unless the figure is approved."""
    if value is None:
        return None
    return Provisional(value) if is_provisional(c) else value


def catalogue(tahun: int) -> Keputusan:
    keputusan = keputusan_for(Periode(tahun))
    if keputusan is None:
        raise ValueError(f"Tidak ada katalog IKU yang berlaku pada tahun {tahun}.")
    return keputusan


def sasaran_list(keputusan: Keputusan) -> list[tuple[SasaranStrategis, list[Indikator]]]:
    sasaran = keputusan.sasaran.order_by("nomor").prefetch_related("indikator__bidang")
    return [(s, sorted(s.indikator.all(), key=lambda i: i.urutan)) for s in sasaran]


def year_targets(tahun_list: Iterable[int]) -> dict[tuple[str, int, int | None, str], Decimal]:
    return targets_map(tahun_list)


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str
    pagu: int
    realisasi: int | None

    @property
    def penyerapan(self) -> Decimal | None:
        return percentage(self.realisasi, self.pagu) if self.realisasi is not None else None


def programs(tahun: int) -> list[Program]:
    """The year's programmes with pagu and realisasi summed over their most detailed lines."""
    by_code: dict[str, list] = {}
    for line in budget_leaves(tahun):
        p = by_code.setdefault(line.kode_program, [line.nama_program, 0, None])
        p[1] += line.pagu
        if line.realisasi is not None:
            p[2] = (p[2] or 0) + line.realisasi
    return [Program(k, n, pagu, real) for k, (n, pagu, real) in sorted(by_code.items())]


def analisis(kode: str, periode: Periode) -> Analisis | None:
    return Analisis.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH,
        indikator_kode=kode,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
    ).first()


def region_names() -> dict[str, str]:
    k = kode_kabkota()
    rows = Wilayah.objects.filter(Q(kode=k) | Q(kode__startswith=k + "."))
    return dict(rows.values_list("kode", "nama"))


def figures_by_region(kode: str, periode: Periode, level: str, bacaan: str) -> dict[str, Figure]:
    """Every region's figure of one reading: from the frozen unit list when approved."""
    approval = approval_of(kode, periode)
    if approval is not None:
        frozen = frozen_figures(int(approval.beku_ref), kode, periode, level, bacaan)
        return {f.wilayah: f for f in frozen}
    figs = compute_periods([periode], level, (bacaan,), kode)
    return {f.wilayah: f for f in figs}


@dataclass(frozen=True)
class PerJenis:
    """IKU-2 for one SPM group: people to serve, served within a registration of that group."""

    jenis: str
    nama: str
    denominator: int
    numerator: int

    @property
    def value(self) -> Decimal | None:
        return percentage(self.numerator, self.denominator)


def spm_by_type(periode: Periode, kode: str = "IKU-2") -> tuple[list[PerJenis], bool]:
    """IKU-2 split by PPKS group (the engine's `counts_by_type`, frozen when approved).

    A person registered in two groups counts in each; served = served within the registration of
    that group (the literal reading's per-type numerator). Returns the rows and whether approved.
    """
    approval = approval_of(kode, periode)
    snapshot = int(approval.beku_ref) if approval is not None else None
    counts = counts_by_type(kode, periode, snapshot)
    rows = []
    for code, label in SPM_GROUPS:
        c = counts.pop(code, None)
        rows.append(PerJenis(code, label, c.denominator if c else 0, c.numerator if c else 0))
    names = dict(JenisPpks.objects.values_list("kode", "nama"))
    for code, c in sorted(counts.items()):  # a group a later definition adds
        rows.append(PerJenis(code, names.get(code, code), c.denominator, c.numerator))
    return rows, approval is not None
