"""Identity columns (contract section 1): who a row is about, and how the person is kept up to date.

A row names a person by `nik` and/or `id_lokal`. The rules, in order: both naming different people is a
conflict; one naming a person makes the row that person's, and the other identifier is added when the
person has none (a different existing value is a conflict); none naming anyone creates a person, who
then needs `nama`. Given fields update the person; an empty cell never erases.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from kinerja.lib import parsing
from kinerja.lib.nik import Nik, NikError, parse_nik
from kinerja.lib.privacy import mask_nik

from ..models import Orang
from .columns import Column
from .context import ImportContext
from .errors import RowRejected
from .fetch import select_keys
from .stage import Stage, Staged
from .values import get_date, get_text, identifier_text

IDENTITY_COLUMNS = (
    Column("nik", description="NIK 16 digit (di Excel: sel teks)."),
    Column("id_lokal", description="Nomor kasus Dinas, untuk orang tanpa NIK."),
    Column("nama", description="Nama lengkap; wajib untuk orang yang belum terdaftar."),
    Column("jenis_kelamin", description="L atau P (Laki-laki/Perempuan).", codes=("L", "P")),
    Column("tanggal_lahir", description="Tanggal lahir (2025-03-14 atau 14/03/2025)."),
    Column("no_kk", description="Nomor KK 16 digit (di Excel: sel teks)."),
    Column("kode_wilayah", description="Kode kelurahan domisili (63.72.04.1003 atau 6372041003)."),
)
PERSON_FIELDS = (
    "nik",
    "id_lokal",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "no_kk",
    "kelurahan_id",
    "nik_tidak_cocok",
    "peringatan",
)
NAMA_MAX = Orang._meta.get_field("nama").max_length
ID_LOKAL_MAX = Orang._meta.get_field("id_lokal").max_length


@dataclass(slots=True)
class Identity:
    nik: str | None
    nik_info: Nik | None
    id_lokal: str | None
    given: dict[str, Any]  # person fields given by the row (empty cells absent)


def digits16(value: object, label: str) -> str:
    """`nik` / `no_kk`: a text of 16 digits (Excel's leading `'` dropped: D132). A numeric XLSX cell
    has lost digits already."""
    value = identifier_text(value)
    if not isinstance(value, str):
        raise RowRejected(
            f"{label} harus ditulis sebagai teks di Excel (sel angka hanya menyimpan 15 digit)"
        )
    if len(value) != 16 or not value.isdigit() or not value.isascii():
        # A near-NIK (a digit lost or added) is still one: masked; short junk stays readable.
        shown = mask_nik(value) if len(value) >= 10 else value
        raise RowRejected(f"{label} '{shown}' harus 16 digit angka")
    return value


def parse_nik_cell(value: object, ctx: ImportContext) -> Nik:
    text = digits16(value, "NIK")
    try:
        return parse_nik(text, today=ctx.today)
    except NikError as exc:
        raise RowRejected(str(exc)) from None


def kelurahan(value: object, ctx: ImportContext, *, allow_kecamatan: bool = False) -> str:
    cache = ctx.wilayah_cache
    key = (value, allow_kecamatan)
    if key in cache:
        return cache[key]
    cache[key] = result = _kelurahan(value, ctx, allow_kecamatan=allow_kecamatan)
    return result


def _kelurahan(value: object, ctx: ImportContext, *, allow_kecamatan: bool) -> str:
    try:
        kode = parsing.kode_wilayah(value)
    except parsing.ParseError as exc:
        raise RowRejected(str(exc)) from None
    if kode in ctx.kelurahan or (allow_kecamatan and kode in ctx.kecamatan):
        return kode
    level = "kelurahan atau kecamatan" if allow_kecamatan else "kelurahan"
    raise RowRejected(f"kode_wilayah '{value}' bukan {level} di {ctx.kabkota_nama} ({ctx.kabkota})")


def parse_identity(
    values: dict[str, object], ctx: ImportContext, *, need_nik: bool = False
) -> Identity:
    """The row's identity fields, checked one by one (no database)."""
    nik = nik_info = None
    if "nik" in values:
        nik_info = parse_nik_cell(values["nik"], ctx)
        nik = nik_info.nik
    elif need_nik:
        raise RowRejected("nik wajib diisi")
    id_lokal = get_text(values, "id_lokal", max_length=ID_LOKAL_MAX)
    if nik is None and id_lokal is None:
        raise RowRejected("nik atau id_lokal wajib diisi")
    given: dict[str, Any] = {}
    if (nama := get_text(values, "nama", max_length=NAMA_MAX)) is not None:
        given["nama"] = nama
    if "jenis_kelamin" in values:
        try:
            given["jenis_kelamin"] = parsing.jenis_kelamin(values["jenis_kelamin"])
        except parsing.ParseError as exc:
            raise RowRejected(str(exc)) from None
    if (lahir := get_date(values, "tanggal_lahir", ctx)) is not None:
        given["tanggal_lahir"] = lahir
    if "no_kk" in values:
        given["no_kk"] = digits16(values["no_kk"], "no_kk")
    if "kode_wilayah" in values:
        given["kelurahan_id"] = kelurahan(values["kode_wilayah"], ctx)
    return Identity(nik, nik_info, id_lokal, given)


@functools.lru_cache(maxsize=4096)
def _nik_info(nik: str, today: dt.date) -> Nik | None:
    try:
        return parse_nik(nik, today=today)
    except NikError:
        return None


def _nik_check(values: dict[str, Any], today: dt.date, info: Nik | None = None) -> None:
    """Fill sex and birth date from a valid NIK where empty; flag a NIK that disagrees."""
    nik = values.get("nik")
    if info is None or info.nik != nik:
        info = _nik_info(nik, today) if nik else None
    if info is None:
        values["nik_tidak_cocok"] = False
        values["peringatan"] = ""
        return
    if not values.get("jenis_kelamin"):
        values["jenis_kelamin"] = info.jenis_kelamin
    if values.get("tanggal_lahir") is None:
        values["tanggal_lahir"] = info.tanggal_lahir
    problems = []
    if values["jenis_kelamin"] != info.jenis_kelamin:
        problems.append(
            f"jenis kelamin {values['jenis_kelamin']}, menurut NIK {info.jenis_kelamin}"
        )
    if values["tanggal_lahir"] != info.tanggal_lahir:
        problems.append(
            f"tanggal lahir {values['tanggal_lahir']:%Y-%m-%d}, menurut NIK {info.tanggal_lahir:%Y-%m-%d}"
        )
    values["nik_tidak_cocok"] = bool(problems)
    values["peringatan"] = ("NIK tidak cocok: " + "; ".join(problems)) if problems else ""


class Person(Staged):
    """A person of the batch. Hashable by identity, so records can key on it before it has an id."""

    __slots__ = ()


@dataclass(slots=True)
class PersonPlan:
    person: Person
    values: dict[str, Any]
    new: bool


class PersonBook:
    """The people of one batch, found with set-based queries, then kept up to date row by row."""

    def __init__(self, ctx: ImportContext, prev: "PersonBook | None" = None) -> None:
        self.ctx = ctx
        self.stage = Stage(Orang, PERSON_FIELDS)
        self.by_nik: dict[str, Person] = {}
        self.by_id_lokal: dict[str, Person] = {}
        self.by_pk: dict[int, Person] = {}
        # The previous batch's people, while it may still be uncommitted (see stage.py): they win
        # over the database. Only people this batch names are taken over.
        self.prev = prev

    def _register(self, person: Person) -> None:
        if person.values.get("nik"):
            self.by_nik[person.values["nik"]] = person
        if person.values.get("id_lokal"):
            self.by_id_lokal[person.values["id_lokal"]] = person

    def _load(self, pk: int, values: dict[str, Any]) -> None:
        if pk in self.by_pk:
            return
        prev = self.prev
        if prev is not None and (person := prev.by_pk.get(pk)) is not None:
            self._adopt(person)
            return
        person = Person(pk, values, values)  # plan() never mutates, it replaces
        self.stage.items[pk] = person
        self.by_pk[pk] = person
        self._register(person)

    def _adopt(self, person: Person) -> None:
        """Take over a person of the previous batch, with the values it gave them. One it created
        has no id yet (it gets it when that batch is committed, before this one is written)."""
        if person.pk is not None:
            if person.pk in self.by_pk:
                return
            self.by_pk[person.pk] = person
            self.stage.items[person.pk] = person
        else:
            self.stage.items[person] = person
        self._register(person)

    def _from_prev(self, niks: set[str], ids: set[str]) -> None:
        prev = self.prev
        assert prev is not None  # called only when there is a previous batch
        for keys, known in ((niks, prev.by_nik), (ids, prev.by_id_lokal)):
            for k in [k for k in keys if k in known]:
                keys.discard(k)
                self._adopt(known[k])
        # An identifier of an adopted person is not looked up again.
        niks -= self.by_nik.keys()
        ids -= self.by_id_lokal.keys()

    def prefetch(self, identities: list[Identity]) -> None:
        """Everyone the batch's identifiers name, in at most three queries."""
        niks = {i.nik for i in identities if i.nik} - self.by_nik.keys()
        ids = {i.id_lokal for i in identities if i.id_lokal} - self.by_id_lokal.keys()
        if self.prev is not None:
            self._from_prev(niks, ids)
        overlay = self.ctx.overlay
        pks: set[int] = set()
        if overlay is not None:
            for keys, known in ((niks, overlay.by_nik), (ids, overlay.by_id_lokal)):
                for k in [k for k in keys if k in known]:
                    keys.discard(k)
                    pid = known[k]
                    if pid > 0:
                        pks.add(pid)
                    elif pid not in self.by_pk:
                        nik, id_lokal = overlay.identifiers[pid]
                        values = dict.fromkeys(PERSON_FIELDS)
                        values.update(nik=nik, id_lokal=id_lokal)
                        self._load(pid, values)
        kabkota = self.ctx.kabkota
        for key, wanted in (
            (("kode_kabkota", "nik"), [(kabkota, n) for n in niks]),
            (("kode_kabkota", "id_lokal"), [(kabkota, i) for i in ids]),
            (("id",), [(pk,) for pk in pks - self.by_pk.keys()]),
        ):
            for pk, *vals in select_keys(Orang, PERSON_FIELDS, key, wanted):
                values = dict(zip(PERSON_FIELDS, vals, strict=True))
                if overlay is not None and pk in overlay.identifiers:
                    values["nik"], values["id_lokal"] = overlay.identifiers[pk]
                self._load(pk, values)

    def registered(self, ident: Identity) -> list[Person]:
        """The people in the database (or, in a dry run, in earlier batches) the row's identifiers
        name: what the kind's prefetch looks the row's records up by."""
        found = [self.by_nik.get(ident.nik or ""), self.by_id_lokal.get(ident.id_lokal or "")]
        return [p for p in found if p is not None and p.pk is not None and p.pk > 0]

    def plan(self, ident: Identity) -> PersonPlan:
        """Which person the row is, and their values once the row is applied. Changes nothing."""
        by_nik = self.by_nik.get(ident.nik) if ident.nik else None
        by_id = self.by_id_lokal.get(ident.id_lokal) if ident.id_lokal else None
        if by_nik is not None and by_id is not None and by_nik is not by_id:
            raise RowRejected(
                f"NIK {mask_nik(ident.nik)} dan id_lokal {ident.id_lokal} terdaftar untuk dua "
                "orang berbeda"
            )
        person = by_nik or by_id
        if person is None:
            if "nama" not in ident.given:
                raise RowRejected("nama wajib diisi untuk orang yang belum terdaftar")
            values = dict.fromkeys(PERSON_FIELDS)
            values.update(nik=ident.nik, id_lokal=ident.id_lokal, jenis_kelamin="", no_kk="")
            values.update(ident.given)
            _nik_check(values, self.ctx.today, ident.nik_info)
            return PersonPlan(Person(None, values, None), values, True)
        current = person.values
        values = {**current, **ident.given}
        for name, given in (("nik", ident.nik), ("id_lokal", ident.id_lokal)):
            if given and current[name] and current[name] != given:
                label = "NIK" if name == "nik" else "id_lokal"
                other = "id_lokal" if name == "nik" else "NIK"
                shown = mask_nik if name == "nik" else str  # never a stored NIK in full (row 7)
                by = given_other(ident, name)
                by = mask_nik(by) if other == "NIK" else by
                raise RowRejected(
                    f"konflik identitas: orang dengan {other} {by} sudah "
                    f"memiliki {label} {shown(current[name])}, bukan {shown(given)}"
                )
            if given:
                values[name] = given
        _nik_check(values, self.ctx.today, ident.nik_info)
        return PersonPlan(person, values, False)

    def commit(self, plan: PersonPlan, row: int) -> Person:
        person = plan.person
        if plan.new:
            person.row = row
            self.stage.items[person] = person  # keyed by itself until it has an id
        elif plan.values != person.values:
            person.values = plan.values
            person.row = row
        self._register(person)
        return person

    def release(self) -> None:
        """This batch is committed: the next one need not take over its people."""
        self.prev = None

    def remember(self) -> None:
        """Dry run: keep the identifiers this batch would have written, for later batches."""
        overlay = self.ctx.overlay
        assert overlay is not None  # a dry run always has its overlay
        for person in self.stage.items.values():
            ident = (person.values.get("nik"), person.values.get("id_lokal"))
            if person.pk is None:
                person.pk = overlay.new_id()
            elif person.orig is not None and ident == (
                person.orig.get("nik"),
                person.orig.get("id_lokal"),
            ):
                continue
            overlay.identifiers[person.pk] = ident
            if ident[0]:
                overlay.by_nik[ident[0]] = person.pk
            if ident[1]:
                overlay.by_id_lokal[ident[1]] = person.pk


def given_other(ident: Identity, name: str) -> str | None:
    return ident.id_lokal if name == "nik" else ident.nik
