"""A mapping compiled against one file's header: one small function per column, built once.

Mapping a row is then a loop over those functions, each a dictionary lookup or a remembered
outcome (labels, dates, tahap and region names repeat from row to row), with no database query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings

from kinerja.lib import parsing

from .regions import RegionIndex, RegionUnplaced
from .spec import ColumnRule, MappingSpec
from .text import (
    bare_label,
    label_spellings,
    normalise_header,
    normalise_label,
    read_date,
    read_jenis_kelamin,
    read_nik,
    read_tahap,
)

Values = dict[str, object]  # source column key (the reader's: trimmed, lower case) -> cell
Getter = Callable[[Values], object]
MEMO_LIMIT = 50_000
_SPLIT = re.compile(r"[,;]")


class MapRejected(ValueError):
    """This row cannot be mapped; the message names the header, label or region."""


@dataclass(frozen=True)
class Options:
    periode: str | None = None  # `--periode YYYY-MM`
    kejadian: str | None = None  # `--kejadian KODE`


def column_key(header_cell: object) -> str:
    """The reader's key for a header cell (kinerja.registries.imports.reader)."""
    return str(header_cell or "").strip().lower()


class CompiledMapping:
    """`spec` read against `header`. `problem` is why the file cannot be used (None if it can);
    `map(values)` gives the section-1 values of a row, `map_each(values, main)` the rows of
    `spec.each`; both raise MapRejected."""

    def __init__(
        self,
        spec: MappingSpec,
        header: list[str],
        *,
        options: Options | None = None,
        regions: RegionIndex | None = None,
    ) -> None:
        self.spec = spec
        self.options = options or Options()
        self.regions = regions
        self._by_name: dict[str, tuple[str, str]] = {}  # normalised -> (key, as written)
        for cell in header:
            name = normalise_header(cell)
            if name and name not in self._by_name:
                self._by_name[name] = (column_key(cell), str(cell).strip())
        self.problems: list[str] = []
        self.wanted: set[str] = set()  # the source column keys the mapping reads
        self.tables = {t: _table(rows) for t, rows in spec.labels.items()}
        self.ambiguous = {
            t: {normalise_label(k): v for k, v in rows.items()}
            for t, rows in spec.ambiguous.items()
        }
        for need in spec.needs:
            if not getattr(self.options, need):
                flag = "--periode YYYY-MM" if need == "periode" else "--kejadian KODE"
                self.problems.append(f"Pemetaan {spec.name} perlu {flag}.")
        if "periode" in spec.needs and self.options.periode:
            try:  # a wrong month would reject every row: the file cannot be used as asked
                parsing.periode(self.options.periode, label="--periode")
            except parsing.ParseError as exc:
                self.problems.append(f"{exc}.")
        self.columns = [(r.to, self._compile(r)) for r in spec.columns]
        self.filters = [self._compile_filter(f.headers, f.accept, f.reason) for f in spec.filters]
        self.targets = frozenset(r.to for r in spec.columns)
        self.each_list: Getter | None = None
        self.each_columns: list[tuple[str, Getter]] = []
        if spec.each is not None:
            found = self._find(spec.each.headers)
            if found is not None:
                self.wanted.add(found[0])
                self.each_list = lambda values, key=found[0]: values.get(key)
                self.each_header = found[1]
                self.each_columns = [(r.to, self._compile(r)) for r in spec.each.columns]

    @property
    def problem(self) -> str | None:
        return " ".join(self.problems) or None

    # -- rows ------------------------------------------------------------------------------------
    def map(self, values: Values) -> dict[str, object]:
        for check in self.filters:
            check(values)
        out: dict[str, object] = {}
        for to, get in self.columns:
            v = get(values)
            if v is not None and v != "":
                out[to] = v
        return out

    def map_each(self, values: Values, main: dict[str, object]) -> list[dict[str, object]]:
        """One row of `spec.each.kind` per label of the list cell (none when it is empty)."""
        each = self.spec.each
        if each is None or self.each_list is None:
            return []
        cell = self.each_list(values)
        if cell is None or not str(cell).strip():
            return []
        codes: list[str] = []
        for part in _SPLIT.split(str(cell)):
            if part.strip():
                code = self._label(each.labels, self.each_header, part.strip())
                if code not in codes:
                    codes.append(code)
        shared = {k: main[k] for k in each.share if k in main}
        extra: dict[str, object] = {}
        for to, get in self.each_columns:
            v = get(values)
            if v is not None and v != "":
                extra[to] = v
        return [{**shared, **extra, each.to: code} for code in codes]

    # -- compiling -------------------------------------------------------------------------------
    def _find(self, headers: Iterable[str]) -> tuple[str, str] | None:
        for h in headers:
            found = self._by_name.get(normalise_header(h))
            if found is not None:
                return found
        return None

    def _compile(self, rule: ColumnRule, *, header_optional: bool = False) -> Getter:
        if rule.constant is not None:
            constant = rule.constant
            return lambda values: constant
        if rule.option is not None:
            option = getattr(self.options, rule.option)
            return lambda values: option
        if rule.region is not None:
            return self._compile_region(rule)
        found = self._find(rule.headers)
        if found is None:
            if rule.fallback is not None:
                return self._compile(rule.fallback, header_optional=header_optional)
            if rule.required and not header_optional:
                self.problems.append(f"Kolom '{rule.headers[0]}' tidak ada di baris judul.")
            return lambda values: None
        fallback = self._compile(rule.fallback, header_optional=True) if rule.fallback else None
        key, written = found
        self.wanted.add(key)
        read = self._reader(rule, written)
        required = rule.required and fallback is None

        def get(values: Values) -> object:
            v = values.get(key)
            if v is None:
                if fallback is not None:
                    return fallback(values)
                if required:
                    raise MapRejected(f"{written} kosong")
                return None
            return read(v)

        return get

    def _reader(self, rule: ColumnRule, written: str) -> Callable[[object], object]:
        if rule.read == "text":
            return lambda v: v
        if rule.read == "upper":
            return lambda v: v.upper() if type(v) is str else v
        if rule.read == "nik":
            return read_nik
        if rule.read == "labels":
            table = rule.labels or ""
            seen: dict[object, str] = {}  # cell text -> code: a file repeats its labels

            def label(v: object) -> str:
                try:
                    return seen[v]
                except (KeyError, TypeError):
                    code = self._label(table, written, v)  # raises for an unknown label
                    if len(seen) < MEMO_LIMIT:
                        seen[v] = code
                    return code

            return label
        check = {"date": read_date, "tahap": read_tahap, "jenis_kelamin": read_jenis_kelamin}[
            rule.read
        ]
        memo: dict[object, object] = {}

        def read(v: object) -> object:
            try:
                outcome = memo[v]
            except (KeyError, TypeError):
                try:
                    outcome = check(v)
                except (ValueError, parsing.ParseError) as exc:
                    outcome = MapRejected(f"{written}: {exc}")
                if len(memo) < MEMO_LIMIT:
                    memo[v] = outcome
            if type(outcome) is MapRejected:
                raise outcome
            return outcome

        return read

    def _label(self, table: str, written: str, v: object) -> str:
        name = normalise_label(v)
        code = self.tables[table].get(name)
        if code is None and type(v) is str and v.rstrip().endswith(")"):
            # A bracketed abbreviation the table does not list (`DISABILITAS (PD)`): the label
            # without it, as for the abbreviations of the Permensos labels (D122).
            code = self.tables[table].get(normalise_label(bare_label(v)))
        if code is not None:
            return code
        why = self.ambiguous.get(table, {}).get(name)
        if why is not None:
            raise MapRejected(f"{written}: label '{v}' ambigu ({why})")
        raise MapRejected(f"{written}: label '{v}' tidak dikenal di pemetaan {self.spec.name}")

    def _compile_region(self, rule: ColumnRule) -> Getter:
        assert rule.region is not None
        parts = [
            self._find(h)
            for h in (rule.region.kabkota, rule.region.kecamatan, rule.region.kelurahan)
        ]
        if parts[2] is None:
            if rule.required:
                self.problems.append(
                    f"Kolom '{rule.region.kelurahan[0]}' tidak ada di baris judul."
                )
            return lambda values: None
        keys = [p[0] if p else None for p in parts]
        self.wanted.update(k for k in keys if k)
        kab, kec, kel = keys

        def get(values: Values) -> object:
            if self.regions is None:  # built on first use, once: two queries
                self.regions = RegionIndex.build(settings.KINERJA_KODE_WILAYAH)
            try:
                return self.regions.place(
                    str(values.get(kab) or "") if kab else "",
                    str(values.get(kec) or "") if kec else "",
                    str(values.get(kel) or "") if kel else "",
                )
            except RegionUnplaced as exc:
                raise MapRejected(str(exc)) from None

        return get

    def _compile_filter(self, headers, accept, reason) -> Callable[[Values], None]:
        found = self._find(headers)
        if found is None:
            self.problems.append(f"Kolom '{headers[0]}' tidak ada di baris judul.")
            return lambda values: None
        key = found[0]
        self.wanted.add(key)
        accepted = {normalise_label(a) for a in accept}
        passed: set[object] = set()  # cell texts already accepted

        def check(values: Values) -> None:
            v = values.get(key)
            if v in passed:
                return
            if v is None or normalise_label(v) not in accepted:
                raise MapRejected(f"{reason} (status: {v if v is not None else 'kosong'})")
            if len(passed) < MEMO_LIMIT:
                passed.add(v)

        return check


def _table(rows: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for label, code in rows.items():
        for spelling in label_spellings(label):
            table[spelling] = code
    return table
