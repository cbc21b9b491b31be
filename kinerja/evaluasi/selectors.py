"""Reads of the evaluation for other apps (documents, the e-SAKIP export)."""

from dataclasses import dataclass

from django.db.models import Count

from .models import Evaluasi, Jawaban, Kriteria
from .services.jawaban import evaluasi_tahun
from .services.skor import Rekap, rekap


@dataclass
class Baris:
    per_sub: dict[int, list[tuple[Kriteria, Jawaban | None]]]
    bukti: dict[int, int]  # jawaban id -> number of evidence items


def lembar_kerja(tahun: int) -> tuple[Evaluasi, Rekap, Baris] | None:
    """A year's worksheet: the evaluation, its scores, and each sub-component's criteria with answers."""
    evaluasi = evaluasi_tahun(tahun)
    if evaluasi is None:
        return None
    jawaban = {j.kriteria_id: j for j in Jawaban.objects.filter(evaluasi=evaluasi)}
    bukti = dict(
        Jawaban.objects.filter(evaluasi=evaluasi).annotate(n=Count("bukti")).values_list("pk", "n")
    )
    per_sub: dict[int, list[tuple[Kriteria, Jawaban | None]]] = {}
    for k in Kriteria.objects.filter(sub_komponen__komponen__lke=evaluasi.lke).order_by(
        "sub_komponen__komponen__nomor", "sub_komponen__kode", "nomor"
    ):
        per_sub.setdefault(k.sub_komponen_id, []).append((k, jawaban.get(k.pk)))
    return evaluasi, rekap(evaluasi), Baris(per_sub, bukti)
