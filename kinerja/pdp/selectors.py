"""Everything the Dinas holds about one person, and who looked at it (UU 27/2022, data-subject request).

One person's rows are few: they are read into Python here, which a registry-wide function must never do.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.utils import timezone

from kinerja.audit.models import AksesDataPribadi, AuditEntry
from kinerja.registries.access import scoped
from kinerja.registries.models import (
    DtksAnggota,
    Impor,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

NIK_RE = re.compile(r"^\d{16}$")
HISTORY_KIND = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
# Bookkeeping columns of every record: shown elsewhere (source, author), not as changes.
HISTORY_HIDDEN = {
    "id", "created_at", "created_by", "updated_by", "impor", "impor_baris", "kode_kabkota",
    "orang", "history_id", "history_date", "history_type", "history_user",
    "history_change_reason",
}  # fmt: skip


def orang_cari(identifier: str) -> Orang | None:
    """The person of this deployment with that NIK (16 digits) or, failing that, that ID lokal."""
    text = (identifier or "").strip()
    if not text:
        return None
    qs = scoped(Orang.objects.select_related("kelurahan", "impor", "updated_by"))
    if NIK_RE.match(text):
        found = qs.filter(nik=text).first()
        if found is not None:
            return found
    return qs.filter(id_lokal=text).first()


@dataclass(frozen=True)
class Perubahan:
    kolom: str
    lama: object
    baru: object


@dataclass(frozen=True)
class Peristiwa:
    """One row of a record's field-level history (simple-history)."""

    waktu: dt.datetime
    pengguna: str
    jenis: str
    rekaman: str
    perubahan: list[Perubahan]
    alasan: str = ""


@dataclass(frozen=True)
class ImporTerkait:
    impor: Impor
    rekaman: list[str]


@dataclass
class LaporanSubjek:
    orang: Orang
    dibuat: dt.datetime
    ppks: list[Ppks] = field(default_factory=list)
    layanan: list[Layanan] = field(default_factory=list)
    dtks: list[DtksAnggota] = field(default_factory=list)
    korban: list[Korban] = field(default_factory=list)
    psks: list[Psks] = field(default_factory=list)
    pelatihan: list[Pelatihan] = field(default_factory=list)
    impor: list[ImporTerkait] = field(default_factory=list)
    riwayat: list[Peristiwa] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    akses: list[AksesDataPribadi] = field(default_factory=list)


def _label(model: type[Model]) -> str:
    return str(model._meta.verbose_name)


def _history(qs: QuerySet, model: type[Model]) -> list[Peristiwa]:
    """Each history row compared with the previous row of the same record: old and new values."""
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in HISTORY_HIDDEN and f.name != "updated_at"
    ]
    labels = {f.attname: str(f.verbose_name) for f in model._meta.concrete_fields}
    out: list[Peristiwa] = []
    previous: dict[int, dict] = {}
    for rec in qs.select_related("history_user").order_by("id", "history_date", "history_id"):
        values = {n: getattr(rec, n) for n in names}
        before = previous.get(rec.id)
        changes = []
        if before is not None and rec.history_type == "~":
            changes = [
                Perubahan(labels[n], before[n], values[n]) for n in names if before[n] != values[n]
            ]
        previous[rec.id] = values
        if rec.history_type == "+" and model is not Orang:
            # A record's creation is its row in sections 2-6 and its import in section 7; listing
            # each again would double a long report (and its PDF time) for nothing new.
            continue
        out.append(
            Peristiwa(
                waktu=rec.history_date,
                pengguna=rec.history_user.username if rec.history_user else "",
                jenis=HISTORY_KIND.get(rec.history_type, ""),
                rekaman=f"{_label(model)} #{rec.id}",
                perubahan=changes,
                alasan=rec.history_change_reason or "",
            )
        )
    return out


def _imports(pairs: list[tuple[str, int | None, int | None]]) -> list[ImporTerkait]:
    """(record label, impor id, row) triples -> each import once, with the rows it wrote."""
    by_impor: dict[int, list[str]] = {}
    for label, impor_id, baris in pairs:
        if impor_id is None:
            continue
        rows = by_impor.setdefault(impor_id, [])
        text = f"{label}, baris {baris}" if baris else label
        if text not in rows:
            rows.append(text)
    impor = Impor.objects.select_related("pengguna").filter(pk__in=by_impor).order_by("mulai")
    return [ImporTerkait(i, by_impor[i.pk]) for i in impor]


def subject_report(orang: Orang) -> LaporanSubjek:
    """Identity, every record, the imports that wrote them, their history, the audit entries of the
    person (corrections with their reasons) and every logged look at the person."""
    rep = LaporanSubjek(orang=orang, dibuat=timezone.now())
    rep.ppks = list(orang.ppks.select_related("jenis", "impor").order_by("tanggal_daftar", "pk"))
    rep.layanan = list(
        orang.layanan.select_related("jenis", "bencana", "impor").order_by("tanggal", "pk")
    )
    rep.dtks = list(orang.dtks.select_related("periode", "impor").order_by("periode__periode"))
    rep.korban = list(
        orang.korban.select_related("bencana", "bencana__wilayah", "impor").order_by("pk")
    )
    if orang.nik:
        rep.psks = list(scoped(Psks.objects.filter(nik=orang.nik)).select_related("jenis", "impor"))
        rep.pelatihan = list(
            Pelatihan.objects.filter(psks__in=rep.psks)
            .select_related("kegiatan", "psks")
            .order_by("tanggal")
        )

    histories: list[tuple[type[Model], QuerySet]] = [
        (Orang, Orang.history.filter(id=orang.pk)),
        (Ppks, Ppks.history.filter(orang_id=orang.pk)),
        (Layanan, Layanan.history.filter(orang_id=orang.pk)),
        (DtksAnggota, DtksAnggota.history.filter(orang_id=orang.pk)),
        (Korban, Korban.history.filter(orang_id=orang.pk)),
        (Psks, Psks.history.filter(id__in=[p.pk for p in rep.psks])),
        (Pelatihan, Pelatihan.history.filter(id__in=[p.pk for p in rep.pelatihan])),
    ]
    pairs: list[tuple[str, int | None, int | None]] = []
    for model, qs in histories:
        rep.riwayat.extend(_history(qs, model))
        pairs.extend(
            (f"{_label(model)} #{i}", impor_id, baris)
            for i, impor_id, baris in qs.values_list("id", "impor_id", "impor_baris")
        )
    current = [orang, *rep.ppks, *rep.layanan, *rep.dtks, *rep.korban, *rep.psks, *rep.pelatihan]
    pairs.extend((f"{_label(type(r))} #{r.pk}", r.impor_id, r.impor_baris) for r in current)
    rep.impor = _imports(pairs)
    rep.riwayat.sort(key=lambda p: p.waktu)
    rep.audit = list(
        AuditEntry.objects.filter(objek_jenis="registries.orang", objek_id=str(orang.pk)).order_by(
            "id"
        )
    )
    rep.akses = list(AksesDataPribadi.objects.filter(orang_id=orang.pk).order_by("waktu", "pk"))
    return rep
