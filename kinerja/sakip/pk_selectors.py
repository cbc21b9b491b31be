"""Reads of the PK: what a PK Perubahan changed, the newest version of each position's PK, the
budget behind a PK's programmes and kegiatan."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from .models import IndikatorPK, PerjanjianKinerja, Simpul, Tingkat
from .selectors import anggaran_of
from .services.pk import TARGET_FIELDS


@dataclass
class Perubahan:
    kode: str
    nama: str
    apa: str
    sebelum: str
    sesudah: str


LABEL = {
    "target_tahun": "Target tahunan",
    "target_tw1": "Target TW I",
    "target_tw2": "Target TW II",
    "target_tw3": "Target TW III",
    "target_tw4": "Target TW IV",
}


def _txt(v: Decimal | None) -> str:
    return "–" if v is None else f"{v.normalize():f}".replace(".", ",")


def perubahan_of(pk: PerjanjianKinerja) -> list[Perubahan]:
    """What a PK Perubahan changed against the version it replaces: indicators in or out, targets."""
    if pk.menggantikan is None:
        return []
    old = {r.indikator_id: r for r in pk.menggantikan.indikator.select_related("indikator")}
    new = {r.indikator_id: r for r in pk.indikator.select_related("indikator")}
    out = []
    for ind_id, r in new.items():
        if ind_id not in old:
            out.append(
                Perubahan(
                    r.indikator.kode,
                    r.indikator.nama,
                    "Indikator ditambahkan",
                    "–",
                    _txt(r.target_tahun),
                )
            )
            continue
        for f in TARGET_FIELDS:
            a, b = getattr(old[ind_id], f), getattr(r, f)
            if a != b:
                out.append(
                    Perubahan(r.indikator.kode, r.indikator.nama, LABEL[f], _txt(a), _txt(b))
                )
    for ind_id, r in old.items():
        if ind_id not in new:
            out.append(
                Perubahan(
                    r.indikator.kode,
                    r.indikator.nama,
                    "Indikator dihapus",
                    _txt(r.target_tahun),
                    "–",
                )
            )
    return out


def pk_latest(jabatan_ids: list[int], tahun: int) -> QuerySet[PerjanjianKinerja]:
    """The newest version of each position's PK of `tahun`."""
    return (
        PerjanjianKinerja.objects.filter(
            jabatan_id__in=jabatan_ids, tahun=tahun, perubahan__isnull=True
        )
        .select_related("jabatan", "jabatan__bidang")
        .order_by("jabatan__urutan", "jabatan_id")
    )


@dataclass
class BarisAnggaran:
    kode: str
    uraian: str
    tingkat: str
    pagu: int


def anggaran_pk(pk: PerjanjianKinerja) -> list[BarisAnggaran]:
    """The programmes (Kepala Dinas: every programme of the tree) or the nodes of the PK's
    indicators, each with its budget of the year summed in SQL from `anggaran` by code."""
    if pk.jabatan.jenis == "kepala_dinas":
        nodes = Simpul.objects.filter(renstra=pk.renstra, tingkat=Tingkat.PROGRAM)
    else:
        ids = IndikatorPK.objects.filter(pk_dokumen=pk).values("indikator__simpul_id")
        nodes = Simpul.objects.filter(pk__in=ids)
    out = []
    for node in nodes.select_related("induk__induk").order_by("urutan", "id"):
        pagu = anggaran_of(node, pk.tahun).aggregate(s=Sum("pagu"))["s"] or 0
        out.append(BarisAnggaran(node.kode, node.uraian, node.get_tingkat_display(), pagu))
    return out
