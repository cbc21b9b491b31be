"""Import of a Renstra's tree from the XLSX template (sheets `Pohon` and `Indikator`).

Rows are read in order, so a node's parent must stand above it (or be in the Renstra already). A row
that breaks the tree (unknown level, a code twice, a missing or wrong-level parent, an indicator
without satuan, ...) is rejected with its sheet, row and reason and changes nothing; accepted +
rejected = rows read. A code already in the Renstra updates that node or indicator; an empty cell
means "not given", never "erase". The whole import is one audit entry listing what it created and
changed; every row also keeps its own history (simple_history).
"""

from decimal import Decimal
from pathlib import Path
from typing import IO

from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.indicators.models import Indikator, Polaritas
from kinerja.lib import parsing
from kinerja.organisation.models import Bidang

from ..models import (
    INDUK_TINGKAT,
    Frekuensi,
    IndikatorKinerja,
    JenisIndikator,
    Renstra,
    Simpul,
    TargetIndikator,
    Tingkat,
)
from .lembar import (
    INDIKATOR,
    INDIKATOR_REQUIRED,
    POHON,
    POHON_REQUIRED,
    TINGKAT_NAMA,
    FileUnusable,
    HasilImpor,
    Tolakan,
    check_header,
    read_sheets,
    target_years,
)
from .renstra import tree_refusal

__all__ = ["FileUnusable", "HasilImpor", "Tolakan", "pohon_impor"]


class _Tolak(Exception):
    pass


class _Pohon:
    """The tree as it stands during the import: nodes by code, bidang by code, IKU codes."""

    def __init__(self, renstra: Renstra) -> None:
        self.renstra = renstra
        self.simpul = {s.kode.lower(): s for s in renstra.simpul.all()}
        self.by_id = {s.pk: s for s in self.simpul.values()}
        self.indikator = {i.kode.lower(): i for i in renstra.indikator.all()}
        self.bidang = {
            b.kode: b for b in Bidang.objects.filter(organisasi__kode_wilayah=renstra.kode_kabkota)
        }
        self.iku = set(
            Indikator.objects.filter(
                keputusan__kode_wilayah=renstra.kode_kabkota,
                keputusan__periode_awal__lte=renstra.periode_akhir,
                keputusan__periode_akhir__gte=renstra.periode_awal,
            ).values_list("kode", flat=True)
        )
        self.seen_simpul: dict[str, int] = {}
        self.seen_indikator: dict[str, int] = {}

    def bidang_of(self, simpul: Simpul) -> Bidang | None:
        node: Simpul | None = simpul
        while node is not None:
            if node.bidang_id:
                return node.bidang
            node = self.by_id.get(node.induk_id) if node.induk_id else None
        return None

    def get_bidang(self, value: str) -> Bidang | None:
        if not value:
            return None
        bidang = self.bidang.get(value.strip().lower())
        if bidang is None:
            raise _Tolak(
                f"bidang '{value}' tidak dikenal (pakai: {', '.join(sorted(self.bidang))})"
            )
        return bidang


def _save(obj, fields: dict, hasil: HasilImpor, label: str) -> None:
    """Create or update `obj` with `fields`; note what changed."""
    if obj.pk is None:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        hasil.dibuat.append(label)
        return
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value)]
            setattr(obj, name, value)
    if changes:
        obj.save()
        hasil.diubah[label] = changes


def _simpul_row(pohon: _Pohon, number: int, v: dict[str, str], hasil: HasilImpor) -> None:
    tingkat = v.get("tingkat", "").lower().replace("-", "_").replace(" ", "_")
    if tingkat not in INDUK_TINGKAT:
        raise _Tolak(
            f"tingkat '{v.get('tingkat', '')}' tidak dikenal (pakai: {', '.join(INDUK_TINGKAT)})"
        )
    kode = v.get("kode", "")
    if not kode:
        raise _Tolak("kode wajib diisi")
    if kode.lower() in pohon.seen_simpul:
        raise _Tolak(f"kode {kode} sudah dipakai di baris {pohon.seen_simpul[kode.lower()]}")
    if not v.get("uraian"):
        raise _Tolak("uraian wajib diisi")
    want = INDUK_TINGKAT[tingkat]
    induk_kode = v.get("induk", "")
    induk = None
    if want is None and induk_kode:
        raise _Tolak("tujuan tidak boleh punya induk")
    if want is not None:
        if not induk_kode:
            raise _Tolak(
                f"{TINGKAT_NAMA[tingkat]} tanpa induk: isi kolom induk dengan kode {TINGKAT_NAMA[want]}"
            )
        induk = pohon.simpul.get(induk_kode.lower())
        if induk is None:
            raise _Tolak(
                f"{TINGKAT_NAMA[tingkat]} tanpa {TINGKAT_NAMA[want]}: induk {induk_kode} tidak ada"
            )
        if induk.tingkat != want:
            raise _Tolak(
                f"induk {induk_kode} adalah {TINGKAT_NAMA[induk.tingkat]}, "
                f"padahal induk {TINGKAT_NAMA[tingkat]} harus {TINGKAT_NAMA[want]}"
            )
    bidang = pohon.get_bidang(v.get("bidang", ""))
    existing = pohon.simpul.get(kode.lower())
    if (
        tingkat == Tingkat.PROGRAM
        and bidang is None
        and (existing is None or not existing.bidang_id)
    ):
        raise _Tolak("program wajib punya bidang penanggung jawab")
    if existing is not None and existing.tingkat != tingkat:
        raise _Tolak(
            f"kode {kode} sudah dipakai oleh {TINGKAT_NAMA[existing.tingkat]} di Renstra ini"
        )
    node = existing or Simpul(renstra=pohon.renstra, kode=kode, tingkat=tingkat)
    fields: dict = {"induk": induk, "uraian": v["uraian"], "urutan": number}
    for name in ("sasaran", "seksi"):
        if v.get(name):
            fields[name] = v[name]
    if bidang is not None:
        fields["bidang"] = bidang
    _save(node, fields, hasil, f"simpul {kode}")
    pohon.simpul[kode.lower()] = node
    pohon.by_id[node.pk] = node
    pohon.seen_simpul[kode.lower()] = number


def _indikator_row(
    pohon: _Pohon, number: int, v: dict[str, str], years: dict[str, int], hasil: HasilImpor
) -> None:
    simpul = pohon.simpul.get(v.get("simpul", "").lower())
    if simpul is None:
        raise _Tolak(
            f"simpul '{v.get('simpul', '')}' tidak ada di lembar Pohon atau di Renstra ini"
        )
    kode = v.get("kode", "")
    if not kode:
        raise _Tolak("kode wajib diisi")
    if kode.lower() in pohon.seen_indikator:
        raise _Tolak(f"kode {kode} sudah dipakai di baris {pohon.seen_indikator[kode.lower()]}")
    if not v.get("indikator"):
        raise _Tolak("nama indikator wajib diisi")
    jenis = v.get("jenis", "").lower()
    if jenis not in JenisIndikator.values:
        raise _Tolak(f"jenis '{v.get('jenis', '')}' tidak dikenal (pakai: diketik, dihitung)")
    if not v.get("satuan"):
        raise _Tolak("indikator tanpa satuan: isi kolom satuan")
    polaritas = (v.get("polaritas") or Polaritas.NAIK).lower()
    if polaritas not in Polaritas.values:
        raise _Tolak(f"polaritas '{v['polaritas']}' tidak dikenal (pakai: naik, turun)")
    frekuensi = (v.get("frekuensi") or Frekuensi.TRIWULAN).lower()
    if frekuensi not in Frekuensi.values:
        raise _Tolak(f"frekuensi '{v['frekuensi']}' tidak dikenal (pakai: triwulan, bulan)")
    bidang = pohon.get_bidang(v.get("bidang", "")) or pohon.bidang_of(simpul)
    iku = v.get("iku", "").upper()
    targets: dict[int, Decimal] = {}
    for column, tahun in years.items():
        if v.get(column):
            try:
                targets[tahun] = parsing.angka(v[column], label=column)
            except parsing.ParseError as exc:
                raise _Tolak(str(exc)) from None
    if jenis == JenisIndikator.DIHITUNG:
        if iku not in pohon.iku:
            raise _Tolak(
                f"indikator dihitung perlu kode IKU katalog periode ini; '{iku}' tidak ada"
            )
        if targets:
            raise _Tolak("target indikator dihitung diisi di halaman Target Renstra dan PK IKU")
    elif bidang is None:
        raise _Tolak("indikator diketik perlu bidang penanggung jawab (kolom bidang)")
    existing = pohon.indikator.get(kode.lower())
    ind = existing or IndikatorKinerja(renstra=pohon.renstra, kode=kode)
    fields = {
        "simpul": simpul,
        "nama": v["indikator"],
        "jenis": jenis,
        "iku_kode": iku if jenis == JenisIndikator.DIHITUNG else "",
        "satuan": v["satuan"],
        "polaritas": polaritas,
        "frekuensi": frekuensi,
        "bidang": bidang,
        "urutan": number,
    }
    _save(ind, fields, hasil, f"indikator {kode}")
    for tahun, nilai in targets.items():
        target = TargetIndikator.objects.filter(indikator=ind, tahun=tahun, periode=None).first()
        _save(
            target or TargetIndikator(indikator=ind, tahun=tahun),
            {"nilai": nilai},
            hasil,
            f"target {kode} {tahun}",
        )
    pohon.indikator[kode.lower()] = ind
    pohon.seen_indikator[kode.lower()] = number


class _DryRun(Exception):
    pass


def pohon_impor(
    *, renstra: Renstra, source: Path | IO[bytes], user, dry_run: bool = False
) -> HasilImpor:
    """Import the template into `renstra`; raises FileUnusable (nothing saved)."""
    if refusal := tree_refusal(renstra):
        raise FileUnusable(refusal)
    sheets = read_sheets(source)
    pohon_rows = sheets[POHON]
    check_header(POHON, pohon_rows[0][1], POHON_REQUIRED)
    indikator_rows = sheets.get(INDIKATOR, [(0, {})])
    years: dict[str, int] = {}
    if len(indikator_rows) > 1:
        check_header(INDIKATOR, indikator_rows[0][1], INDIKATOR_REQUIRED)
        years = target_years(indikator_rows[0][1], renstra)
    hasil = HasilImpor()
    try:
        with transaction.atomic():
            pohon = _Pohon(renstra)
            for lembar, rows in ((POHON, pohon_rows[1:]), (INDIKATOR, indikator_rows[1:])):
                for number, values in rows:
                    hasil.rows_read += 1
                    try:
                        with transaction.atomic():
                            if lembar == POHON:
                                _simpul_row(pohon, number, values, hasil)
                            else:
                                _indikator_row(pohon, number, values, years, hasil)
                    except _Tolak as exc:
                        hasil.tolakan.append(Tolakan(lembar, number, values, str(exc)))
                        continue
                    hasil.accepted += 1
            if dry_run:
                raise _DryRun
            audit_record(
                user=user,
                aksi="pohon_impor",
                objek_jenis="renstra",
                objek_id=str(renstra.pk),
                sesudah={
                    "baris": hasil.rows_read,
                    "diterima": hasil.accepted,
                    "ditolak": hasil.rejected,
                    "dibuat": hasil.dibuat,
                    "diubah": hasil.diubah,
                },
            )
    except _DryRun:
        pass
    return hasil
