"""Mappings (pemetaan) of files from other systems (contract section 5).

A mapping turns each row of a foreign file (SIKS-NG exports, payout lists, BNBA lists) into the
section-1 row(s) of one import kind; the import then runs unchanged (checks, natural keys, rejects
with the original row, counts). The public API, stable for the command line and the web:

- `MappingSpec` (spec.py): a mapping as data; `spec_from_dict/json/file`, `MappingSpec.to_dict()`;
  `MappingError` for a mapping that cannot be used.
- `builtin_mappings()`: the four built-ins (siks-dtks, siks-ppks, bansos-salur, bnba-korban),
  shipped as JSON files in `builtin/` and read like any user's file.
- `find_mapping(name)`: a saved mapping (latest version), a built-in, or the path of a file.
- `recognise(headers, kind=None)`: the mapping a file's header fits, or None.
- `missing_labels(spec, header, rows)`: labels in the file the mapping does not know.
- `compile_mapping(spec, header, options=Options(...), regions=RegionIndex.build(kabkota))` ->
  `CompiledMapping`: `.problem` (why the header cannot be used), `.map(values)` -> section-1
  values of one row, `.map_each(values, main)` -> its extra rows (bnba-korban's aid), both
  raising `MapRejected` with a reason naming the header, label or region.
- `map_row(compiled, values)` -> `MappedRow` (the same, as a value: rows, extra rows, problem).
- services (services.py): `mapping_save`, `mapping_label_add`, `alias_wilayah_add`,
  `can_edit_mapping`; each change audited.
- `import_with_mapping(kind, path, mapping=..., options=..., **run_import_kwargs)` (run.py).
"""

from dataclasses import dataclass, field

from .compile import CompiledMapping, MapRejected, Options, column_key
from .library import (
    BUILTIN_NAMES,
    MissingLabel,
    all_mappings,
    builtin_mappings,
    find_mapping,
    missing_labels,
    recognise,
    saved_mapping,
    saved_mappings,
)
from .load import spec_from_dict, spec_from_file, spec_from_json
from .regions import RegionIndex
from .spec import ColumnRule, EachRule, MappingError, MappingSpec, RegionRule, RowFilter


def compile_mapping(
    spec: MappingSpec,
    header: list[str],
    *,
    options: Options | None = None,
    regions: RegionIndex | None = None,
) -> CompiledMapping:
    return CompiledMapping(spec, header, options=options, regions=regions)


@dataclass
class MappedRow:
    values: dict[str, object] = field(default_factory=dict)  # section-1 columns of spec.kind
    extra: list[dict[str, object]] = field(default_factory=list)  # rows of spec.each.kind
    problem: str | None = None  # why the row cannot be mapped


def map_row(compiled: CompiledMapping, values: dict[str, object]) -> MappedRow:
    """One row of the file (the reader's values, by source column key), mapped."""
    try:
        main = compiled.map(values)
        return MappedRow(main, compiled.map_each(values, main))
    except MapRejected as exc:
        return MappedRow(problem=str(exc))


__all__ = [
    "BUILTIN_NAMES", "ColumnRule", "CompiledMapping", "EachRule", "MapRejected", "MappedRow",
    "MappingError", "MappingSpec", "MissingLabel", "Options", "RegionIndex", "RegionRule",
    "RowFilter", "all_mappings", "builtin_mappings", "column_key", "compile_mapping",
    "find_mapping", "map_row", "missing_labels", "recognise", "saved_mapping", "saved_mappings",
    "spec_from_dict", "spec_from_file", "spec_from_json",
]  # fmt: skip
