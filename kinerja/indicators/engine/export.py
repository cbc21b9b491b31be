"""XLSX export of a drill-down list."""

from typing import Protocol

from kinerja.lib.cells import safe_row
from kinerja.lib.dates import tanggal_indonesia
from kinerja.lib.privacy import mask_nik as _mask

from .drilldown import DrillRow


class Writable(Protocol):
    """A binary stream, or an HttpResponse: all openpyxl's zip writer needs is `write`."""

    def write(self, data: bytes, /) -> object: ...


HEADER = [
    "No", "ID unit", "Kode/NIK/ID lokal", "Nama", "NIK", "ID lokal", "Tanggal lahir",
    "Kelurahan", "Kecamatan", "Jenis kelamin", "Kelompok umur", "Jenis", "Kode kejadian",
    "Masuk pembilang", "Alasan",
]  # fmt: skip
# D60: for a reader outside the units' registry, no identity column at all.
HEADER_TANPA_IDENTITAS = [
    "No", "Unit", "Kelurahan", "Kecamatan", "Jenis kelamin", "Kelompok umur", "Jenis",
    "Kode kejadian", "Masuk pembilang", "Alasan",
]  # fmt: skip


def _common(r: DrillRow) -> list[object]:
    return [
        r.kelurahan or "", r.kecamatan or "", r.jenis_kelamin or "tidak diketahui",
        r.kelompok_umur or "tidak diketahui", ", ".join(r.jenis), r.kode_kejadian,
        "ya" if r.pembilang else "tidak", r.alasan_label,
    ]  # fmt: skip


def export_xlsx(
    rows: list[DrillRow],
    out: Writable | str,
    *,
    mask_nik: bool,
    title: str = "Rincian",
    identitas: bool = True,
) -> None:
    """Write the list to `out` (path or binary stream). With `mask_nik`, NIK shows as 6372****0001;
    without `identitas` the rows must come from `without_identity` and carry no identity column."""
    from openpyxl import (
        Workbook,
    )  # imported here: every process that starts Django loads the engine

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(safe_row([title]))
    ws.append(HEADER if identitas else HEADER_TANPA_IDENTITAS)
    for i, r in enumerate(rows, start=1):
        if not identitas:
            ws.append(safe_row([i, r.kode, *_common(r)]))
            continue
        nik = _mask(r.nik) if mask_nik else r.nik
        kode = _mask(r.kode) if (mask_nik and r.kode == r.nik and r.nik) else r.kode
        lahir = tanggal_indonesia(r.tanggal_lahir) if r.tanggal_lahir else ""
        ws.append(safe_row([i, r.unit_id, kode, r.nama, nik, r.id_lokal, lahir, *_common(r)]))
    wb.save(out)
