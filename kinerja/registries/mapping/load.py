"""Reading a mapping from its JSON form, refusing anything it does not understand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .spec import (
    FORMAT,
    OPTIONS,
    READS,
    REGION_PARTS,
    ColumnRule,
    EachRule,
    MappingError,
    MappingSpec,
    RegionRule,
    RowFilter,
)

_TOP = {"format", "name", "kind", "title", "needs", "columns", "labels", "ambiguous", "filters",
        "read", "each"}  # fmt: skip
_RULE = {"to", "from", "as", "labels", "constant", "option", "region", "required", "else"}
_EACH = {"kind", "to", "from", "labels", "columns", "share"}
MAX_BYTES = 1_000_000


def spec_from_file(path: Path, *, version: int = 0, builtin: bool = False) -> MappingSpec:
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise MappingError(f"File pemetaan '{Path(path).name}' tidak dapat dibaca.") from None
    if len(raw) > MAX_BYTES:
        raise MappingError("File pemetaan terlalu besar (paling banyak 1 MB).")
    return spec_from_json(raw.decode("utf-8-sig", "replace"), version=version, builtin=builtin)


def spec_from_json(text: str, *, version: int = 0, builtin: bool = False) -> MappingSpec:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MappingError(f"File pemetaan bukan JSON yang benar (baris {exc.lineno}).") from None
    return spec_from_dict(data, version=version, builtin=builtin)


def spec_from_dict(data: Any, *, version: int = 0, builtin: bool = False) -> MappingSpec:
    from kinerja.registries.imports import KINDS

    if not isinstance(data, dict):
        raise MappingError("File pemetaan harus berisi satu objek JSON.")
    _only(data, _TOP, "pemetaan")
    if data.get("format", FORMAT) != FORMAT:
        raise MappingError(
            f"Format pemetaan '{data.get('format')}' tidak dikenal (pakai {FORMAT})."
        )
    name = _text(data, "name", "pemetaan")
    if not name or len(name) > 60 or not all(c.isalnum() or c in "-_." for c in name):
        raise MappingError("Nama pemetaan: 1-60 huruf, angka, '-', '_' atau '.'.")
    kind = _text(data, "kind", "pemetaan")
    if kind not in KINDS:
        raise MappingError(
            f"Jenis data '{kind}' tidak dikenal (pilih: {', '.join(sorted(KINDS))})."
        )
    needs = tuple(_list(data, "needs", "pemetaan"))
    for n in needs:
        if n not in OPTIONS:
            raise MappingError(f"needs: '{n}' tidak dikenal (pilih: {', '.join(OPTIONS)}).")
    labels = _tables(data.get("labels", {}), "labels")
    ambiguous = _tables(data.get("ambiguous", {}), "ambiguous")
    columns = tuple(_rule(r, labels, needs) for r in _objects(data, "columns", "pemetaan"))
    if not columns:
        raise MappingError("Pemetaan tanpa kolom (columns kosong).")
    targets = [c.to for c in columns]
    for t in targets:
        if targets.count(t) > 1:
            raise MappingError(f"Kolom '{t}' diisi lebih dari sekali.")
    filters = tuple(_filter(f) for f in _objects(data, "filters", "pemetaan"))
    each = _each(data["each"], labels, needs) if "each" in data else None
    return MappingSpec(
        name=name,
        kind=kind,
        title=str(data.get("title", ""))[:200],
        needs=needs,
        columns=columns,
        labels=labels,
        ambiguous=ambiguous,
        filters=filters,
        read_only=tuple(_list(data, "read", "pemetaan")),
        each=each,
        version=version,
        builtin=builtin,
    )


def _rule(d: Any, labels: dict, needs: tuple[str, ...]) -> ColumnRule:
    if not isinstance(d, dict):
        raise MappingError("Setiap aturan kolom harus objek JSON.")
    _only(d, _RULE, "kolom")
    to = _text(d, "to", "kolom")
    where = f"kolom '{to}'"
    read = d.get("as", "text")
    if read not in READS:
        raise MappingError(f"{where}: as '{read}' tidak dikenal (pilih: {', '.join(READS)}).")
    table = d.get("labels")
    if read == "labels" and table not in labels:
        raise MappingError(f"{where}: tabel label '{table}' tidak ada di labels.")
    sources = [k for k in ("from", "constant", "option", "region") if k in d]
    if len(sources) != 1:
        raise MappingError(f"{where}: isi tepat satu dari from, constant, option, region.")
    option = d.get("option")
    if option is not None and option not in needs:
        raise MappingError(f"{where}: option '{option}' harus tercantum di needs.")
    region = None
    if "region" in d:
        r = d["region"]
        if not isinstance(r, dict) or set(r) - set(REGION_PARTS) or not r.get("kelurahan"):
            raise MappingError(f"{where}: region berisi kabkota, kecamatan, kelurahan (wajib).")
        region = RegionRule(**{p: tuple(str(h) for h in r.get(p, [])) for p in REGION_PARTS})
    return ColumnRule(
        to=to,
        headers=tuple(_list(d, "from", where)),
        read=read,
        labels=table,
        constant=None if d.get("constant") is None else str(d["constant"]),
        option=option,
        region=region,
        required=bool(d.get("required", False)),
        fallback=_rule(d["else"], labels, needs) if "else" in d else None,
    )


def _filter(d: dict) -> RowFilter:
    accept = tuple(_list(d, "accept", "filters"))
    if not accept:
        raise MappingError("filters: accept tidak boleh kosong.")
    return RowFilter(tuple(_list(d, "from", "filters")), accept, str(d.get("reason", "ditolak")))


def _each(d: Any, labels: dict, needs: tuple[str, ...]) -> EachRule:
    if not isinstance(d, dict):
        raise MappingError("each harus objek JSON.")
    _only(d, _EACH, "each")
    if d.get("labels") not in labels:
        raise MappingError(f"each: tabel label '{d.get('labels')}' tidak ada di labels.")
    return EachRule(
        kind=_text(d, "kind", "each"),
        to=_text(d, "to", "each"),
        headers=tuple(_list(d, "from", "each")),
        labels=d["labels"],
        columns=tuple(_rule(r, labels, needs) for r in _objects(d, "columns", "each")),
        share=tuple(_list(d, "share", "each")),
    )


def _tables(value: Any, where: str) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict) or not all(isinstance(t, dict) for t in value.values()):
        raise MappingError(f"{where} harus objek berisi tabel label.")
    return {str(k): {str(a): str(b) for a, b in t.items()} for k, t in value.items()}


def _only(d: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(d) - allowed)
    if unknown:
        raise MappingError(f"{where}: kunci tidak dikenal: {', '.join(unknown)}.")


def _text(d: dict, key: str, where: str) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        raise MappingError(f"{where}: '{key}' wajib diisi (teks).")
    return v.strip()


def _list(d: dict, key: str, where: str) -> list[str]:
    v = d.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise MappingError(f"{where}: '{key}' harus daftar teks.")
    return v


def _objects(d: dict, key: str, where: str) -> list:
    v = d.get(key, [])
    if not isinstance(v, list):
        raise MappingError(f"{where}: '{key}' harus daftar.")
    return v
