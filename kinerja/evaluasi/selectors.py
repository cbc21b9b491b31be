"""Reads of the evaluation for other apps (documents, the e-SAKIP export)."""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import Bukti, Evaluasi, Jawaban, Kriteria
from .services.jawaban import evaluasi_tahun
from .services.skor import Rekap, rekap


@dataclass
class Baris:
    per_sub: dict[int, list[tuple[Kriteria, Jawaban | None]]]
    bukti: dict[int, int]  # jawaban id -> number of evidence items
    # every evidence item, links and uploaded files, in worksheet order
    daftar_bukti: list[Bukti] = field(default_factory=list)


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
    daftar = list(
        Bukti.objects.filter(jawaban__evaluasi=evaluasi)
        .select_related("jawaban__kriteria__sub_komponen__komponen")
        .order_by(
            "jawaban__kriteria__sub_komponen__komponen__nomor",
            "jawaban__kriteria__sub_komponen__kode",
            "jawaban__kriteria__nomor",
            "dibuat_pada",
            "id",
        )
    )
    return evaluasi, rekap(evaluasi), Baris(per_sub, bukti, daftar)
