"""Web uploads of foreign files (contract section 5): what the worker finds before the preview.

When an upload's header is not the contract's for its kind, the worker does not run the section-1
dry run (every row would be rejected for a missing column): it stores the file's header with the first
values of each column and the mapping `recognise` proposes (status `pemetaan`). Once the clerk chose a
mapping, the worker lists the labels of the file the mapping does not know (status `label`), and only
then the preview through the mapping (status `selesai`, `mapped`: the first rows as the kind's
columns, each with its problem). All of it is stored as `pratinjau.json`, NIK and KK masked (D68).

The upload's mapping travels as a small dict (session -> task arguments, JSON): `nama`, `versi`
(0: built-in), `draf` (the spec of a mapping made on screen, not saved yet), `periode`, `kejadian`,
`label_dilewati` (the clerk chose to let rows with unknown labels be rejected).
"""

import itertools
from pathlib import Path

from kinerja.lib.privacy import mask_identifiers, mask_nik
from kinerja.organisation.permissions import Area, Identitas, identitas

from . import unggahan
from .access import UPLOAD_KIND_AREA
from .imports import KINDS, template_columns
from .imports.errors import FileUnusable
from .imports.reader import open_source
from .mapping import (
    MappingError,
    MappingSpec,
    compile_mapping,
    map_row,
    missing_labels,
    recognise,
)
from .mapping.run import import_with_mapping
from .pemetaan_impor import options_of, rows_of_other_bidang, spec_of

SAMPLE_VALUES = 3
SAMPLE_LENGTH = 40
MAX_LABELS = 60  # more unknown labels than this: the columns are mapped wrong, not the labels
PERSONAL = frozenset({"nik", "no_kk"})


# -- step 1: does the file need a mapping? ---------------------------------------------------------
def mapping_step(kind: str, path: Path, original_name: str, user) -> dict | None:
    """The header and first values of a file whose header is foreign (D180); None when it is the
    contract's, the template's with a column missing, or the file cannot be read at all: the
    section-1 preview then says why."""
    try:
        source = open_source(path, original_name)
    except FileUnusable:
        return None
    try:
        kind_cls = KINDS[kind]
        if kind_cls.header_problem(set(source.columns)) is None:
            return None
        header = [str(h) for h in source.header]
        usul = recognise(header, kind)
        own = {c.name for c in kind_cls.all_columns()}
        named = [c for c in source.columns if c]
        if usul is None and 2 * sum(c in own for c in named) >= len(named):
            return None  # the template's layout with a column missing: the preview says which
        samples: list[list[str]] = [[] for _ in header]
        for row in itertools.islice(source.rows(set()), 50):
            for i, cell in enumerate(row.raw[: len(header)]):
                text = str(cell).strip()
                if text and len(samples[i]) < SAMPLE_VALUES:
                    samples[i].append(mask_identifiers(text)[:SAMPLE_LENGTH])
            if all(len(s) >= SAMPLE_VALUES for s in samples):
                break
    finally:
        source.close()
    return {
        "status": "pemetaan",
        "user_id": getattr(user, "pk", None),
        "kind": kind,
        "header": header,
        "samples": samples,
        "usul": usul.name if usul else None,
    }


# -- step 2: labels the mapping does not know --------------------------------------------------------
def label_codes(spec: MappingSpec, table: str) -> list[str]:
    """The codes a label of `table` may become: those of the kind's column the table fills."""
    kind, column = spec.kind, None
    for rule in spec.columns:
        if rule.labels == table:
            column = rule.to
    if spec.each is not None and spec.each.labels == table:
        kind, column = spec.each.kind, spec.each.to
    for c in template_columns(kind):
        if c.name == column:
            return sorted(c.codes)
    return []


def _suggest(label: str, codes: list[str]) -> str:
    """A label that is a code in other words (`Anak Telantar` for anak_telantar) proposes it."""
    key = "".join(ch for ch in label.lower() if ch.isalnum())
    for code in codes:
        if "".join(ch for ch in code.lower() if ch.isalnum()) == key:
            return code
    return ""


def label_step(kind: str, path: Path, original_name: str, user, mapping: dict) -> dict | None:
    """The labels of the whole file (one pass, no database) that the mapping does not know, each
    with its codes; None when there are none and the mapping is saved already."""
    spec = spec_of(mapping)
    source = open_source(path, original_name)
    try:
        header = [str(h) for h in source.header]
        found = missing_labels(spec, header, (row.raw for row in source.rows(set())))
    finally:
        source.close()
    if not found and not mapping.get("draf"):
        return None
    labels = []
    for m in found[:MAX_LABELS]:
        codes = label_codes(spec, m.table)
        label = mask_identifiers(m.label)
        labels.append({"table": m.table, "header": m.header, "label": label, "rows": m.rows,
                       "codes": codes, "usul": _suggest(m.label, codes)})  # fmt: skip
    return {
        "status": "label",
        "user_id": getattr(user, "pk", None),
        "kind": kind,
        "pemetaan": {
            "nama": spec.name,
            "versi": spec.version,
            "judul": spec.title,
            "baru": bool(mapping.get("draf")),
        },  # fmt: skip
        "labels": labels,
        "more_labels": max(0, len(found) - MAX_LABELS),
    }


# -- step 3: the preview through the mapping ----------------------------------------------------------
def _shown(value: object, column: str, seen: Identitas) -> str:
    if column not in PERSONAL or value in (None, ""):
        return "" if value is None else str(value)
    return "••••" if seen == Identitas.TERSEMBUNYI else mask_nik(str(value))


def _area(kind: str) -> Area:
    return UPLOAD_KIND_AREA.get(kind) or Area.LAYANAN_LINJAMSOS


def mapped_preview(kind: str, path: Path, original_name: str, user, mapping: dict) -> dict:
    spec = spec_of(mapping)
    options = options_of(mapping)
    seen = identitas(user, _area(kind))
    columns, rows = _first_rows(kind, path, original_name, spec, options, seen)
    shown = {r["row"]: r for r in rows}
    first: dict[int, str] = {}  # the first problems of the file, in order (bounded: memory)

    def collect(row: int, reason: str) -> None:
        if len(first) < unggahan.SHOWN_PROBLEMS:
            first.setdefault(row, reason)
        if row in shown and not shown[row]["problem"]:  # later passes never replace the first
            shown[row]["problem"] = mask_identifiers(reason)

    result = import_with_mapping(
        kind, path, mapping=spec, options=options, user=user, dry_run=True,
        original_name=original_name, on_reject=collect, write_rejects=False,
    )  # fmt: skip
    base = {"status": "selesai", "user_id": getattr(user, "pk", None), "kind": kind,
            "mapped": True, "pemetaan": {"nama": spec.name, "versi": spec.version,
                                         "judul": spec.title}}  # fmt: skip
    if result.fatal:
        return {**base, "fatal": result.fatal, "header": [], "rows": [], "problems": [],
                "rows_read": 0, "accepted": 0, "rejected": 0, "can_save": False}  # fmt: skip
    other = rows_of_other_bidang(user, path, original_name, spec, options)
    extra = getattr(result, "extra", None)
    return {
        **base,
        "header": columns,
        "rows": rows,
        "problems": [{"row": r, "reason": mask_identifiers(why)} for r, why in first.items()],
        "more_problems": max(0, result.rejected - len(first)),
        "rows_read": result.rows_read,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "extra_accepted": extra.accepted if extra is not None else None,
        "notices": list(getattr(result, "notices", [])),  # e.g. read as Windows-1252 (D130)
        "fatal": None,
        "other_bidang": other[: unggahan.SHOWN_OTHER_BIDANG],
        "other_bidang_count": len(other),
        "can_save": not other,
    }


def _first_rows(kind, path, original_name, spec, options, seen):
    """The first rows as the kind's columns (and the aid of bnba-korban), each with its problem."""
    source = open_source(path, original_name)
    try:
        compiled = compile_mapping(spec, [str(h) for h in source.header], options=options)
        mapped = [
            (row.number, map_row(compiled, row.values))
            for row in itertools.islice(source.rows(compiled.wanted), unggahan.PREVIEW_ROWS)
        ]
    finally:
        source.close()
    order = [c.name for c in KINDS[kind].all_columns()]
    used = {k for _, m in mapped for k in m.values}
    columns = [c for c in order if c in used]
    each = spec.each.to if spec.each is not None else None
    rows = []
    for number, m in mapped:
        cells = [_shown(m.values.get(c), c, seen) for c in columns]
        if each:
            cells.append(", ".join(str(e.get(each, "")) for e in m.extra))
        rows.append({"row": number, "cells": cells, "problem": mask_identifiers(m.problem or "")})
    return (columns + ([each] if each else [])), rows


def make_preview(kind: str, path: Path, original_name: str, user, mapping: dict | None) -> dict:
    """What the worker stores for the page: the mapping step, the labels, or the preview."""
    if mapping is None:
        step = mapping_step(kind, path, original_name, user)
        return step or unggahan.make_preview(kind, path, original_name, user)
    try:
        if not mapping.get("label_dilewati"):
            labels = label_step(kind, path, original_name, user, mapping)
            if labels is not None:
                return labels
        return mapped_preview(kind, path, original_name, user, mapping)
    except (MappingError, FileUnusable) as exc:
        return {"status": "selesai", "user_id": getattr(user, "pk", None), "kind": kind,
                "mapped": True, "fatal": str(exc), "header": [], "rows": [], "problems": [],
                "rows_read": 0, "accepted": 0, "rejected": 0, "can_save": False}  # fmt: skip
