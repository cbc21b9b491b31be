"""Writes of mappings and their reference data: each a new version or row, each audited.

A saved mapping is owned by the Bidang that owns its kind's registry (contract: Bidang staff
change only their Bidang's data) and by the admin. Adding a label to a mapping saves a new version
of it, so an import always names the exact table it was read with (`Impor.pemetaan_versi`, D121).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from kinerja.audit.services import audit_record
from kinerja.organisation.permissions import Area, can_change
from kinerja.regions.models import AliasWilayah, Tingkat, Wilayah
from kinerja.registries.models import JenisLayanan, JenisPpks, Kondisi, Lokasi, Pemetaan

from .library import find_mapping, saved_mapping
from .load import spec_from_dict
from .regions import RegionIndex
from .spec import MappingError, MappingSpec
from .text import normalise_label, region_name

# The registry areas a kind's rows are written to (layanan: per row, D22; so both of its areas).
KIND_AREAS: dict[str, tuple[Area, ...]] = {
    "ppks": (Area.PPKS,),
    "psks": (Area.PSKS,),
    "pelatihan": (Area.PELATIHAN,),
    "dtks": (Area.DTKS,),
    "layanan": (Area.LAYANAN_REHAB, Area.LAYANAN_LINJAMSOS),
    "bencana": (Area.BENCANA,),
    "korban": (Area.KORBAN,),
    "target": (Area.TARGET,),
    "anggaran": (Area.ANGGARAN,),
}


def can_edit_mapping(user, kind: str) -> bool:
    """The admin, and the staff of the Bidang owning the kind's registry."""
    return any(can_change(user, a) for a in KIND_AREAS.get(kind, ()))


def can_add_alias(user) -> bool:
    """Region spellings serve every registry: anyone who may edit some mapping may add one."""
    return any(can_edit_mapping(user, k) for k in KIND_AREAS)


def _require(user, kind: str) -> None:
    # user None: the command line, run by whoever runs the server (like `kinerja import`).
    if user is not None and not can_edit_mapping(user, kind):
        raise PermissionDenied("Pemetaan jenis data ini milik bidang lain.")


@transaction.atomic
def mapping_save(*, user, spec: MappingSpec, catatan: str = "") -> MappingSpec:
    """Save `spec` as the next version of its name; returns it as saved. Saving what the latest
    version already holds changes nothing (loading the same file twice makes one version)."""
    _require(user, spec.kind)
    data = spec_from_dict(spec.to_dict()).to_dict()  # validated, in canonical form
    kabkota = settings.KINERJA_KODE_WILAYAH
    latest = (
        Pemetaan.objects.select_for_update()
        .filter(kode_kabkota=kabkota, nama=spec.name)
        .order_by("-versi")
        .first()
    )
    if latest is not None and latest.isi == data:
        return spec_from_dict(latest.isi, version=latest.versi)
    if latest is not None and latest.jenis != spec.kind:
        raise MappingError(f"Pemetaan {spec.name} sudah ada untuk jenis data {latest.jenis}.")
    versi = (latest.versi if latest else 0) + 1
    row = Pemetaan.objects.create(
        kode_kabkota=kabkota,
        nama=spec.name,
        versi=versi,
        jenis=spec.kind,
        isi=data,
        catatan=catatan[:200],
        dibuat_oleh=user if getattr(user, "pk", None) else None,
    )
    audit_record(
        user=user,
        aksi="simpan_pemetaan",
        objek_jenis="pemetaan",
        objek_id=f"{spec.name} v{versi}",
        sebelum={"versi": latest.versi, "isi": latest.isi} if latest else None,
        sesudah={"versi": versi, "isi": data, "catatan": catatan[:200]},
    )
    return spec_from_dict(row.isi, version=versi)


def label_codes(spec: MappingSpec, table: str) -> set[str]:
    """The codes a label of `table` may stand for: those of the column it fills."""
    targets = {r.to for r in spec.columns if r.labels == table}
    if spec.each is not None and spec.each.labels == table:
        targets.add(spec.each.to)
    codes = set(spec.labels.get(table, {}).values())
    if "jenis_ppks" in targets:
        codes |= set(JenisPpks.objects.filter(aktif=True).values_list("kode", flat=True))
    if "jenis_layanan" in targets:
        codes |= set(JenisLayanan.objects.filter(aktif=True).values_list("kode", flat=True))
    if "kondisi" in targets:
        codes |= set(Kondisi.values)
    if "lokasi" in targets:
        codes |= set(Lokasi.values)
    return codes


def mapping_label_add(
    *, user, name: str, labels: dict[str, dict[str, str]], catatan: str = ""
) -> MappingSpec:
    """Add labels ({table: {label: code}}) to the mapping `name` (built-in or saved): a new
    version. A code outside the column's list, or an unknown table, is refused."""
    spec = find_mapping(name)
    _require(user, spec.kind)
    data = spec.to_dict()
    for table, rows in labels.items():
        if table not in spec.labels:
            raise MappingError(f"Tabel label '{table}' tidak ada di pemetaan {name}.")
        allowed = label_codes(spec, table)
        for label, code in rows.items():
            if not normalise_label(label):
                raise MappingError("Label kosong.")
            if code not in allowed:
                raise MappingError(f"Kode '{code}' bukan pilihan untuk tabel {table}.")
            data["labels"][table][label.strip()] = code
    return mapping_save(
        user=user,
        spec=spec_from_dict(data),
        catatan=catatan
        or f"label ditambahkan: {', '.join(lb for r in labels.values() for lb in r)}",
    )


@transaction.atomic
def alias_wilayah_add(*, user, kode: str, nama: str) -> AliasWilayah:
    """Another spelling of the kecamatan or kelurahan `kode`. Refused when the spelling already
    names another region of that level (it would make a name ambiguous without anyone seeing)."""
    if user is not None and not can_add_alias(user):
        raise PermissionDenied("Anda tidak berhak menambah ejaan wilayah.")
    kabkota = settings.KINERJA_KODE_WILAYAH
    wilayah = Wilayah.objects.filter(kode=kode, kode__startswith=kabkota + ".").first()
    if wilayah is None or wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KELURAHAN):
        raise MappingError(f"'{kode}' bukan kecamatan atau kelurahan {kabkota}.")
    level = "kecamatan" if wilayah.tingkat == Tingkat.KECAMATAN else "kelurahan"
    normal = region_name(nama, level)
    if not normal:
        raise MappingError("Ejaan wilayah kosong.")
    index = RegionIndex.build(kabkota)
    if level == "kecamatan":
        other = index.kecamatan.get(normal)
        clash = other is not None and other != kode
    else:
        parent = kode.rsplit(".", 1)[0]
        other = index.kelurahan.get((parent, normal))
        clash = other is not None and other != kode
    if clash:
        raise MappingError(f"Ejaan '{nama}' sudah dipakai wilayah {other}.")
    alias, created = AliasWilayah.objects.get_or_create(
        wilayah=wilayah,
        nama_normal=normal,
        defaults={
            "nama": nama.strip()[:100],
            "dibuat_oleh": user if getattr(user, "pk", None) else None,
        },
    )
    if created:
        audit_record(
            user=user,
            aksi="tambah_ejaan_wilayah",
            objek_jenis="wilayah",
            objek_id=kode,
            sesudah={"ejaan": alias.nama, "normal": normal},
        )
    return alias


__all__ = [
    "alias_wilayah_add", "can_add_alias", "can_edit_mapping", "label_codes", "mapping_label_add",
    "mapping_save", "saved_mapping",
]  # fmt: skip
