"""A complete worksheet scored by hand: every sub-component, component total and the predikat."""

from decimal import Decimal

import pytest

from kinerja.evaluasi.models import Kriteria, SubKomponen
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, jawab
from kinerja.evaluasi.services.skor import predikat, rekap

# The evaluator's answers per sub-component, criterion by criterion (88/2021 worksheet: 80 criteria).
EVALUATOR = {
    "1.a": ["Ya"] * 5 + ["Tidak"],  # 6 x 5/6 = 5.00
    "1.b": ["B"] * 11,  # 9 x 0.75 = 6.75
    "1.c": ["A"] * 4 + ["C"] * 4,  # 15 x 0.75 = 11.25   -> component 1: 23.00
    "2.a": ["Ya", "Ya", "Tidak"],  # 6 x 2/3 = 4.00
    "2.b": ["C"] * 7,  # 9 x 0.5 = 4.50
    "2.c": ["D"] * 10,  # 15 x 0.25 = 3.75     -> component 2: 12.25
    "3.a": ["Ya"] * 6,  # 3.00
    "3.b": ["B"] * 9,  # 4.5 x 0.75 = 3.375 -> 3.38 (half up)
    "3.c": ["E"] * 7,  # 0.00                  -> component 3: 6.38
    "4.a": ["Ya", "Tidak", "Tidak"],  # 5 x 1/3 = 1.666.. -> 1.67
    "4.b": ["A", "B", "C", "D", "E"],  # 7.5 x 0.5 = 3.75
    "4.c": ["A"] * 5,  # 12.50                 -> component 4: 17.92
}
SUB = {
    "1.a": "5.00", "1.b": "6.75", "1.c": "11.25", "2.a": "4.00", "2.b": "4.50", "2.c": "3.75",
    "3.a": "3.00", "3.b": "3.38", "3.c": "0.00", "4.a": "1.67", "4.b": "3.75", "4.c": "12.50",
}  # fmt: skip
KOMPONEN = {"1": "23.00", "2": "12.25", "3": "6.38", "4": "17.92"}


@pytest.fixture
def evaluasi(db):
    return evaluasi_tahun(2025)


def test_the_built_in_worksheet_is_the_regulations(evaluasi):
    subs = SubKomponen.objects.filter(komponen__lke=evaluasi.lke)
    assert {s.kode: str(s.bobot) for s in subs} == {
        "1.a": "6.00", "1.b": "9.00", "1.c": "15.00", "2.a": "6.00", "2.b": "9.00",
        "2.c": "15.00", "3.a": "3.00", "3.b": "4.50", "3.c": "7.50", "4.a": "5.00",
        "4.b": "7.50", "4.c": "12.50",
    }  # fmt: skip
    assert Kriteria.objects.filter(sub_komponen__komponen__lke=evaluasi.lke).count() == 80
    assert {k: len(v) for k, v in EVALUATOR.items()} == {s.kode: s.kriteria.count() for s in subs}


def test_a_complete_worksheet_scores_as_counted_by_hand(evaluasi, users):
    for sub, answers in EVALUATOR.items():
        kriteria = Kriteria.objects.filter(
            sub_komponen__kode=sub, sub_komponen__komponen__lke=evaluasi.lke
        ).order_by("nomor")
        for k, answer in zip(kriteria, answers, strict=True):
            jawab(user=users["auditor"], evaluasi=evaluasi, kriteria=k, jawaban=answer, catatan="")
            best = "Ya" if k.sub_komponen.skala == "ya_tidak" else "A"
            jawab(user=users["perencana"], evaluasi=evaluasi, kriteria=k, jawaban=best, catatan="")
    r = rekap(evaluasi)
    assert {s.sub.kode: str(s.nilai["evaluator"]) for k in r.komponen for s in k.sub} == SUB
    assert {k.nomor: str(k.nilai["evaluator"]) for k in r.komponen} == KOMPONEN
    assert r.total["evaluator"] == Decimal("59.55")
    assert r.predikat["evaluator"] == "CC"
    assert r.total["mandiri"] == Decimal("100.00")
    assert r.predikat["mandiri"] == "AA"
    assert r.lengkap == {"mandiri": True, "evaluator": True}


def test_an_unanswered_criterion_counts_zero_and_marks_the_worksheet_incomplete(evaluasi, users):
    k = Kriteria.objects.get(
        sub_komponen__kode="4.c", nomor=1, sub_komponen__komponen__lke=evaluasi.lke
    )
    jawab(user=users["auditor"], evaluasi=evaluasi, kriteria=k, jawaban="A", catatan="")
    r = rekap(evaluasi)
    assert r.total["evaluator"] == Decimal("2.50")  # 12.5 x 1/5
    assert r.predikat["evaluator"] == "D"
    assert r.lengkap["evaluator"] is False
    assert r.total["mandiri"] == Decimal("0.00")


@pytest.mark.parametrize(
    "total,expected",
    [("100", "AA"), ("90", "AA"), ("89.99", "A"), ("80", "A"), ("79.99", "BB"), ("70", "BB"),
     ("60", "B"), ("59.99", "CC"), ("50", "CC"), ("30", "C"), ("29.99", "D"), ("0", "D")],
)  # fmt: skip
def test_predikat_thresholds(evaluasi, total, expected):
    assert predikat(Decimal(total), evaluasi.lke.predikat) == expected
