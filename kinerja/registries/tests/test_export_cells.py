"""Issue 12 row 8: the registry CSV exports, the rejects file and the XLSX templates never write a
live formula: text typed as `=HYPERLINK(...)`, `+1`, `-1+2`, `@SUM(A1)` or `\\t=1` comes out behind
an apostrophe (`kinerja.lib.cells.safe_text`)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.lib.cells import FORMULA_START
from kinerja.registries.imports import run_import
from kinerja.registries.models import JenisLayanan
from kinerja.registries.templat import build_template

from .importing import IDENTITY, KK, NIK_P, read_rejects, write_csv
from .web_fixtures import data  # noqa: F401  (fixture)

HYPERLINK = '=HYPERLINK("http://x","klik")'
ATTACKS = [HYPERLINK, "+1", "-1+2", "@SUM(A1)", "\t=1"]
LISTS = [
    "orang_list", "ppks_list", "layanan_list", "dtks_list", "psks_list", "pelatihan_list",
    "bencana_list", "korban_list",
]  # fmt: skip


def _csv_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))
    for row in rows:
        for field in row:
            assert not field.startswith(FORMULA_START), field
    return rows


@pytest.fixture
def typed(data):  # noqa: F811
    """Every free-text field of the fixture registry typed as an attack."""
    data.budi.nama = HYPERLINK
    data.budi.save()
    data.siti.nama = "+1"
    data.siti.save()
    data.tanpa_nik.id_lokal = "@SUM(A1)"
    data.tanpa_nik.save()
    data.layanan_bansos.program = "-1+2"
    data.layanan_bansos.keterangan = "\t=1"
    data.layanan_bansos.save()
    data.bencana.kode_kejadian = "=BJR"
    data.bencana.sub_jenis = "@banjir"
    data.bencana.save()
    data.psks.nama = HYPERLINK
    data.psks.kode_psks = "-TKSK"
    data.psks.save()
    data.kegiatan.kode_kegiatan = "+K"
    data.kegiatan.nama_kegiatan = "=Bimtek"
    data.kegiatan.save()
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_registry_csv_export_writes_typed_text_as_text(client, users, typed, name):
    client.force_login(users["admin"])
    r = client.get(reverse(f"registri:{name}"), {"ekspor": "csv"})
    assert r.status_code == 200
    rows = _csv_rows(b"".join(r.streaming_content).decode("utf-8"))
    assert len(rows) > 1
    quoted = {f for row in rows[1:] for f in row if f.startswith("'")}
    assert quoted, rows  # every list above carries at least one attack
    assert quoted <= {"'" + a for a in [*ATTACKS, "=BJR", "@banjir", "-TKSK", "+K", "=Bimtek"]}


@pytest.mark.django_db
def test_registry_csv_export_keeps_numbers(client, users, typed):
    client.force_login(users["admin"])
    r = client.get(reverse("registri:layanan_list"), {"ekspor": "csv"})
    rows = _csv_rows(b"".join(r.streaming_content).decode("utf-8"))
    header = rows[0]
    assert "150000" in [row[header.index("nilai_rp")] for row in rows[1:]]
    assert "'-1+2" in [row[header.index("program")] for row in rows[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_rejects_file_writes_original_values_as_text(tmp_path, delimiter):
    header = [*IDENTITY, "jenis_ppks", "tanggal_daftar", "tanggal_selesai", "lokasi"]
    rows = [
        # unknown PPKS type, the attack in several cells of the row
        [NIK_P, "", HYPERLINK, "P", "1990-01-05", KK, "63.72.04.1003", "@SUM(A1)", "2025-01-15",
         "", "luar_panti"],
        ["", "-1+2", "+1", "L", "1990-01-05", "", "63.72.04.1003", "penyandang_disabilitas",
         "=1+1", "", "\t=1"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "ppks.csv", header, rows, delimiter=delimiter)
    result = run_import("ppks", path)
    assert result.rejected == 2 and result.accepted == 0
    text = result.rejects_path.read_text(encoding="utf-8-sig")
    parsed = _csv_rows(text, delimiter)
    assert len(parsed) == 3
    rejects = read_rejects(result.rejects_path, delimiter)
    assert rejects[0]["nama"] == "'" + HYPERLINK and rejects[0]["jenis_ppks"] == "'@SUM(A1)"
    assert rejects[1]["id_lokal"] == "'-1+2" and rejects[1]["nama"] == "'+1"
    assert rejects[1]["tanggal_daftar"] == "'=1+1"
    assert rejects[0]["baris"] == "2" and rejects[0]["alasan_ditolak"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["ppks", "layanan", "psks", "bencana", "korban"])
def test_xlsx_template_has_no_formula_cells(kind):
    JenisLayanan.objects.create(kode=HYPERLINK, nama="Kode jahat", kelompok="dasar")
    wb = load_workbook(io.BytesIO(build_template(kind)))
    values = []
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                assert not (isinstance(c.value, str) and c.value.startswith(FORMULA_START))
                values.append(c.value)
    if kind == "layanan":
        assert "'" + HYPERLINK in values  # the admin's code, in the dropdown list, as text
