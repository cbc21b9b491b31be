"""The import of a mapped upload, in the worker (D180, D183): D22 checked through the mapping,
then `import_with_mapping`, which records the mapping's name and version on the Impor."""

from pathlib import Path

from django.utils import timezone

from kinerja.organisation.permissions import Area, can_change

from .access import jenis_layanan_area
from .imports.errors import FileUnusable
from .imports.reader import open_source
from .mapping import (
    MappingError,
    MappingSpec,
    Options,
    builtin_mappings,
    compile_mapping,
    map_row,
    saved_mapping,
    spec_from_dict,
)
from .mapping.run import import_with_mapping
from .models import Impor, JenisLayanan

SHOWN_OTHER_BIDANG = 50


def spec_of(mapping: dict) -> MappingSpec:
    """The mapping of an upload; raises MappingError when it is gone or no longer valid."""
    if mapping.get("draf"):
        return spec_from_dict(mapping["draf"])
    if mapping.get("versi"):
        spec = saved_mapping(mapping["nama"], mapping["versi"])
        if spec is None:
            raise MappingError(f"Pemetaan {mapping['nama']} versi {mapping['versi']} tidak ada.")
        return spec
    for spec in builtin_mappings():  # version 0: the built-in itself, never a saved namesake
        if spec.name == mapping.get("nama"):
            return spec
    raise MappingError(f"Pemetaan {mapping.get('nama')} tidak dikenal.")


def options_of(mapping: dict) -> Options:
    return Options(periode=mapping.get("periode") or None, kejadian=mapping.get("kejadian") or None)


def rows_of_other_bidang(
    user, path: Path, original_name: str, spec: MappingSpec, options: Options
) -> list[int]:
    """D22 through a mapping: rows of a mapped layanan file this user's Bidang may not write."""
    if spec.kind != "layanan" or user is None:
        return []
    if can_change(user, Area.LAYANAN_REHAB) and can_change(user, Area.LAYANAN_LINJAMSOS):
        return []
    kelompok = dict(JenisLayanan.objects.values_list("kode", "kelompok"))
    source = open_source(path, original_name)
    bad: list[int] = []
    try:
        compiled = compile_mapping(spec, [str(h) for h in source.header], options=options)
        if compiled.problem:
            return []
        for row in source.rows(compiled.wanted):
            m = map_row(compiled, row.values)
            code = str(m.values.get("jenis_layanan", "")).strip().lower()
            if m.problem or code not in kelompok:
                continue  # the import rejects it, with its reason
            area = jenis_layanan_area(
                kelompok[code], with_bencana=bool(m.values.get("kode_kejadian"))
            )
            if not can_change(user, area):
                bad.append(row.number)
    finally:
        source.close()
    return bad


def import_mapped(
    kind: str, path: Path, user, original_name: str, rejects: Path, mapping: dict
) -> dict:
    """The worker's import through the upload's mapping; D22 checked again first (D69)."""

    def failed(pesan: str) -> dict:
        impor = Impor.objects.create(
            jenis=kind, nama_file=original_name[:255], pengguna=user, status=Impor.Status.GAGAL,
            selesai=timezone.now(), pesan=pesan[:2000], file_sumber=str(path)[:500],
            pemetaan=str(mapping.get("nama", ""))[:60], pemetaan_versi=mapping.get("versi"),
        )  # fmt: skip
        return {"impor_id": impor.pk, "rows_read": 0, "accepted": 0, "rejected": 0, "fatal": pesan}

    try:
        spec = spec_of(mapping)
        options = options_of(mapping)
        other = rows_of_other_bidang(user, path, original_name, spec, options)
    except (MappingError, FileUnusable) as exc:
        return failed(str(exc))
    if other:
        shown = ", ".join(str(n) for n in other[:SHOWN_OTHER_BIDANG])
        return failed(
            f"File ini berisi layanan milik bidang lain (baris {shown}); tidak ada yang disimpan."
        )
    result = import_with_mapping(
        kind, path, mapping=spec, options=options, user=user, rejects_path=rejects,
        original_name=original_name,
    )  # fmt: skip
    if result.fatal and result.impor_id is None:
        return failed(result.fatal)
    return {
        "impor_id": result.impor_id,
        "rows_read": result.rows_read,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "fatal": result.fatal,
    }
