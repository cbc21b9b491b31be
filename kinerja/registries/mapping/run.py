"""Importing a foreign file through a mapping: the section-1 import, fed mapped rows.

A mapping with `each` (bnba-korban) makes rows of two kinds from one file row: the victim
(`korban`) and one service (`layanan`) per aid label. It runs in two passes over the file. The
first imports the victims; a file row is rejected there when its victim or any of its aid rows
fails a check that needs no database (label, date, ...), so the second pass, which imports the aid
of the file rows the first accepted, meets only rows whose person and event are now registered
(D124). Counts are of file rows: accepted + rejected = rows read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.registries.imports import run_import
from kinerja.registries.imports.context import ImportContext
from kinerja.registries.imports.engine import ImportResult
from kinerja.registries.imports.errors import RowRejected
from kinerja.registries.imports.kinds import KINDS, Kind
from kinerja.registries.imports.reader import Row, Source

from .compile import CompiledMapping, MapRejected, Options
from .spec import MappingSpec


@dataclass
class MappedFile:
    """One pass over a file through a mapping (engine.MappedInput). `part` is "main" (rows of
    spec.kind) or "each" (rows of spec.each.kind, only of the file rows not in `skip`)."""

    spec: MappingSpec
    options: Options
    part: str = "main"
    skip: set[int] = field(default_factory=set)
    compiled: CompiledMapping | None = None
    check_each: Callable[[dict], None] | None = None  # the each-kind's own checks (no database)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def version(self) -> int:
        return self.spec.version

    def attach(self, source: Source, kind: type[Kind]) -> str | None:
        self.compiled = CompiledMapping(self.spec, source.header, options=self.options)
        if self.compiled.problem:
            return self.compiled.problem
        targets = set(self.compiled.targets)
        if self.part == "each" and self.spec.each is not None:
            targets = {
                self.spec.each.to,
                *self.spec.each.share,
                *(r.to for r in self.spec.each.columns),
            }
        problem = kind.header_problem(targets)
        if problem:
            return f"Pemetaan {self.spec.name} tidak mengisi semua kolom: {problem}"
        return None

    def rows(self, source: Source) -> Iterator[Row]:
        assert self.compiled is not None
        compiled = self.compiled
        mapping = compiled.map
        main_part = self.part == "main"
        each = compiled.each_list is not None and self.spec.each is not None
        check_each = self.check_each
        for row in source.rows(compiled.wanted):
            if row.problem is not None:
                yield row
                continue
            try:
                values = mapping(row.values)
                if main_part:
                    if each and check_each is not None:
                        for extra in compiled.map_each(row.values, values):
                            check_each(extra)
                    yield Row(row.number, row.raw, values)
                elif row.number not in self.skip:
                    for extra in compiled.map_each(row.values, values):
                        yield Row(row.number, row.raw, extra)
            except MapRejected as exc:
                if main_part:
                    yield Row(row.number, row.raw, {}, str(exc))


def _each_checker(spec: MappingSpec, user) -> Callable[[dict], None] | None:
    """The each-kind's checks that need no database, with the list header named on failure."""
    if spec.each is None:
        return None
    kind = KINDS[spec.each.kind](ImportContext(kind=spec.each.kind, user=user, dry_run=True))
    header, to = spec.each.headers[0], spec.each.to

    def check(values: dict) -> None:
        try:
            kind.parse(values)
        except RowRejected as exc:
            raise MapRejected(f"{header} ({values.get(to)}): {exc}") from None

    return check


def import_with_mapping(
    kind: str,
    path: Path,
    *,
    mapping: MappingSpec,
    options: Options | None = None,
    **kwargs,
) -> ImportResult:
    """`run_import` of a foreign file through `mapping` (its kind must be `kind`). Takes the
    keyword arguments of run_import; the result's counts are of file rows."""
    options = options or Options()
    if mapping.kind != kind:
        return ImportResult(
            kind=kind,
            fatal=f"Pemetaan {mapping.name} untuk jenis data {mapping.kind}, bukan {kind}.",
            dry_run=bool(kwargs.get("dry_run")),
        )
    main = MappedFile(mapping, options, check_each=_each_checker(mapping, kwargs.get("user")))
    if mapping.each is None:
        return run_import(kind, path, mapping=main, **kwargs)
    rejected: set[int] = set()
    caller_on_reject = kwargs.pop("on_reject", None)

    def on_reject(number: int, reason: str) -> None:
        rejected.add(number)
        if caller_on_reject is not None:
            caller_on_reject(number, reason)

    result = run_import(kind, path, mapping=main, on_reject=on_reject, **kwargs)
    if result.fatal and not result.accepted:
        return result
    second = {k: v for k, v in kwargs.items() if k not in ("rejects_path", "progress")}
    if kwargs.get("write_rejects", True):
        # Not expected to hold anything (D124); kept apart so the main file stays one per file row.
        base = kwargs.get("rejects_path") or Path(str(path) + ".rejected.csv")
        second["rejects_path"] = Path(str(base).removesuffix(".csv") + f".{mapping.each.kind}.csv")
    result.extra = run_import(
        mapping.each.kind,
        path,
        mapping=MappedFile(mapping, options, part="each", skip=rejected),
        **second,
    )
    return result
