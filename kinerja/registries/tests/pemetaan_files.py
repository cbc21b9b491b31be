"""Files of other systems for the mapped-upload tests: a SIKS-NG PPKS export (XLSX, NIK and KK as
text cells) with two JENIS PPKS labels the built-in mapping does not know, and a BNBA list."""

import io
import re

import openpyxl

NIK_KK = re.compile(r"(?<!\d)\d{16}(?!\d)")
# The upload's id in the page's links and forms (uuid4().hex) holds 16 digits in a row about once
# in a hundred uploads: it is no NIK.
UNGGAH_ID = re.compile(r"[0-9a-f]{32}")


def nik_terbuka(html: str) -> re.Match | None:
    """A 16-digit NIK or KK shown whole, outside the upload's own id."""
    return NIK_KK.search(UNGGAH_ID.sub("", html))


SIKS_HEADER = [
    "NO", "NIK", "NO KK", "NAMA", "JENIS KELAMIN", "TANGGAL LAHIR", "KECAMATAN",
    "DESA/KELURAHAN", "JENIS PPKS", "TANGGAL PENDATAAN",
]  # fmt: skip
# Row 2-8 as Excel numbers them. Accepted once the two labels have codes: rows 2, 3, 4, 8.
# Rejected: 5 (NIK), 6 (a kelurahan Banjarbaru Utara does not have), 7 (31 February).
SIKS_ROWS = [
    [1, "6372046304920005", "6372040101920005", "RINA WATI", "PEREMPUAN", "23/04/1992",
     "BANJARBARU UTARA", "KOMET", "PENYANDANG DISABILITAS", "05/01/2024"],
    [2, "6372041208900009", "6372040101900009", "TONO", "LAKI-LAKI", "12/08/1990",
     "CEMPAKA", "PALAM", "LANSIA TELANTAR", "2024-02-01"],
    [3, "6372045502850011", "6372040101850011", "SARI", "PEREMPUAN", "15/02/1985",
     "KEC. LANDASAN ULIN", "GUNTUNG PAYUNG", "DISABILITAS NETRA", "01/03/2024"],
    [4, "1234", "6372040101800012", "SALAH NIK", "LAKI-LAKI", "01/01/1980",
     "CEMPAKA", "BANGKAL", "GELANDANGAN", "01/03/2024"],
    [5, "6372041506800013", "6372040101800013", "AHMAD", "LAKI-LAKI", "15/06/1980",
     "BANJARBARU UTARA", "SUKAMAJU", "PENGEMIS", "01/03/2024"],
    [6, "6372042007750015", "6372040101750015", "BAMBANG", "LAKI-LAKI", "20/07/1975",
     "CEMPAKA", "PALAM", "PENYANDANG DISABILITAS", "31/02/2024"],
    [7, "6372044101500017", "6372040101500017", "NENEK IJAH", "PEREMPUAN", "01/01/1950",
     "BANJARBARU UTARA", "MENTAOS", "LANSIA TELANTAR", "10/03/2024"],
]  # fmt: skip
UNKNOWN = {"LANSIA TELANTAR": 2, "DISABILITAS NETRA": 1}
CODES = {"LANSIA TELANTAR": "lanjut_usia_telantar", "DISABILITAS NETRA": "penyandang_disabilitas"}


def xlsx(header: list, rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def siks_ppks_xlsx() -> bytes:
    return xlsx(SIKS_HEADER, SIKS_ROWS)


BNBA_CSV = (
    "NAMA;NIK;NO KK;JENIS KELAMIN;UMUR;KECAMATAN;KELURAHAN;KONDISI;BANTUAN;TANGGAL BANTUAN\n"
    "RINA WATI;6372046304920005;6372040101920005;P;32;CEMPAKA;PALAM;MENGUNGSI;SEMBAKO, SELIMUT;"
    "12/01/2024\n"
)
