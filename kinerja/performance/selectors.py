"""Reads of the performance app: targets, achievement, status, comparisons (LKjIP A.1-A.3), inbox."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from kinerja.indicators.engine import Figure, frozen_figures
from kinerja.indicators.models import Indikator, Polaritas
from kinerja.indicators.selectors import renstra_years
from kinerja.lib.dates import today
from kinerja.organisation.models import Role
from kinerja.organisation.permissions import _role, bidang_kode

from . import figures
from .achievement import band_label, capaian, realisasi_exact
from .models import Anggaran, JenisTarget, Persetujuan, Status, Target
from .periods import Periode, periode_selesai
from .services.bands import band_scale
from .services.catalogue import indikator_for, keputusan_for


def target_value(kode: str, periode: Periode, jenis: str = JenisTarget.PK) -> Decimal | None:
    t = Target.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH,
        indikator_kode=kode,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
        jenis=jenis,
    ).first()
    return t.nilai if t else None


def targets_map(tahun_list: Iterable[int]) -> dict[tuple[str, int, int | None, str], Decimal]:
    rows = Target.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH, tahun__in=list(tahun_list)
    ).values_list("indikator_kode", "tahun", "triwulan", "jenis", "nilai")
    return {(k, y, q, j): v for k, y, q, j, v in rows}


def renstra_final(kode: str, tahun: int) -> tuple[int, Decimal | None]:
    """The Renstra's final target: the `renstra` target of the last year of the Renstra period (the
    catalogue in force in `tahun` names that period)."""
    keputusan = keputusan_for(Periode(tahun))
    last = keputusan.periode_akhir if keputusan else renstra_years(tahun)[-1]
    return last, target_value(kode, Periode(last), JenisTarget.RENSTRA)


def status_map(periode: Periode) -> dict[str, Persetujuan]:
    rows = Persetujuan.objects.filter(
        kode_kabkota=settings.KINERJA_KODE_WILAYAH, tahun=periode.tahun, triwulan=periode.triwulan
    )
    return {p.indikator_kode: p for p in rows}


def enrich_rows(rows: list[dict], period: Periode, reading: str = "default") -> list[dict]:
    """Add status, frozen values, live_value, target, achievement and band to `kinerja compute` rows.

    Every row gets `status`. Rows of an approved indicator carry the frozen figure in numerator /
    denominator / value (derived from the frozen unit list for that region and reading) and the live
    one in `live_value`. Kota rows carry `target` (the PK target of the period), `achievement` and
    `band`, computed from the row's (frozen or live) exact numerator / denominator.
    """
    statuses = status_map(period)
    scale = band_scale()
    kota = settings.KINERJA_KODE_WILAYAH
    level = figures.level_of([r["region"] for r in rows])
    frozen_cache: dict[str, dict[str, Figure]] = {}
    polaritas: dict[str, str] = {}
    for row in rows:
        kode = row["indicator"]
        approval = statuses.get(kode)
        row["status"] = approval.status if approval else Status.DRAFT.value
        if approval is not None and approval.status == Status.APPROVED and approval.beku_ref:
            if kode not in frozen_cache:
                frozen_cache[kode] = {
                    f.wilayah: f
                    for f in frozen_figures(int(approval.beku_ref), kode, period, level, reading)
                }
            frozen = frozen_cache[kode].get(row["region"])
            row["live_value"] = row["value"]
            if frozen is not None:
                value = frozen.value
                row["numerator"], row["denominator"] = frozen.numerator, frozen.denominator
                row["value"] = float(value) if value is not None else None
        if row["region"] == kota:
            if kode not in polaritas:
                ind = indikator_for(kode, period)
                polaritas[kode] = ind.polaritas if ind else Polaritas.NAIK
            target = target_value(kode, period)
            ach = capaian(
                realisasi_exact(row["numerator"], row["denominator"]), target, polaritas[kode]
            )
            row["target"] = float(target) if target is not None else None
            row["achievement"] = float(ach) if ach is not None else None
            row["band"] = band_label(ach, scale)
    return rows


@dataclass
class Capaian:
    """One indicator in one period, everything the period page and the LKjIP tables need."""

    indikator: Indikator
    periode: Periode
    status: str
    approval: Persetujuan | None
    target: Decimal | None
    live: Figure | None
    frozen: Figure | None = None
    renstra: Decimal | None = None
    extra: dict = field(default_factory=dict)

    @property
    def reported(self) -> Figure | None:
        """The figure the Dinas reports: the frozen one once approved, else the live one."""
        return self.frozen if self.frozen is not None else self.live

    @property
    def realisasi(self) -> Decimal | None:
        return self.reported.value if self.reported else None

    @property
    def achievement(self) -> Decimal | None:
        fig = self.reported
        return capaian(fig.exact if fig else None, self.target, self.indikator.polaritas)

    @property
    def band(self) -> str | None:
        return band_label(self.achievement, band_scale())

    @property
    def changed(self) -> bool:
        if self.frozen is None or self.live is None:
            return False
        frozen, live = self.frozen, self.live
        return (frozen.numerator, frozen.denominator) != (live.numerator, live.denominator)


def _capaian(
    ind: Indikator,
    periode: Periode,
    approval: Persetujuan | None,
    target: Decimal | None,
    renstra: Decimal | None,
    live: Figure | None,
) -> Capaian:
    frozen = None
    if approval and approval.status == Status.APPROVED:
        # Approval writes both numbers, reopening clears both.
        num, den = approval.beku_pembilang, approval.beku_penyebut
        if num is not None and den is not None:
            frozen = Figure(num, den, periode, indikator=ind.kode)
    return Capaian(
        indikator=ind,
        periode=periode,
        status=approval.status if approval else Status.DRAFT,
        approval=approval,
        target=target,
        live=live,
        frozen=frozen,
        renstra=renstra,
    )


def capaian_for(kode: str, periode: Periode, *, live: bool = True) -> Capaian | None:
    ind = indikator_for(kode, periode)
    if ind is None:
        return None
    approval = Persetujuan.objects.of_period(ind.kode, periode.tahun, periode.triwulan).first()
    return _capaian(
        ind,
        periode,
        approval,
        target_value(ind.kode, periode),
        target_value(ind.kode, Periode(periode.tahun), JenisTarget.RENSTRA),
        figures.live_kota(ind.kode, periode) if live else None,
    )


def capaian_many(
    kodes: list[str], periodes: list[Periode], live: dict[tuple[str, str], Figure]
) -> dict[tuple[str, str], Capaian]:
    """`capaian_for` of every code in every period, keyed by (kode, period label), with the kota
    figures the caller computed at once (`kota_figures`, keyed alike): the catalogue, approvals and
    targets read in one query each per kind, not per figure (D220)."""
    targets = targets_map({p.tahun for p in periodes})
    approvals = {
        (a.indikator_kode, a.tahun, a.triwulan): a
        for a in Persetujuan.objects.filter(
            kode_kabkota=settings.KINERJA_KODE_WILAYAH, tahun__in={p.tahun for p in periodes}
        )
    }
    catalogue: dict[object, dict[str, Indikator]] = {}
    out: dict[tuple[str, str], Capaian] = {}
    for p in periodes:
        if p.akhir not in catalogue:
            keputusan = keputusan_for(p)
            rows = (
                keputusan.indikator.select_related("bidang", "keputusan", "sasaran")
                if keputusan
                else []
            )
            catalogue[p.akhir] = {}
            for i in rows:
                catalogue[p.akhir].setdefault(i.kode.upper(), i)
        for kode in kodes:
            ind = catalogue[p.akhir].get(kode.strip().upper())
            if ind is None:
                continue
            out[(kode, p.label)] = _capaian(
                ind,
                p,
                approvals.get((ind.kode, p.tahun, p.triwulan)),
                targets.get((ind.kode, p.tahun, p.triwulan, JenisTarget.PK)),
                targets.get((ind.kode, p.tahun, None, JenisTarget.RENSTRA)),
                live.get((ind.kode, p.label)),
            )
    return out


@dataclass(frozen=True)
class TrendPoint:
    tahun: int
    target_renstra: Decimal | None
    target_pk: Decimal | None
    realisasi: Decimal | None
    achievement: Decimal | None
    band: str | None
    status: str


def trend(kode: str, years: Iterable[int]):
    """A.2: the indicator year by year (realisasi, PK and Renstra targets, capaian) over `years`
    (the Renstra period: `renstra_years`).

    Years not yet begun have targets only; their realisasi is not computed.
    """
    from kinerja.lib.dates import today

    now = today()
    points = []
    for y in years:
        c = capaian_for(kode, Periode(y), live=y <= now.year)
        if c is None:
            continue
        points.append(
            TrendPoint(
                y, c.renstra, c.target, c.realisasi, c.achievement, c.band, c.status
            )  # fmt: skip
        )
    return points


@dataclass(frozen=True)
class TerhadapRenstra:
    """A.3: this year's realisasi against the Renstra's final target."""

    tahun_akhir: int
    target_akhir: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None


def against_renstra_final(c: Capaian) -> TerhadapRenstra:
    last, final = renstra_final(c.indikator.kode, c.periode.tahun)
    fig = c.reported
    return TerhadapRenstra(
        last,
        final,
        c.realisasi,
        capaian(fig.exact if fig else None, final, c.indikator.polaritas),
    )


# -- inbox ----------------------------------------------------------------------------------------
INBOX_STATUS: dict[str, str] = {
    Role.STAF: Status.DRAFT,
    Role.KABID: Status.SUBMITTED,
    Role.KADIS: Status.VERIFIED,
}


def recent_periods() -> list[Periode]:
    """Periods of this year and last year that have ended, newest first (nothing is submitted
    before its period is over)."""
    now = today()
    return [
        Periode(tahun, q)
        for tahun in (now.year, now.year - 1)
        for q in (None, 4, 3, 2, 1)
        if periode_selesai(Periode(tahun, q), now)
    ]


def inbox(user, periodes: list[Periode]) -> list[tuple[Indikator, Periode, str]]:
    """What awaits `user`: staf -> their Bidang's draft figures, kabid -> submitted, kadis -> verified.

    Periods already ended (or under way) are listed; a figure without approval row is a draft.
    """
    role = _role(user)
    wanted = INBOX_STATUS.get(role) if role is not None else None
    if wanted is None:
        return []
    items = []
    for periode in periodes:
        keputusan = keputusan_for(periode)
        if keputusan is None:
            continue
        inds = keputusan.indikator.select_related("bidang").order_by("urutan")
        if role in (Role.STAF, Role.KABID):
            inds = inds.filter(bidang__kode=bidang_kode(user))
        states = {p.indikator_kode: p.status for p in status_map(periode).values()}
        for ind in inds:
            if states.get(ind.kode, Status.DRAFT) == wanted:
                items.append((ind, periode, wanted))
    return items


# -- budget ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Efisiensi:
    indikator_kode: str
    pagu: int
    realisasi: int
    penyerapan: Decimal | None
    capaian: Decimal | None

    @property
    def selisih(self) -> Decimal | None:
        if self.penyerapan is None or self.capaian is None:
            return None
        return self.capaian - self.penyerapan

    @property
    def efisien(self) -> bool | None:
        """LKjIP reading: performance achieved at or above the share of budget spent."""
        return None if self.selisih is None else self.selisih >= 0


def budget_leaves(tahun: int) -> list[Anggaran]:
    """The year's budget lines at their most detailed level: a programme line counts only when no
    kegiatan of it is listed, a kegiatan line only when none of its sub-kegiatan is (no double count)."""
    lines = list(Anggaran.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH, tahun=tahun))
    parents = set()
    for a in lines:
        if a.kode_sub_kegiatan:
            parents.add((a.kode_program, a.kode_kegiatan))
        if a.kode_kegiatan:
            parents.add((a.kode_program, ""))
    return [
        a for a in lines if (a.kode_program, a.kode_kegiatan) not in parents or a.kode_sub_kegiatan
    ]


def efficiency(tahun: int) -> list[Efisiensi]:
    """Per IKU: pagu and realisasi of its lines (leaf level), absorption, and the year's capaian."""
    from .achievement import penyerapan

    sums: dict[str, list[int]] = {}
    for a in budget_leaves(tahun):
        s = sums.setdefault(a.indikator_kode, [0, 0])
        s[0] += a.pagu
        s[1] += a.realisasi or 0
    out = []
    for kode, (pagu, real) in sorted(sums.items(), key=lambda kv: (kv[0] == "", kv[0])):
        c = capaian_for(kode, Periode(tahun)) if kode else None
        out.append(
            Efisiensi(kode, pagu, real, penyerapan(pagu, real), c.achievement if c else None)
        )
    return out


def approvals_filter(q: Q | None = None):
    return Persetujuan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH).filter(q or Q())


def figure_rows(
    tahun: int, triwulan: int | None = None, level: str = "kota", bacaan: str = "default"
) -> list[dict]:
    """The rows of `kinerja compute --format json` (contract section 3), for the CLI and the API."""
    from kinerja.indicators.engine import compute_figures, figure_row

    figs = compute_figures(tahun, triwulan, level=level, bacaan=bacaan)
    return enrich_rows([figure_row(f) for f in figs], Periode(tahun, triwulan), bacaan)
