"""Where mappings come from: the built-ins shipped with the package, the saved ones, files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from django.conf import settings

from .compile import CompiledMapping, MapRejected, Options, column_key
from .load import spec_from_dict, spec_from_file, spec_from_json
from .spec import MappingError, MappingSpec
from .text import normalise_header, normalise_label

BUILTIN_NAMES = ("siks-dtks", "siks-ppks", "bansos-salur", "bnba-korban")


@cache
def _builtin(name: str) -> MappingSpec:
    text = resources.files(__package__).joinpath("builtin", f"{name}.json").read_text("utf-8")
    return spec_from_json(text, builtin=True)


def builtin_mappings() -> list[MappingSpec]:
    """The four mappings of contract section 5, read from the JSON files shipped in the package
    (`builtin/*.json`) the same way as a user's mapping file."""
    return [_builtin(n) for n in BUILTIN_NAMES]


def saved_mapping(name: str, version: int | None = None) -> MappingSpec | None:
    """A saved mapping, its latest version unless `version` is given."""
    from kinerja.registries.models import Pemetaan

    qs = Pemetaan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH, nama=name)
    if version is not None:
        qs = qs.filter(versi=version)
    row = qs.order_by("-versi").first()
    if row is None:
        return None
    return spec_from_dict(row.isi, version=row.versi)


def saved_mappings() -> list[MappingSpec]:
    """The latest version of every saved mapping."""
    from kinerja.registries.models import Pemetaan

    latest: dict[str, MappingSpec] = {}
    for row in Pemetaan.objects.filter(kode_kabkota=settings.KINERJA_KODE_WILAYAH).order_by(
        "nama", "-versi"
    ):
        if row.nama not in latest:
            latest[row.nama] = spec_from_dict(row.isi, version=row.versi)
    return list(latest.values())


def all_mappings() -> list[MappingSpec]:
    """Every mapping by name: a saved version of a built-in's name replaces the built-in."""
    saved = {m.name: m for m in saved_mappings()}
    found = [saved.pop(m.name, m) for m in builtin_mappings()]
    return found + sorted(saved.values(), key=lambda m: m.name)


def find_mapping(name: str, *, allow_path: bool = True) -> MappingSpec:
    """NAME of `--mapping`: a saved mapping (latest version), a built-in, or a mapping file's path
    (only with `allow_path`: the web passes False, a user's text never names a server file).
    Raises MappingError (Indonesian) when it is none of these."""
    saved = saved_mapping(name)
    if saved is not None:
        return saved
    if name in BUILTIN_NAMES:
        return _builtin(name)
    path = Path(name)
    if allow_path and (path.suffix.lower() == ".json" or path.exists()):
        return spec_from_file(path)
    names = ", ".join(m.name for m in all_mappings())
    raise MappingError(f"Pemetaan '{name}' tidak dikenal (pilih: {names}, atau path file JSON).")


def recognise(headers: Sequence[object], kind: str | None = None) -> MappingSpec | None:
    """The mapping (saved or built-in, of `kind` when given) whose headers a file's header fits
    best: every header the mapping requires is there and most of the file's headers are known to
    it. None when no mapping fits (or the header is the contract's own)."""
    best: tuple[float, MappingSpec] | None = None
    names = {normalise_header(h) for h in headers if str(h or "").strip()}
    for spec in all_mappings():
        if kind is not None and spec.kind != kind:
            continue
        if CompiledMapping(spec, list(map(str, headers)), options=_any_options()).problem:
            continue
        known = spec.headers()
        score = len(names & known) / max(len(names), 1)
        if score >= 0.5 and (best is None or score > best[0]):
            best = (score, spec)
    return best[1] if best else None


def _any_options() -> Options:
    return Options(periode="2000-01", kejadian="-")


@dataclass(frozen=True)
class MissingLabel:
    table: str  # the mapping's label table
    header: str  # the file's header the label was found under
    label: str  # as written in the file (the first spelling seen)
    rows: int  # how many rows carry it


def missing_labels(
    spec: MappingSpec, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> list[MissingLabel]:
    """Labels found in the file (rows of cells, as in the header's order) that the mapping's label
    tables do not know, with the number of rows carrying each; ambiguous labels included."""
    compiled = CompiledMapping(spec, [str(h) for h in header], options=_any_options())
    tables = compiled.tables
    watch: list[tuple[int, str, str, bool]] = []  # (cell index, table, header, list cell)
    keys = [column_key(h) for h in header]
    rules = list(spec.columns) + (list(spec.each.columns) if spec.each else [])
    for rule in rules:
        if rule.read == "labels" and rule.labels:
            found = compiled._find(rule.headers)  # noqa: SLF001 (same package)
            if found is not None:
                watch.append((keys.index(found[0]), rule.labels, found[1], False))
    if spec.each is not None:
        found = compiled._find(spec.each.headers)  # noqa: SLF001
        if found is not None:
            watch.append((keys.index(found[0]), spec.each.labels, found[1], True))
    counts: dict[tuple[str, str], list] = {}
    for cells in rows:
        for index, table, written, is_list in watch:
            if index >= len(cells) or cells[index] is None:
                continue
            text = str(cells[index]).strip()
            parts = [p.strip() for p in text.replace(";", ",").split(",")] if is_list else [text]
            for part in parts:
                name = normalise_label(part)
                if name and name not in tables[table]:
                    entry = counts.setdefault((table, name), [written, part, 0])
                    entry[2] += 1
    return [MissingLabel(t, h, label, n) for (t, _), (h, label, n) in counts.items()]


__all__ = [
    "BUILTIN_NAMES", "MapRejected", "MappingError", "MissingLabel", "all_mappings",
    "builtin_mappings", "find_mapping", "missing_labels", "recognise", "saved_mapping",
    "saved_mappings",
]  # fmt: skip
