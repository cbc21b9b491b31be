"""Reading the tree template (sheets `Pohon` and `Indikator`): columns, rows, the result's shape."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..models import Renstra, Tingkat

POHON = "Pohon"
INDIKATOR = "Indikator"
POHON_COLUMNS = ("tingkat", "kode", "induk", "uraian", "sasaran", "bidang", "seksi")
POHON_REQUIRED = ("tingkat", "kode", "uraian")
INDIKATOR_COLUMNS = (
    "simpul",
    "kode",
    "indikator",
    "jenis",
    "iku",
    "satuan",
    "polaritas",
    "frekuensi",
    "bidang",
)
INDIKATOR_REQUIRED = ("simpul", "kode", "indikator", "jenis", "satuan")
TARGET_HEADER = re.compile(r"^target[ _]?(\d{4})$")
TINGKAT_NAMA = {t.value: t.label.lower() for t in Tingkat}


class FileUnusable(Exception):
    """The file cannot be used at all; nothing is saved."""


@dataclass
class Tolakan:
    lembar: str
    baris: int
    nilai: dict[str, str]
    alasan: str


@dataclass
class HasilImpor:
    rows_read: int = 0
    accepted: int = 0
    tolakan: list[Tolakan] = field(default_factory=list)
    dibuat: list[str] = field(default_factory=list)
    diubah: dict[str, dict] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return len(self.tolakan)


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheets(source: Path | IO[bytes]) -> dict[str, list[tuple[int, dict[str, str]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileUnusable(
            "File bukan XLSX yang dapat dibaca; pakai templat pohon kinerja."
        ) from exc
    sheets: dict[str, list[tuple[int, dict[str, str]]]] = {}
    try:
        names = {name.strip().lower(): name for name in wb.sheetnames}
        for wanted in (POHON, INDIKATOR):
            name = names.get(wanted.lower())
            if name is None:
                continue
            rows = wb[name].iter_rows(values_only=True)
            header = [cell(h).lower() for h in next(rows, ())]
            out = []
            for number, row in enumerate(rows, start=2):
                values = {h: cell(v) for h, v in zip(header, row, strict=False) if h}
                if any(values.values()):
                    out.append((number, values))
            sheets[wanted] = [(0, dict.fromkeys(header, ""))] + out
    finally:
        wb.close()
    if POHON not in sheets:
        raise FileUnusable("Lembar 'Pohon' tidak ada; pakai templat pohon kinerja.")
    return sheets


def check_header(lembar: str, header: dict[str, str], required: tuple[str, ...]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise FileUnusable(f"Lembar '{lembar}': kolom wajib tidak ada: {', '.join(missing)}.")


def target_years(header: dict[str, str], renstra: Renstra) -> dict[str, int]:
    years = {}
    for column in header:
        match = TARGET_HEADER.match(column)
        if match:
            tahun = int(match.group(1))
            if tahun not in renstra.tahun:
                raise FileUnusable(
                    f"Kolom '{column}' di luar periode Renstra {renstra.periode_label}."
                )
            years[column] = tahun
    return years
