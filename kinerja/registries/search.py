"""The header's search box (D167): the registry lists' own searches over people, PSKS and
disasters, scoped to what the role may open, counted in SQL, each kind cut to its first rows.

A NIK or KK is searched only by the roles that see full NIK (D3): for anyone else a 16-digit
query matches nothing personal, or the search would tell them whose number it is.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from kinerja.organisation.permissions import Area, can_see_nik, can_view_records

from . import selectors
from .access import can_view_orang, orang_visible
from .selectors import NIK_RE, Window

LIMIT = 20
MIN_LENGTH = 3


@dataclass
class Hasil:
    q: str
    orang: list = field(default_factory=list)
    orang_total: int = 0
    psks: list = field(default_factory=list)
    psks_total: int = 0
    bencana: list = field(default_factory=list)
    bencana_total: int = 0
    nik_ditolak: bool = False  # a NIK was typed by a role that may not search by NIK

    @property
    def total(self) -> int:
        return self.orang_total + self.psks_total + self.bencana_total

    @property
    def personal(self) -> int:
        """People and PSKS found: the part of the result that is personal data (logged)."""
        return self.orang_total + self.psks_total


def _cut(qs: QuerySet) -> tuple[list, int]:
    rows = list(qs[: LIMIT + 1])
    total = len(rows) if len(rows) <= LIMIT else qs.count()
    return rows[:LIMIT], total


def cari(user, q: str) -> Hasil:
    q = " ".join((q or "").split())[:100]
    hasil = Hasil(q=q)
    nik = bool(NIK_RE.match(q))
    if nik and not can_see_nik(user):
        hasil.nik_ditolak = True
        return hasil
    # The registry lists' own searches (selectors), so the box finds what the lists find.
    w = Window(None, None)
    if can_view_orang(user):
        hasil.orang, hasil.orang_total = _cut(orang_visible(user, selectors.orang_list(q=q)))
    if can_view_records(user, Area.PSKS):
        hasil.psks, hasil.psks_total = _cut(selectors.psks_list(q=q, w=w))
    if can_view_records(user, Area.BENCANA) and not nik:
        hasil.bencana, hasil.bencana_total = _cut(selectors.bencana_list(q=q, w=w))
    return hasil
