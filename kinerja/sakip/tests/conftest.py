"""A small tree (2 tujuan ... sub-kegiatan) for the Renstra of the decree No. 061/2023, as XLSX."""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from kinerja.sakip.services.impor import pohon_impor
from kinerja.sakip.services.renstra import renstra_create

POHON_HEADER = ["tingkat", "kode", "induk", "uraian", "sasaran", "bidang", "seksi"]
INDIKATOR_HEADER = [
    "simpul",
    "kode",
    "indikator",
    "jenis",
    "iku",
    "satuan",
    "polaritas",
    "frekuensi",
    "bidang",
    "target 2025",
]
POHON = [
    ["tujuan", "T1", "", "Meningkatkan kesejahteraan sosial", "", "", ""],
    ["sasaran", "S1", "T1", "Meningkatnya pelayanan PPKS", "", "", ""],
    [
        "program",
        "1.06.02",
        "S1",
        "Program Rehabilitasi Sosial",
        "PPKS terlayani",
        "rehabilitasi",
        "",
    ],
    ["kegiatan", "1.06.02.2.01", "1.06.02", "Rehabilitasi sosial dasar", "", "", "Seksi RSD"],
    [
        "sub_kegiatan",
        "1.06.02.2.01.0001",
        "1.06.02.2.01",
        "Permakanan penyandang disabilitas",
        "",
        "",
        "",
    ],
    ["program", "1.06.04", "S1", "Program Perlindungan Sosial", "", "linjamsos", ""],
]
INDIKATOR = [
    ["T1", "IT-1", "Persentase PPKS terlayani", "dihitung", "IKU-2", "%", "", "", "", ""],
    [
        "1.06.02",
        "IP-1",
        "Jumlah PPKS yang direhabilitasi",
        "diketik",
        "",
        "orang",
        "naik",
        "",
        "",
        "200",
    ],
    [
        "1.06.02.2.01.0001",
        "IK-1",
        "Paket permakanan tersalur",
        "diketik",
        "",
        "paket",
        "",
        "bulan",
        "",
        "1200",
    ],
    ["1.06.04", "IP-2", "Waktu respon bencana", "diketik", "", "jam", "turun", "", "", "24"],
]


def xlsx_bytes(
    pohon: list[list],
    indikator: list[list] | None = None,
    *,
    sheets=("Pohon", "Indikator"),
    target_header: str = "target 2025",
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheets[0]
    ws.append(POHON_HEADER)
    for row in pohon:
        ws.append(row)
    if indikator is not None:
        ws2 = wb.create_sheet(sheets[1])
        ws2.append([*INDIKATOR_HEADER[:-1], target_header])
        for row in indikator:
            ws2.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def renstra(db, users):
    return renstra_create(
        nama="Renstra Dinas Sosial", periode_awal=2021, periode_akhir=2026, user=users["perencana"]
    )


@pytest.fixture
def tree(renstra, users):
    result = pohon_impor(
        renstra=renstra, source=BytesIO(xlsx_bytes(POHON, INDIKATOR)), user=users["perencana"]
    )
    assert (result.accepted, result.rejected) == (10, 0), result.tolakan
    return renstra


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
