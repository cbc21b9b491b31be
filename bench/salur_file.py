"""The `bansos-salur` benchmark file: a payout list (contract section 5) for the same people as the
`layanan` file of import_bench.py, with the same share of bad rows (2 %, of eight kinds)."""

import csv
import datetime as dt
import random
from pathlib import Path

NAMES = {
    "63.72.02": "LANDASAN ULIN", "63.72.03": "CEMPAKA", "63.72.04": "BANJARBARU UTARA",
    "63.72.05": "BANJARBARU SELATAN", "63.72.06": "LIANG ANGGANG",
    "63.72.02.1003": "Landasan Ulin Timur", "63.72.02.1004": "Guntung Payung",
    "63.72.02.1005": "Guntung Manggis", "63.72.02.1006": "Syamsudin Noor",
    "63.72.03.1001": "Palam", "63.72.03.1002": "Bangkal", "63.72.03.1003": "Sungai Tiung",
    "63.72.03.1004": "Cempaka", "63.72.04.1001": "Loktabat Utara", "63.72.04.1002": "Mentaos",
    "63.72.04.1003": "Komet", "63.72.04.1004": "Sungai Ulin", "63.72.05.1001": "Sungai Besar",
    "63.72.05.1002": "Loktabat Selatan", "63.72.05.1003": "Kemuning",
    "63.72.05.1004": "Guntung Paikat", "63.72.06.1001": "Landasan Ulin Barat",
    "63.72.06.1002": "Landasan Ulin Tengah", "63.72.06.1003": "Landasan Ulin Utara",
    "63.72.06.1004": "Landasan Ulin Selatan",
}  # fmt: skip
HEADER = [
    "NIK KPM", "NAMA KPM", "NO KK", "KECAMATAN", "DESA/KELURAHAN", "JENIS BANSOS", "TAHAP SALUR",
    "TANGGAL SALUR", "NOMINAL", "STATUS SALUR",
]  # fmt: skip
BANSOS = ["PKH", "BPNT", "Program Sembako", "BLT", "KUBE"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]  # fmt: skip


def generate(path: Path, rows: int, people: int, person) -> int:
    """The CSV (`person(i)` as in import_bench.py); returns how many rows are bad."""
    r = random.Random(rows)
    bad = 0
    start = dt.date(2021, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for n in range(rows):
            i = n % people
            nik, nama, _jk, _lahir, kel = person(i)
            k = n // people
            tanggal = start + dt.timedelta(days=k)
            if k % 10 == 9:  # one payment in ten dated by its tahap only
                salur = ""
            elif k % 2:
                salur = f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"
            else:
                salur = tanggal.strftime("%d/%m/%Y")
            tahap = f"Tahap {(tanggal.month - 1) // 3 + 1} Tahun {tanggal.year}"
            row = [
                nik, nama, "", NAMES[kel[:8]], NAMES[kel], BANSOS[n % len(BANSOS)], tahap,
                salur, "Rp 250.000", "SUKSES",
            ]  # fmt: skip
            if r.random() < 0.02:
                bad += 1
                kind = r.randrange(8)
                if kind == 0:
                    row[0] = "9972" + row[0][4:]  # unknown province
                elif kind == 1:
                    row[9] = "GAGAL"  # not paid
                elif kind == 2:
                    row[5] = "BANSOS LAIN"  # not a label of the mapping
                elif kind == 3:
                    row[8] = "1.5"  # not rupiah
                elif kind == 4:
                    row[4] = "Antah Berantah"  # no such kelurahan
                elif kind == 5:
                    row[7] = "31/02/2024"  # not a date
                elif kind == 6:
                    row[0], row[1] = f"637299{row[0][6:12]}0000", ""  # serial 0000
                else:
                    row[0], row[1] = f"6372990101{n % 90 + 10:02d}{n % 9999 + 1:04d}", ""
            w.writerow(row)
    return bad
