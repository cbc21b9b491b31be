"""Helpers: write CSV files and run the contract's commands in-process, returning exit code + output."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        err.write(str(exc))
        code = exc.returncode
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def compute_json(*args: str) -> list[dict]:
    code, out = run("compute", "--format", "json", *args)
    assert code == 0, out
    return json.loads(out)


@pytest.fixture
def csv_file(tmp_path):
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text.strip() + "\n", encoding="utf-8")
        return path

    return _write


PPKS = """
id_lokal,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,jenis_ppks,tanggal_daftar,lokasi
R-1,Ani,P,1980-01-01,63.72.04.1003,penyandang_disabilitas,2025-01-10,luar_panti
R-2,Budi,L,1950-05-05,63.72.04.1003,lanjut_usia_telantar,2025-01-10,luar_panti
R-3,Citra,P,1990-02-02,63.72.05.1001,penyandang_disabilitas,2025-01-15,luar_panti
R-4,Dodi,L,1960-03-03,63.72.05.1001,gelandangan,2025-01-20,
"""
LAYANAN_1 = """
id_lokal,jenis_layanan,tanggal
R-1,permakanan,2025-02-01
"""
# After approval: one more service (R-2 enters the numerator) and a new registration (R-5 enters the
# denominator only).
LAYANAN_2 = """
id_lokal,jenis_layanan,tanggal
R-2,sandang,2025-03-01
"""
PPKS_2 = """
id_lokal,nama,jenis_kelamin,tanggal_lahir,kode_wilayah,jenis_ppks,tanggal_daftar,lokasi
R-5,Eka,P,1975-04-04,63.72.02.1003,anak_telantar,2025-02-10,luar_panti
"""
