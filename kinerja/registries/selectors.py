"""Reads for the registry pages: filtered, counted and joined in SQL (no N+1, no Python loops)."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kinerja.lib.privacy import mask_nik
from kinerja.organisation.permissions import Area, can_view_records
from kinerja.regions.models import Wilayah

from .access import kabkota, layanan_visible, scoped
from .models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

NIK_RE = re.compile(r"^\d{16}$")


@dataclass(frozen=True)
class Window:
    """A period of the filters: the contract's cumulative window or an explicit date range."""

    start: dt.date | None
    end: dt.date | None

    @property
    def empty(self) -> bool:
        return self.start is None and self.end is None


def window(
    *,
    tahun: int | None = None,
    triwulan: int | None = None,
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
) -> Window:
    """An explicit range wins; else year Y or quarter Q of Y read cumulatively (1 Jan Y to end of Q),
    as the IKU read it, so a list filtered by a period shows the records behind that period's figure.
    """
    if dari or sampai:
        return Window(dari, sampai)
    if tahun:
        if triwulan:
            last_month = triwulan * 3
            nxt = dt.date(tahun + (last_month == 12), last_month % 12 + 1, 1)
            return Window(dt.date(tahun, 1, 1), nxt - dt.timedelta(days=1))
        return Window(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
    return Window(None, None)


def _dated(qs: QuerySet, field: str, w: Window) -> QuerySet:
    if w.start:
        qs = qs.filter(**{f"{field}__gte": w.start})
    if w.end:
        qs = qs.filter(**{f"{field}__lte": w.end})
    return qs


def _active(qs: QuerySet, w: Window) -> QuerySet:
    """Registrations active in W: daftar <= end(W) and (no selesai or selesai >= start(W))."""
    if w.end:
        qs = qs.filter(tanggal_daftar__lte=w.end)
    if w.start:
        qs = qs.filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=w.start))
    return qs


def _in_wilayah(qs: QuerySet, field: str, kode: str | None) -> QuerySet:
    """A kelurahan matches itself; a kecamatan matches itself and its kelurahan."""
    if not kode:
        return qs
    return qs.filter(Q(**{f"{field}_id": kode}) | Q(**{f"{field}__kode__startswith": kode + "."}))


def _person_search(prefix: str, q: str | None) -> Q | None:
    q = (q or "").strip()
    return _person_q(prefix, q) if q else None


def _person_q(prefix: str, q: str) -> Q:
    """The search condition of a stripped, non-empty query."""
    cond = Q(**{f"{prefix}id_lokal__iexact": q})
    if NIK_RE.match(q):
        # Sixteen digits are a NIK or a KK number, never part of a name: the indexes answer (D260).
        return cond | Q(**{f"{prefix}nik": q}) | Q(**{f"{prefix}no_kk": q})
    return cond | Q(**{f"{prefix}nama__icontains": q})


def _search(qs: QuerySet, prefix: str, q: str | None) -> QuerySet:
    cond = _person_search(prefix, q)
    return qs.filter(cond) if cond is not None else qs


def wilayah_choices(*, kecamatan: bool = True) -> list[tuple[str, str]]:
    """Kecamatan (as groups) and their kelurahan of this kab/kota, for filter and form selects."""
    rows = (
        Wilayah.objects.in_kabkota(kabkota())
        .filter(tingkat__in=["kecamatan", "kelurahan"])
        .order_by("kode")
    )
    out = []
    for w in rows:
        if w.tingkat == "kecamatan":
            if kecamatan:
                out.append((w.kode, f"Kec. {w.nama}"))
        else:
            out.append((w.kode, f"\u2003{w.nama}" if kecamatan else w.nama))
    return out


def orang_list(*, q=None, wilayah=None, jenis_kelamin=None) -> QuerySet:
    qs = scoped(Orang.objects.select_related("kelurahan"))
    qs = _search(qs, "", q)
    qs = _in_wilayah(qs, "kelurahan", wilayah)
    if jenis_kelamin:
        qs = qs.filter(jenis_kelamin=jenis_kelamin)
    return qs.order_by("nama", "pk")


def ppks_list(*, q=None, wilayah=None, jenis=None, lokasi=None, w: Window) -> QuerySet:
    qs = scoped(Ppks.objects.select_related("orang", "orang__kelurahan", "jenis"))
    qs = _search(qs, "orang__", q)
    qs = _in_wilayah(qs, "orang__kelurahan", wilayah)
    if jenis:
        qs = qs.filter(jenis_id=jenis)
    if lokasi:
        qs = qs.filter(lokasi=lokasi)
    return _active(qs, w).order_by("-tanggal_daftar", "-pk")


def psks_list(*, q=None, wilayah=None, jenis=None, bentuk=None, w: Window) -> QuerySet:
    qs = scoped(Psks.objects.select_related("jenis", "kelurahan")).annotate(
        jumlah_pelatihan=Count("pelatihan")
    )
    if q := (q or "").strip():
        cond = Q(kode_psks__iexact=q) | Q(nama__icontains=q)
        if NIK_RE.match(q):
            cond |= Q(nik=q)
        qs = qs.filter(cond)
    qs = _in_wilayah(qs, "kelurahan", wilayah)
    if jenis:
        qs = qs.filter(jenis_id=jenis)
    if bentuk:
        qs = qs.filter(bentuk=bentuk)
    return _active(qs, w).order_by("kode_psks")


def pelatihan_list(*, q=None, wilayah=None, jenis=None, w: Window) -> QuerySet:
    qs = scoped(
        Pelatihan.objects.select_related("kegiatan", "psks", "psks__jenis", "psks__kelurahan")
    )
    if q := (q or "").strip():
        qs = qs.filter(
            Q(kegiatan__kode_kegiatan__iexact=q)
            | Q(kegiatan__nama_kegiatan__icontains=q)
            | Q(psks__kode_psks__iexact=q)
            | Q(psks__nama__icontains=q)
        )
    qs = _in_wilayah(qs, "psks__kelurahan", wilayah)
    if jenis:
        qs = qs.filter(psks__jenis_id=jenis)
    return _dated(qs, "tanggal", w).order_by("-tanggal", "-pk")


def dtks_periode_list() -> QuerySet:
    return scoped(DtksPeriode.objects.annotate(jumlah=Count("anggota"))).order_by("-periode")


def dtks_list(*, periode: DtksPeriode | None, q=None, wilayah=None, desil=None) -> QuerySet:
    qs = scoped(DtksAnggota.objects.select_related("orang", "orang__kelurahan", "periode"))
    if periode is not None:
        qs = qs.filter(periode=periode)
    if q := (q or "").strip():
        cond = _person_q("orang__", q)
        if NIK_RE.match(q):
            cond |= Q(nik=q) | Q(no_kk=q)
        qs = qs.filter(cond)
    qs = _in_wilayah(qs, "orang__kelurahan", wilayah)
    if desil:
        qs = qs.filter(desil=desil)
    return qs.order_by("no_kk", "nik")


def layanan_list(user, *, q=None, wilayah=None, jenis=None, sumber_dana=None, w: Window):
    qs = scoped(Layanan.objects.select_related("orang", "orang__kelurahan", "jenis", "bencana"))
    qs = layanan_visible(user, qs)
    qs = _search(qs, "orang__", q)
    qs = _in_wilayah(qs, "orang__kelurahan", wilayah)
    if jenis:
        qs = qs.filter(jenis_id=jenis)
    if sumber_dana:
        qs = qs.filter(sumber_dana=sumber_dana)
    return _dated(qs, "tanggal", w).order_by("-tanggal", "-pk")


def bencana_list(*, q=None, wilayah=None, jenis=None, w: Window) -> QuerySet:
    qs = scoped(Bencana.objects.select_related("wilayah")).annotate(
        jumlah_korban=Count("korban", distinct=True)
    )
    if q := (q or "").strip():
        qs = qs.filter(Q(kode_kejadian__icontains=q) | Q(sub_jenis__icontains=q))
    qs = _in_wilayah(qs, "wilayah", wilayah)
    if jenis:
        qs = qs.filter(jenis=jenis)
    return _dated(qs, "tanggal_kejadian", w).order_by("-tanggal_kejadian", "-pk")


def korban_list(*, q=None, wilayah=None, kondisi=None, bencana=None, w: Window) -> QuerySet:
    qs = scoped(Korban.objects.select_related("orang", "orang__kelurahan", "bencana"))
    qs = _search(qs, "orang__", q)
    qs = _in_wilayah(qs, "bencana__wilayah", wilayah)
    if kondisi:
        qs = qs.filter(kondisi=kondisi)
    if bencana:
        qs = qs.filter(bencana__kode_kejadian=bencana)
    return _dated(qs, "bencana__tanggal_kejadian", w).order_by(
        "-bencana__tanggal_kejadian", "orang__nama", "pk"
    )


def bencana_choices() -> QuerySet:
    return scoped(Bencana.objects.all()).order_by("-tanggal_kejadian")


@dataclass
class PersonPage:
    """Everything known of one person, limited to the sections the viewer's Bidang may open."""

    ppks: QuerySet | None
    layanan: QuerySet | None
    dtks: QuerySet | None
    korban: QuerySet | None
    history: list


def person_page(user, orang: Orang, *, history_limit: int = 50) -> PersonPage:
    ppks = layanan = dtks = korban = None
    if can_view_records(user, Area.PPKS):
        ppks = orang.ppks.select_related("jenis", "impor").order_by("-tanggal_daftar")
    if can_view_records(user, Area.LAYANAN_REHAB) or can_view_records(user, Area.LAYANAN_LINJAMSOS):
        layanan = layanan_visible(
            user, orang.layanan.select_related("jenis", "bencana", "impor")
        ).order_by("-tanggal", "-pk")
    if can_view_records(user, Area.DTKS):
        dtks = orang.dtks.select_related("periode").order_by("-periode__periode")
    if can_view_records(user, Area.KORBAN):
        korban = orang.korban.select_related("bencana", "bencana__wilayah").order_by(
            "-bencana__tanggal_kejadian"
        )
    return PersonPage(ppks, layanan, dtks, korban, person_history(orang, limit=history_limit))


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryRow:
    date: dt.datetime
    user: str
    kind: str
    changes: list[Change]


HISTORY_KIND = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
HISTORY_HIDDEN = {"created_at", "created_by", "updated_by", "impor", "impor_baris", "kode_kabkota"}


def person_history(orang: Orang, *, limit: int = 50) -> list[HistoryRow]:
    """Field-level changes of the person (simple-history), newest first."""
    records = list(
        orang.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    rows = []
    for i, rec in enumerate(records[:limit]):
        prev = records[i + 1] if i + 1 < len(records) else None
        changes: list[Change] = []
        if prev is not None and rec.history_type == "~":
            delta = rec.diff_against(prev, excluded_fields=list(HISTORY_HIDDEN))
            for c in delta.changes:
                label = getattr(Orang._meta.get_field(c.field), "verbose_name", c.field)
                old, new = c.old, c.new
                if c.field in ("nik", "no_kk"):  # shown to every reader: mask as everywhere
                    old, new = mask_nik(old), mask_nik(new)
                changes.append(Change(str(label), old, new))
        who = rec.history_user.username if rec.history_user else ""
        rows.append(
            HistoryRow(rec.history_date, who, HISTORY_KIND.get(rec.history_type, ""), changes)
        )
    return rows
