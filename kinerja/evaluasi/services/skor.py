"""Scores of a year's worksheet: per sub-component, component and in all, for both sides.

Sub-component score = its weight x the mean value of its criteria (an unanswered criterion counts 0),
rounded half up to two decimals; a component's score is the sum of its sub-components' rounded
scores and the total the sum of the components', so every printed figure adds up (D155). Sums and
counts run in SQL.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from ..models import Evaluasi, SubKomponen

SISI = ("mandiri", "evaluator")
DUA = Decimal("0.01")


@dataclass
class SkorSub:
    sub: SubKomponen
    kriteria: int
    terjawab: dict[str, int]
    nilai: dict[str, Decimal]
    baris: list = field(default_factory=list)  # (kriteria, jawaban) for the worksheet page


@dataclass
class SkorKomponen:
    nomor: str
    nama: str
    bobot: Decimal
    sub: list[SkorSub] = field(default_factory=list)
    nilai: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SISI, Decimal(0)))


@dataclass
class Rekap:
    komponen: list[SkorKomponen]
    total: dict[str, Decimal]
    predikat: dict[str, str]
    lengkap: dict[str, bool]


def predikat(total: Decimal, batas: list[list[str]]) -> str:
    """The first grade whose threshold the total reaches (thresholds highest first)."""
    for nama, minimum in sorted(batas, key=lambda b: Decimal(b[1]), reverse=True):
        if total >= Decimal(minimum):
            return nama
    return batas[-1][0]


def rekap(evaluasi: Evaluasi) -> Rekap:
    on = Q(kriteria__jawaban__evaluasi=evaluasi)
    subs = (
        SubKomponen.objects.filter(komponen__lke=evaluasi.lke)
        .select_related("komponen")
        .annotate(
            n=Count("kriteria", distinct=True),
            s_mandiri=Sum("kriteria__jawaban__mandiri_nilai", filter=on),
            s_evaluator=Sum("kriteria__jawaban__evaluator_nilai", filter=on),
            j_mandiri=Count(
                "kriteria__jawaban", filter=on & Q(kriteria__jawaban__mandiri_nilai__isnull=False)
            ),
            j_evaluator=Count(
                "kriteria__jawaban", filter=on & Q(kriteria__jawaban__evaluator_nilai__isnull=False)
            ),
        )
        .order_by("komponen__nomor", "kode")
    )
    komponen: dict[str, SkorKomponen] = {}
    for s in subs:
        k = komponen.setdefault(
            s.komponen.nomor, SkorKomponen(s.komponen.nomor, s.komponen.nama, s.komponen.bobot)
        )
        nilai = {}
        for sisi in SISI:
            jumlah = getattr(s, f"s_{sisi}") or Decimal(0)
            nilai[sisi] = (
                (s.bobot * jumlah / s.n).quantize(DUA, ROUND_HALF_UP) if s.n else Decimal(0)
            )
            k.nilai[sisi] += nilai[sisi]
        k.sub.append(SkorSub(s, s.n, {x: getattr(s, f"j_{x}") for x in SISI}, nilai))
    daftar = list(komponen.values())
    total = {x: sum((k.nilai[x] for k in daftar), Decimal(0)) for x in SISI}
    return Rekap(
        komponen=daftar,
        total=total,
        predikat={x: predikat(total[x], evaluasi.lke.predikat) for x in SISI},
        lengkap={x: all(s.terjawab[x] == s.kriteria for k in daftar for s in k.sub) for x in SISI},
    )
