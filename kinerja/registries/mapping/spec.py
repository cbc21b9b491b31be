"""A mapping (pemetaan) as data: what a mapping file holds, read and written as JSON.

A mapping file is a JSON object (format `kinerja-pemetaan/1`):

    {"format": "kinerja-pemetaan/1", "name": "bansos-salur", "kind": "layanan",
     "title": "...", "needs": ["periode"],
     "columns": [{"to": "nik", "from": ["NIK KPM", "NIK"], "as": "nik", "required": true}, ...],
     "labels": {"jenis_bansos": {"PKH": "bansos_keluarga", ...}},
     "ambiguous": {"jenis_ppks": {"GEPENG": "gelandangan atau pengemis"}},
     "filters": [{"from": ["STATUS SALUR"], "accept": ["SUKSES"], "reason": "belum tersalur"}],
     "read": ["ALAMAT"],
     "each": {...}}

A column takes its value from a file header (`from`, several spellings allowed), a constant
(`constant`), an option of the run (`option`: `periode`, `kejadian`) or region names (`region`).
`as` says how the cell is read: `text` (default), `upper`, `nik`, `date`, `tahap`,
`jenis_kelamin`, `labels` (with `labels` naming the table). `else` is a second column rule used
when the first gives nothing. `each` (bnba-korban) makes one row of another kind per label of a
list cell. Unknown keys are refused, so a misspelt key never silently does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "kinerja-pemetaan/1"
READS = ("text", "upper", "nik", "date", "tahap", "jenis_kelamin", "labels")
OPTIONS = ("periode", "kejadian")
REGION_PARTS = ("kabkota", "kecamatan", "kelurahan")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message (Indonesian) says why."""


@dataclass(frozen=True)
class RegionRule:
    kabkota: tuple[str, ...] = ()
    kecamatan: tuple[str, ...] = ()
    kelurahan: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnRule:
    to: str  # the section-1 column it fills
    headers: tuple[str, ...] = ()  # `from`: file headers, as written in the spec
    read: str = "text"  # `as`
    labels: str | None = None  # the label table, for read == "labels"
    constant: str | None = None
    option: str | None = None
    region: RegionRule | None = None
    required: bool = False  # the header must be in the file and the cell filled
    fallback: ColumnRule | None = None  # `else`


@dataclass(frozen=True)
class RowFilter:
    headers: tuple[str, ...]
    accept: tuple[str, ...]
    reason: str  # the row is rejected with "<reason> (status: <value>)"


@dataclass(frozen=True)
class EachRule:
    """One row of `kind` per label in the list cell `headers` (split on `,` and `;`)."""

    kind: str
    to: str
    headers: tuple[str, ...]
    labels: str
    columns: tuple[ColumnRule, ...]  # besides the identity columns, which are shared
    share: tuple[str, ...]  # the columns of the main row copied to each row


@dataclass(frozen=True)
class MappingSpec:
    name: str
    kind: str
    title: str = ""
    needs: tuple[str, ...] = ()
    columns: tuple[ColumnRule, ...] = ()
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    ambiguous: dict[str, dict[str, str]] = field(default_factory=dict)
    filters: tuple[RowFilter, ...] = ()
    read_only: tuple[str, ...] = ()  # headers read and not stored
    each: EachRule | None = None
    version: int = 0  # 0: a built-in or a file; saved mappings count from 1
    builtin: bool = False

    def headers(self) -> set[str]:
        """Every header the mapping knows (normalised), for recognising a file."""
        from .text import normalise_header

        names: set[str] = set()
        rules = list(self.columns) + (list(self.each.columns) if self.each else [])
        for rule in rules:
            while rule is not None:
                names.update(rule.headers)
                if rule.region:
                    names.update(
                        rule.region.kabkota + rule.region.kecamatan + rule.region.kelurahan
                    )
                rule = rule.fallback  # type: ignore[assignment]
        for f in self.filters:
            names.update(f.headers)
        names.update(self.read_only)
        if self.each:
            names.update(self.each.headers)
        return {normalise_header(n) for n in names}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "name": self.name, "kind": self.kind}
        if self.title:
            data["title"] = self.title
        if self.needs:
            data["needs"] = list(self.needs)
        data["columns"] = [_rule_dict(r) for r in self.columns]
        if self.labels:
            data["labels"] = {k: dict(v) for k, v in self.labels.items()}
        if self.ambiguous:
            data["ambiguous"] = {k: dict(v) for k, v in self.ambiguous.items()}
        if self.filters:
            data["filters"] = [
                {"from": list(f.headers), "accept": list(f.accept), "reason": f.reason}
                for f in self.filters
            ]
        if self.read_only:
            data["read"] = list(self.read_only)
        if self.each:
            e = self.each
            data["each"] = {
                "kind": e.kind, "to": e.to, "from": list(e.headers), "labels": e.labels,
                "columns": [_rule_dict(r) for r in e.columns], "share": list(e.share),
            }  # fmt: skip
        return data


def _rule_dict(rule: ColumnRule) -> dict[str, Any]:
    d: dict[str, Any] = {"to": rule.to}
    if rule.headers:
        d["from"] = list(rule.headers)
    if rule.read != "text":
        d["as"] = rule.read
    if rule.labels:
        d["labels"] = rule.labels
    if rule.constant is not None:
        d["constant"] = rule.constant
    if rule.option:
        d["option"] = rule.option
    if rule.region:
        d["region"] = {p: list(getattr(rule.region, p)) for p in REGION_PARTS}
    if rule.required:
        d["required"] = True
    if rule.fallback:
        d["else"] = _rule_dict(rule.fallback)
    return d
