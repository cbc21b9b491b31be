"""Which registry area a record belongs to, and one permission-scoped getter per model.

The rules themselves live in `kinerja.organisation.permissions`; this module only knows how the
registry's records map onto its areas (healthchecks' `_get_check_for_user`, one per model).
"""

from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, Manager, Model, OuterRef, Q, QuerySet
from django.http import Http404

from kinerja.indicators.models import Keluarga
from kinerja.organisation.permissions import (
    AREA_BIDANG,
    Area,
    Identitas,
    can_change,
    can_reach_upload,
    can_view_records,
    identitas,
    require_change,
    require_view_records,
)

from .models import (
    Bencana,
    DtksAnggota,
    Impor,
    JenisLayanan,
    KegiatanPelatihan,
    KelompokLayanan,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)

_M = TypeVar("_M", bound=Model)

# Registries whose records are people (Orang): a person page is theirs to open.
PERSON_AREAS = (Area.PPKS, Area.LAYANAN_REHAB, Area.DTKS, Area.LAYANAN_LINJAMSOS, Area.KORBAN)
LAYANAN_AREAS = (Area.LAYANAN_REHAB, Area.LAYANAN_LINJAMSOS)

# D21: a basic-needs service given outside a disaster is Rehabilitasi Sosial's (IKU-2); every other
# service (child care, social assistance, disaster aid, basic needs given for an event) is
# Linjamsos' (IKU-3A, 3B, 4).
LAYANAN_REHAB_Q = Q(jenis__kelompok=KelompokLayanan.DASAR, bencana__isnull=True)


def layanan_area(layanan: Layanan) -> Area:
    rehab = layanan.jenis.kelompok == KelompokLayanan.DASAR and layanan.bencana_id is None
    return Area.LAYANAN_REHAB if rehab else Area.LAYANAN_LINJAMSOS


def jenis_layanan_area(kelompok: str, *, with_bencana: bool) -> Area:
    if kelompok == KelompokLayanan.DASAR and not with_bencana:
        return Area.LAYANAN_REHAB
    return Area.LAYANAN_LINJAMSOS


def kabkota() -> str:
    return settings.KINERJA_KODE_WILAYAH


def scoped(qs: QuerySet[_M] | Manager[_M]) -> QuerySet[_M]:
    """Only this deployment's kab/kota (contract section 0)."""
    return qs.filter(kode_kabkota=kabkota())


def can_view_orang(user) -> bool:
    return any(can_view_records(user, a) for a in PERSON_AREAS)


def can_change_orang(user) -> bool:
    return any(can_change(user, a) for a in PERSON_AREAS)


def require_view_orang(user) -> None:
    if not can_view_orang(user):
        raise PermissionDenied("Anda tidak berhak membuka data orang.")


def require_change_orang(user) -> None:
    if not can_change_orang(user):
        raise PermissionDenied("Anda tidak berhak mengubah data orang.")


def layanan_visible(user, qs: QuerySet) -> QuerySet:
    """The services this user may open: the areas of their Bidang, or all for readers of all."""
    rehab = can_view_records(user, Area.LAYANAN_REHAB)
    linjamsos = can_view_records(user, Area.LAYANAN_LINJAMSOS)
    if rehab and linjamsos:
        return qs
    if rehab:
        return qs.filter(LAYANAN_REHAB_Q)
    if linjamsos:
        return qs.exclude(LAYANAN_REHAB_Q)
    return qs.none()


def require_view_layanan(user) -> None:
    if not any(can_view_records(user, a) for a in LAYANAN_AREAS):
        raise PermissionDenied("Registri layanan ini milik bidang lain.")


# D60: the registry an indicator's units come from, whose readers may know who the units are.
# IKU-3A's children are registered as PPKS (anak_telantar) but served and counted by Perlindungan
# dan Jaminan Sosial (its pengasuhan and pelatihan): they are that Bidang's to know, not Rehabilitasi
# Sosial's, who would otherwise learn which child got which Linjamsos service.
KELUARGA_AREA: dict[str, Area] = {
    Keluarga.PSKS_PELATIHAN: Area.PSKS,
    Keluarga.PPKS_LAYANAN: Area.PPKS,
    Keluarga.ANAK_LAYANAN: Area.LAYANAN_LINJAMSOS,
    Keluarga.DTKS_LAYANAN: Area.DTKS,
    Keluarga.KORBAN_LAYANAN: Area.KORBAN,
}
JENIS_PPKS_ANAK = "anak_telantar"  # IKU-3A's registrations (contract section 2)


def identitas_unit(user, keluarga: str) -> Identitas:
    """How much of the identity of an indicator's units `user` may see (D60)."""
    return identitas(user, KELUARGA_AREA[keluarga])


def _rehab_by_code() -> Q:
    """LAYANAN_REHAB_Q with the basic-needs kinds as a list of codes, not a join per person (D260):
    with the join PostgreSQL probed the services once per kind for every person a search matched."""
    dasar = JenisLayanan.objects.filter(kelompok=KelompokLayanan.DASAR)
    return Q(jenis_id__in=list(dasar.values_list("kode", flat=True)), bencana__isnull=True)


def _orang_in_area(area: Area) -> Q:
    """People with a record in `area` (as an Exists on the person row)."""
    orang = OuterRef("pk")
    if area == Area.PPKS:
        return Q(Exists(Ppks.objects.filter(orang=orang)))
    if area == Area.LAYANAN_REHAB:
        return Q(Exists(Layanan.objects.filter(_rehab_by_code(), orang=orang)))
    if area == Area.LAYANAN_LINJAMSOS:
        served = Exists(Layanan.objects.exclude(_rehab_by_code()).filter(orang=orang))
        anak = Exists(Ppks.objects.filter(orang=orang, jenis_id=JENIS_PPKS_ANAK))
        return Q(served) | Q(anak)
    if area == Area.DTKS:
        return Q(Exists(DtksAnggota.objects.filter(orang=orang)))
    if area == Area.KORBAN:
        return Q(Exists(Korban.objects.filter(orang=orang)))
    raise ValueError(area)


def orang_visible(user, qs: QuerySet) -> QuerySet:
    """The people whose identity `user` may see (D60): those with a record in a registry of people
    the user reads, or with no record yet (just added; nothing about them belongs to a Bidang).
    A filter in SQL, so lists, search, exports and the person page share it.
    """
    readable = [a for a in PERSON_AREAS if can_view_records(user, a)]
    if len(readable) == len(PERSON_AREAS):
        return qs
    if not readable:
        return qs.none()
    # "A record in a readable area, or no record at all" is "a record in a readable area, or none in
    # the others" (A or not (A or U) = A or not U): each registry is looked at once, not twice (D260).
    cond = Q()
    for area in readable:
        cond |= _orang_in_area(area)
    none_elsewhere = Q()
    for area in PERSON_AREAS:
        if area not in readable:
            none_elsewhere &= ~_orang_in_area(area)
    return qs.filter(cond | none_elsewhere)


def _get(model: type[_M], pk: object, qs: QuerySet[_M] | None = None) -> _M:
    # `_default_manager` is `objects` on every registry model; the stubs know only the former.
    qs = scoped(qs if qs is not None else model._default_manager.all())
    try:
        return qs.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"{model._meta.verbose_name} tidak ditemukan") from exc


def _check(user, area: Area, change: bool) -> None:
    require_view_records(user, area)
    if change:
        require_change(user, area)


def require_add(user, area: Area) -> None:
    """Adding a record to an area: the same 403 as correcting one."""
    _check(user, area, True)


def get_orang_for_user(user, pk, *, change: bool = False) -> Orang:
    orang = _get(Orang, pk, Orang.objects.select_related("kelurahan", "impor"))
    require_view_orang(user)
    if not orang_visible(user, Orang.objects.filter(pk=orang.pk)).exists():
        raise PermissionDenied(
            "Orang ini tidak tercatat di registri bidang Anda; Anda tidak berhak membuka datanya."
        )
    if change:
        require_change_orang(user)
    return orang


def get_ppks_for_user(user, pk, *, change: bool = False) -> Ppks:
    ppks = _get(Ppks, pk, Ppks.objects.select_related("orang", "jenis"))
    _check(user, Area.PPKS, change)
    return ppks


def get_psks_for_user(user, pk, *, change: bool = False) -> Psks:
    psks = _get(Psks, pk, Psks.objects.select_related("jenis", "kelurahan"))
    _check(user, Area.PSKS, change)
    return psks


def get_pelatihan_for_user(user, pk, *, change: bool = False) -> Pelatihan:
    pelatihan = _get(Pelatihan, pk, Pelatihan.objects.select_related("kegiatan", "psks"))
    _check(user, Area.PELATIHAN, change)
    return pelatihan


def get_kegiatan_for_user(user, pk, *, change: bool = False) -> KegiatanPelatihan:
    kegiatan = _get(KegiatanPelatihan, pk)
    _check(user, Area.PELATIHAN, change)
    return kegiatan


def get_dtks_for_user(user, pk, *, change: bool = False) -> DtksAnggota:
    anggota = _get(DtksAnggota, pk, DtksAnggota.objects.select_related("orang", "periode"))
    _check(user, Area.DTKS, change)
    return anggota


def get_layanan_for_user(user, pk, *, change: bool = False) -> Layanan:
    layanan = _get(Layanan, pk, Layanan.objects.select_related("orang", "jenis", "bencana"))
    _check(user, layanan_area(layanan), change)
    return layanan


def get_bencana_for_user(user, pk, *, change: bool = False) -> Bencana:
    bencana = _get(Bencana, pk, Bencana.objects.select_related("wilayah"))
    _check(user, Area.BENCANA, change)
    return bencana


def get_korban_for_user(user, pk, *, change: bool = False) -> Korban:
    korban = _get(Korban, pk, Korban.objects.select_related("orang", "bencana"))
    _check(user, Area.KORBAN, change)
    return korban


# The registry kinds that can be uploaded from the web, and the area each one writes.
UPLOAD_KIND_AREA: dict[str, Area | None] = {
    "psks": Area.PSKS,
    "pelatihan": Area.PELATIHAN,
    "ppks": Area.PPKS,
    "layanan": None,  # per row (D22)
    "dtks": Area.DTKS,
    "bencana": Area.BENCANA,
    "korban": Area.KORBAN,
}


def impor_bidang(impor: Impor) -> str | None:
    """The Bidang an import belongs to: its uploader's, else the one owning its kind's registry."""
    pengguna = impor.pengguna
    bidang = getattr(pengguna, "bidang", None) if pengguna is not None else None
    if bidang is not None:
        return bidang.kode
    area = UPLOAD_KIND_AREA.get(impor.jenis)
    return AREA_BIDANG.get(area) if area is not None else None


def can_reach_impor_files(user, impor: Impor) -> bool:
    return can_reach_upload(user, uploader_id=impor.pengguna_id, bidang=impor_bidang(impor))


def get_impor_files_for_user(user, pk) -> Impor:
    """An import whose files (upload, rejects) this user may download: 404 for everyone else, so a
    sequential id tells nothing about another Bidang's uploads (issue 12 rows 3, 4; D65)."""
    impor = _get(Impor, pk, Impor.objects.select_related("pengguna__bidang"))
    if impor.uji_coba or impor.jenis not in UPLOAD_KIND_AREA:
        raise Http404("Impor tidak ditemukan")
    if not can_reach_impor_files(user, impor):
        raise Http404("Impor tidak ditemukan")
    return impor
