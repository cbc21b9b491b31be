"""What every row of one import run shares: the deployment, today, the user, the code lists."""

import datetime as dt
import itertools
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.utils import timezone

from kinerja.lib.dates import today as wita_today
from kinerja.regions.models import Tingkat, Wilayah

from ..models import Impor, JenisLayanan, JenisPpks, JenisPsks

MEMO_LIMIT = 50_000


@dataclass
class DryRunOverlay:
    """In a dry run nothing is written, so the people earlier rows would have created or given an
    identifier are remembered here, as keys only (a few dozen bytes a person), for later batches."""

    by_nik: dict[str, int] = field(default_factory=dict)
    by_id_lokal: dict[str, int] = field(default_factory=dict)
    identifiers: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(-1, -1))

    def new_id(self) -> int:
        return next(self._ids)


@dataclass
class ImportContext:
    kind: str
    user: object | None = None
    impor: Impor | None = None
    dry_run: bool = False
    columns: frozenset[str] = frozenset()
    kabkota: str = field(default_factory=lambda: settings.KINERJA_KODE_WILAYAH)
    today: dt.date = field(default_factory=wita_today)
    now: dt.datetime = field(default_factory=timezone.now)
    overlay: DryRunOverlay | None = None
    wilayah_cache: dict = field(default_factory=dict)  # raw kode_wilayah -> checked code (or error)
    memos: dict = field(default_factory=dict)  # (parser, column) -> {cell text: outcome}

    def __post_init__(self) -> None:
        if self.dry_run and self.overlay is None:
            self.overlay = DryRunOverlay()

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    def memo(self, key: Hashable) -> dict:
        """The outcomes of one cell parser for one column, by cell text: a file repeats its dates,
        codes and amounts, so each distinct text is checked once. Bounded, not per file size."""
        memo = self.memos.get(key)
        if memo is None or len(memo) >= MEMO_LIMIT:
            memo = self.memos[key] = {}
        return memo

    @cached_property
    def kabkota_nama(self) -> str:
        w = Wilayah.objects.filter(kode=self.kabkota).first()
        return w.nama if w else self.kabkota

    @cached_property
    def kelurahan(self) -> frozenset[str]:
        return frozenset(
            Wilayah.objects.in_kabkota(self.kabkota)
            .filter(tingkat=Tingkat.KELURAHAN)
            .values_list("kode", flat=True)
        )

    @cached_property
    def kecamatan(self) -> frozenset[str]:
        return frozenset(
            Wilayah.objects.in_kabkota(self.kabkota)
            .filter(tingkat=Tingkat.KECAMATAN)
            .values_list("kode", flat=True)
        )

    @cached_property
    def jenis_ppks(self) -> dict[str, str]:
        return _codes(JenisPpks)

    @cached_property
    def jenis_psks(self) -> dict[str, str]:
        return _codes(JenisPsks)

    @cached_property
    def jenis_layanan(self) -> dict[str, str]:
        return _codes(JenisLayanan)


def _codes(model) -> dict[str, str]:
    return {k.lower(): k for k in model.objects.filter(aktif=True).values_list("kode", flat=True)}
