"""Helpers for import tests: write files, import them, read the rejects file back."""

import csv
from pathlib import Path

import pytest

from kinerja.registries.imports import run_import

NIK_P = "6372044501900001"  # perempuan, 05-01-1990
NIK_L = "6372040501900002"  # laki-laki, 05-01-1990
NIK_L2 = "6372041203850003"  # laki-laki, 12-03-1985
KK = "6372041234567890"
KEL = "63.72.04.1003"
IDENTITY = ["nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kode_wilayah"]


def write_csv(path: Path, header, rows, *, delimiter=",", bom=False) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def do_import(tmp_path: Path, kind: str, header, rows, *, name=None, **kwargs):
    path = write_csv(tmp_path / (name or f"{kind}.csv"), header, rows)
    return run_import(kind, path, **kwargs)


def read_rejects(path: Path, delimiter=",") -> list[dict]:
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def person_row(
    nik=NIK_P, id_lokal="", nama="Siti Aminah", jk="P", lahir="1990-01-05", kk=KK, kel=KEL
):
    return [nik, id_lokal, nama, jk, lahir, kk, kel]


@pytest.fixture
def psks(db):
    from kinerja.registries.models import Psks

    return Psks.objects.create(
        kode_psks="PSKS-0001",
        jenis_id="tksk",
        bentuk="orang",
        nama="Budi",
        tanggal_daftar="2020-01-01",
    )


@pytest.fixture
def bencana(db):
    from kinerja.registries.models import Bencana

    return Bencana.objects.create(
        kode_kejadian="BNC-2024-001", jenis="alam", tanggal_kejadian="2024-02-01", wilayah_id=KEL
    )
