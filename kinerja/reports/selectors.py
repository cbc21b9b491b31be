"""Reads the documents need that the performance and indicator apps do not offer as such.

Figures are the reported ones: the frozen figure once approved, else the live one (marked sementara).
An approved figure is never recomputed here, so a year of approved figures costs no counting at all.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Q

from kinerja.indicators.engine.definitions import definitions_in_force, kode_kabkota
from kinerja.indicators.engine.figures import Figure, compute_periods
from kinerja.indicators.engine.sqlparts import Sql, With
from kinerja.indicators.engine.units import frozen_query, unit_query
from kinerja.indicators.models import Indikator, Keputusan, SasaranStrategis
from kinerja.lib.numbers import percentage
from kinerja.performance import figures as perf_figures
from kinerja.performance.models import Analisis, Persetujuan, Status
from kinerja.performance.periods import Periode
from kinerja.performance.selectors import Capaian, budget_leaves, capaian_for, targets_map
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
        frozen = perf_figures.frozen_by_region(int(approval.beku_ref), kode, periode, level, bacaan)
        return {w: f for w, f in frozen.items()}
    figs = compute_periods([periode], level, (bacaan,), kode)
    return {f.wilayah: f for f in figs}


@dataclass(frozen=True)
class PerJenis:
    """IKU-2 for one SPM group: people to serve, served within a registration of that group."""

    jenis: str
    nama: str
    penyebut: int
    pembilang: int

    @property
    def persen(self) -> Decimal | None:
        return percentage(self.pembilang, self.penyebut)


def spm_by_type(periode: Periode, kode: str = "IKU-2") -> tuple[list[PerJenis], bool]:
    """IKU-2 split by PPKS group, one GROUP BY over the figure's unit rows (frozen when approved).

    A person registered in two groups counts in each; served = served within the registration of
    that group (the literal reading's per-type numerator). Returns the rows and whether approved.
    """
    approval = approval_of(kode, periode)
    if approval is not None:
        q, stage1 = frozen_query(int(approval.beku_ref), periode.label)
    else:
        found = definitions_in_force(periode.akhir, kode)
        if not found:
            return [], False
        q, stage1 = unit_query(found[0], [periode], kode_kabkota())
    q = With(list(q.ctes))
    q.cte("u", stage1)
    sql = q.render(
        Sql(
            "SELECT jenis, COUNT(DISTINCT unit_id),"
            " COUNT(DISTINCT CASE WHEN pembilang_literal THEN unit_id END)"
            " FROM u WHERE periode = %s GROUP BY jenis",
            periode.label,
        )
    )
    with connection.cursor() as cur:
        cur.execute(sql.text, sql.params)
        counts = {jenis: (int(a), int(b or 0)) for jenis, a, b in cur.fetchall()}
    rows = []
    for code, label in SPM_GROUPS:
        den, num = counts.pop(code, (0, 0))
        rows.append(PerJenis(code, label, den, num))
    names = dict(JenisPpks.objects.values_list("kode", "nama"))
    for code, (den, num) in sorted(counts.items()):  # a group a later definition adds
        rows.append(PerJenis(code, names.get(code, code), den, num))
    return rows, approval is not None
