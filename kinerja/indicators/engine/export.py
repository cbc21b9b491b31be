"""XLSX export of a drill-down list."""

from typing import BinaryIO

from openpyxl import Workbook

from kinerja.lib.cells import safe_row, safe_text
from kinerja.lib.dates import tanggal_indonesia

from .drilldown import DrillRow

HEADER = [
    "No", "ID unit", "Kode/NIK/ID lokal", "Nama", "NIK", "ID lokal", "Tanggal lahir",
    "Kelurahan", "Kecamatan", "Jenis kelamin", "Kelompok umur", "Jenis", "Kode kejadian",
    "Masuk pembilang", "Alasan",
]  # fmt: skip


def _mask(value: str) -> str:
    from kinerja.lib.privacy import mask_nik

    return mask_nik(value)


def export_xlsx(
    rows: list[DrillRow], out: BinaryIO | str, *, mask_nik: bool, title: str = "Rincian"
) -> None:
    """Write the list to `out` (path or binary stream). With `mask_nik`, NIK shows as 6372****0001."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append([safe_text(title)])
    ws.append(HEADER)
    for i, r in enumerate(rows, start=1):
        nik = _mask(r.nik) if mask_nik else r.nik
        kode = _mask(r.kode) if (mask_nik and r.kode == r.nik and r.nik) else r.kode
        # Names, codes and local ids are typed by people: `safe_row` keeps `=HYPERLINK(...)` text.
        ws.append(
            safe_row([
                i, r.unit_id, kode, r.nama, nik, r.id_lokal,
                tanggal_indonesia(r.tanggal_lahir) if r.tanggal_lahir else "",
                r.kelurahan or "", r.kecamatan or "", r.jenis_kelamin or "tidak diketahui",
                r.kelompok_umur or "tidak diketahui", ", ".join(r.jenis), r.kode_kejadian,
                "ya" if r.pembilang else "tidak", r.alasan_label,
            ])
        )  # fmt: skip
    wb.save(out)
