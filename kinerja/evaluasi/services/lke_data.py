"""Loading a worksheet (LKE) version from its JSON file: a new regulation is data, not code."""

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from .. import models

Model = Callable[[str], Any]

BAWAAN = Path(__file__).resolve().parent.parent / "data" / "lke-permenpanrb-88.json"


class LkeTidakSah(ValueError):
    """The file does not describe a usable worksheet; the message says where, in Indonesian."""


def _angka(teks: Any, di: str) -> Decimal:
    try:
        nilai = Decimal(str(teks))
    except InvalidOperation:
        raise LkeTidakSah(f"{di}: '{teks}' bukan angka") from None
    if nilai < 0:
        raise LkeTidakSah(f"{di}: bobot/nilai tidak boleh negatif")
    return nilai


def periksa_data(data: dict[str, Any]) -> None:
    """Every weight a number, each component's sub-components adding up to its weight, the components
    to 100, every criterion on a declared scale whose values lie in 0-1."""
    for kunci in ("kode", "nama", "berlaku_mulai", "skala", "predikat", "komponen"):
        if kunci not in data:
            raise LkeTidakSah(f"bagian '{kunci}' tidak ada")
    for nama, pilihan in data["skala"].items():
        if not pilihan:
            raise LkeTidakSah(f"skala '{nama}' kosong")
        for label, nilai in pilihan:
            if not Decimal(0) <= _angka(nilai, f"skala '{nama}' {label}") <= Decimal(1):
                raise LkeTidakSah(f"skala '{nama}': nilai {label} harus antara 0 dan 1")
    total = Decimal(0)
    for k in data["komponen"]:
        bobot = _angka(k["bobot"], f"komponen {k['nomor']}")
        total += bobot
        jumlah_sub = sum(
            (_angka(s["bobot"], f"sub komponen {s['kode']}") for s in k["sub_komponen"]), Decimal(0)
        )
        if jumlah_sub != bobot:
            raise LkeTidakSah(
                f"komponen {k['nomor']}: bobot sub komponen berjumlah {jumlah_sub}, bukan {bobot}"
            )
        for s in k["sub_komponen"]:
            if s["skala"] not in data["skala"]:
                raise LkeTidakSah(f"sub komponen {s['kode']}: skala '{s['skala']}' tidak dikenal")
            if not s["kriteria"]:
                raise LkeTidakSah(f"sub komponen {s['kode']} tidak memiliki kriteria")
    if total != 100:
        raise LkeTidakSah(f"bobot komponen berjumlah {total}, bukan 100")


def _model(name: str) -> Any:
    return getattr(models, name)


@transaction.atomic
def lke_muat(data: dict[str, Any], model: Model = _model) -> Any:
    """Create the worksheet version described by `data` (see the built-in file for the shape).
    `model`: the migration's historical models when called from the data migration."""
    periksa_data(data)
    Lke, Komponen, SubKomponen, Kriteria = (
        model(n) for n in ("Lke", "Komponen", "SubKomponen", "Kriteria")
    )
    if Lke.objects.filter(kode=data["kode"]).exists():
        raise LkeTidakSah(f"LKE '{data['kode']}' sudah ada")
    lke = Lke.objects.create(
        kode=data["kode"],
        nama=data["nama"],
        berlaku_mulai=int(data["berlaku_mulai"]),
        skala=data["skala"],
        predikat=data["predikat"],
    )
    for k in data["komponen"]:
        komponen = Komponen.objects.create(
            lke=lke, nomor=k["nomor"], nama=k["nama"], bobot=Decimal(str(k["bobot"]))
        )
        for s in k["sub_komponen"]:
            sub = SubKomponen.objects.create(
                komponen=komponen,
                kode=s["kode"],
                nama=s["nama"],
                bobot=Decimal(str(s["bobot"])),
                skala=s["skala"],
            )
            Kriteria.objects.bulk_create(
                Kriteria(sub_komponen=sub, nomor=i, teks=teks)
                for i, teks in enumerate(s["kriteria"], start=1)
            )
    return lke


def lke_bawaan() -> dict[str, Any]:
    return json.loads(BAWAAN.read_text(encoding="utf-8"))
