""" "Mengapa berubah" in words: for each changed unit of a frozen figure, the person (NIK masked),
what changed in the registry since the freeze (which registration, which service, which move), and
links to those records. Two queries for the whole list (the list is capped by the engine)."""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from kinerja.indicators.engine import Change
from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.privacy import mask_nik
from kinerja.registries.models import Layanan, Orang, Ppks


@dataclass
class Rekaman:
    teks: str
    href: str


@dataclass
class Perubahan:
    change: Change
    nama: str = "–"
    nik: str = ""
    href: str | None = None
    rekaman: list[Rekaman] = field(default_factory=list)


def describe(changes: list[Change], since: dt.datetime | None) -> list[Perubahan]:
    """The changes with their person and the person's records written after `since` (the freeze)."""
    ids = {c.orang_id for c in changes if c.orang_id}
    people = {o.pk: o for o in Orang.objects.filter(pk__in=ids).only("pk", "nama", "nik")}
    records: dict[int, list[Rekaman]] = {}
    if since is not None and ids:
        for p in Ppks.objects.filter(orang_id__in=ids, updated_at__gt=since).select_related(
            "jenis"
        ):
            records.setdefault(p.orang_id, []).append(
                Rekaman(
                    f"Registrasi PPKS {p.jenis} sejak {tanggal_indonesia(p.tanggal_daftar)}",
                    reverse("registri:ppks_edit", args=[p.pk]),
                )
            )
        for s in Layanan.objects.filter(orang_id__in=ids, updated_at__gt=since).select_related(
            "jenis"
        ):
            records.setdefault(s.orang_id, []).append(
                Rekaman(
                    f"Layanan {s.jenis} {tanggal_indonesia(s.tanggal)}",
                    reverse("registri:layanan_edit", args=[s.pk]),
                )
            )
    out = []
    for c in changes:
        o = people.get(c.orang_id) if c.orang_id else None
        out.append(
            Perubahan(
                c,
                nama=o.nama if o else "–",
                nik=mask_nik(o.nik) if o else "",
                href=reverse("registri:orang_detail", args=[o.pk]) if o else None,
                rekaman=records.get(c.orang_id, []) if c.orang_id else [],
            )
        )
    return out
