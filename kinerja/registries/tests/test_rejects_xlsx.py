"""Rejects people can open (D131): an XLSX upload's rejects are a workbook of text cells (no
6,37E+15), the original row in its original columns plus `baris` and `alasan_ditolak`; a CSV upload's
keep its delimiter; the command line keeps FILE.rejected.csv; the masked variant works for both."""

import io
import stat
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.imports import run_import
from kinerja.registries.imports.reader import WINDOWS_1252_NOTICE
from kinerja.registries.imports.rejects import XlsxTable, is_personal, masked_rejects
from kinerja.registries.models import Impor, Orang

from .importing import KEL, KK, NIK_L, NIK_L2, NIK_P, person_row, write_xlsx
from .test_import_files import BAD, GOOD, PPKS

pytestmark = pytest.mark.django_db
HEADER = [*PPKS, "baris", "alasan_ditolak"]
FORMULA = [*person_row(nik=NIK_L2, nama="@SUM(1)", jk="L", lahir=""), "anak_telantar", "2024-01-10"]
NUMERIC = [int(NIK_L), None, "Budi", "L", None, KK, KEL, "anak_telantar", "2024-01-10"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheets(source) -> list[list[list]]:
    book = openpyxl.load_workbook(source)
    return [[[c for c in row] for row in ws.iter_rows()] for ws in book.worksheets]


def _values(rows) -> list[list]:
    return [[c.value for c in row] for row in rows]


def _cells(*values) -> list:
    """A row as openpyxl reads it back: an empty cell is None."""
    return [v if v != "" else None for v in values]


def test_xlsx_rejects_are_text_cells_with_the_original_row(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", PPKS, [GOOD, BAD, FORMULA, NUMERIC])
    out = tmp_path / "tolakan.xlsx"
    result = run_import("ppks", path, rejects_path=out)
    assert (result.rows_read, result.accepted, result.rejected) == (4, 1, 3)
    assert result.accepted + result.rejected == result.rows_read
    assert result.rejects_path == out and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx", "tolakan.xlsx"]  # no temp left
    [rows] = _sheets(out)
    assert _values(rows) == [
        HEADER,
        _cells(*BAD, "3", "jenis_ppks 'pengamen' tidak ada dalam daftar kode"),
        _cells(*FORMULA[:2], "'@SUM(1)", *FORMULA[3:], "4",
               "nama diawali '@' (awal rumus spreadsheet): tulis teksnya tanpa tanda itu"),
        [NIK_L, None, "Budi", "L", None, KK, KEL, "anak_telantar", "2024-01-10", "5",
         "NIK harus ditulis sebagai teks di Excel (sel angka hanya menyimpan 15 digit)"],
    ]  # fmt: skip
    for row in rows:
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "s" and cell.number_format == "@", cell
    assert all(c.font.b for c in rows[0]) and not any(c.font.b for c in rows[1])
    book = openpyxl.load_workbook(out)
    ws = book.active
    assert (ws.title, ws.freeze_panes) == ("tolakan", "A2")
    # Widths from the longest value + 2, between 8 and 60 (Excel adds 0.71 of padding).
    widths = {c: ws.column_dimensions[c].width - 0.7109375 for c in "ABCIJK"}
    assert widths == {"A": 18, "B": 10, "C": 9, "I": 16, "J": 8, "K": 60}  # a NIK fits in A


def test_a_sheet_holds_at_most_excels_rows_the_rest_follows_on_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(XlsxTable, "MAX_ROWS", 3)  # header + 2 rows a sheet
    bad = [[*person_row(nik=f"63720412039{i:05d}", nama=f"N{i}"), "x", "2024"] for i in range(5)]
    result = run_import(
        "ppks", write_xlsx(tmp_path / "p.xlsx", PPKS, bad), rejects_path=tmp_path / "t.xlsx"
    )
    assert (result.rows_read, result.rejected) == (5, 5)
    sheets = _sheets(tmp_path / "t.xlsx")
    assert [len(s) for s in sheets] == [3, 3, 2]
    assert all(_values(s)[0] == HEADER for s in sheets)
    names = [r[2] for s in sheets for r in _values(s)[1:]]
    assert names == ["N0", "N1", "N2", "N3", "N4"]
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames == [
        "tolakan", "tolakan 2", "tolakan 3",
    ]  # fmt: skip


def test_masked_xlsx_rejects_keep_the_format(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", PPKS, [GOOD, BAD])
    result = run_import("ppks", path, rejects_path=tmp_path / "t.xlsx")
    masked = b"".join(masked_rejects(result.rejects_path))
    [rows] = _sheets(io.BytesIO(masked))
    assert _values(rows)[1][:7] == [
        "6372********0002",
        None,
        "Budi",
        "L",
        "1990-01-05",
        "6372********7890",
        KEL,
    ]
    assert all(c.data_type == "s" for r in rows for c in r if c.value is not None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx", "t.xlsx"]


@pytest.mark.parametrize(
    "header,personal",
    [("nik", True), ("no_kk", True), ("NOMOR NIK", True), ("NIK KPM", True), ("No. KK", True),
     ("nama", False), ("kkn", False), ("kode_wilayah", False)],
)  # fmt: skip
def test_personal_columns_by_name_in_any_layout(header, personal):
    assert is_personal(header) is personal


def test_command_line_keeps_the_csv_rejects_of_the_contract(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", PPKS, [GOOD, BAD])
    result = run_import("ppks", path)
    assert result.rejects_path == tmp_path / "p.xlsx.rejected.csv"
    assert result.rejects_path.read_bytes().startswith(b"\xef\xbb\xbf" + b"nik,")


# -- through the web ----------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, name: str, content: bytes) -> str:
    f = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    r = client.post(reverse("registri:unggah_form", args=["ppks"]), {"file": f})
    assert r.status_code == 302
    return r["Location"]


def _import(client, user, name: str, content: bytes) -> Impor:
    client.force_login(user)
    pratinjau = _upload(client, name, content)
    client.post(pratinjau)
    return Impor.objects.get(uji_coba=False)


def _xlsx_bytes(tmp_path, rows) -> bytes:
    return write_xlsx(tmp_path / "up.xlsx", PPKS, rows).read_bytes()


def test_web_xlsx_upload_offers_xlsx_rejects(client, users, tmp_path):
    content = _xlsx_bytes(tmp_path, [GOOD, BAD])
    impor = _import(client, users["staf_rehabilitasi"], "ppks juni.xlsx", content)
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (2, 1, 1)
    assert impor.file_tolakan.endswith("tolakan.xlsx")
    assert stat.S_IMODE(Path(impor.file_tolakan).stat().st_mode) == 0o600
    for role in ("staf_rehabilitasi", "kabid_rehabilitasi", "admin"):
        client.force_login(users[role])
        r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))
        assert r.status_code == 200, role
        assert r["Content-Type"] == XLSX_TYPE
        assert 'filename="ppks juni.rejected.xlsx"' in r["Content-Disposition"]
        body = b"".join(r.streaming_content)
        [rows] = _sheets(io.BytesIO(body))
        assert _values(rows) == [
            HEADER,
            _cells(*BAD, "3", "jenis_ppks 'pengamen' tidak ada dalam daftar kode"),
        ]
        assert rows[1][0].data_type == "s" and rows[1][5].data_type == "s"
    client.force_login(users["perencana"])  # no right to this upload: 404, nothing
    assert client.post(reverse("registri:unggah_tolakan", args=[impor.pk])).status_code == 404
    assert AksesDataPribadi.objects.filter(jenis="ekspor").count() == 3


def test_web_xlsx_rejects_masked_for_a_reader_without_d3(client, users, tmp_path):
    user = users["staf_rehabilitasi"]
    impor = _import(client, user, "ppks.xlsx", _xlsx_bytes(tmp_path, [GOOD, BAD]))
    user.role = "perencana"
    user.save()
    client.force_login(user)
    r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))
    assert r.status_code == 200 and r["Content-Type"] == XLSX_TYPE
    assert 'filename="ppks.rejected.xlsx"' in r["Content-Disposition"]
    [rows] = _sheets(io.BytesIO(b"".join(r.streaming_content)))
    assert _values(rows)[1][0] == "6372********0002" and _values(rows)[1][5] == "6372********7890"
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "ekspor" and "disamarkan" in log.objek


def test_web_pipe_csv_upload_rejects_keep_the_pipe(client, users):
    text = "|".join(PPKS) + "\n" + "|".join(GOOD) + "\n" + "|".join(BAD) + "\n"
    impor = _import(client, users["staf_rehabilitasi"], "p.csv", text.encode())
    assert impor.file_tolakan.endswith("tolakan.csv")
    r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))
    body = r.getvalue() if not r.streaming else b"".join(r.streaming_content)
    lines = body.decode("utf-8-sig").splitlines()
    reason = "jenis_ppks 'pengamen' tidak ada dalam daftar kode"
    assert lines == ["|".join(HEADER), "|".join([*BAD, "3", reason])]


def test_web_windows_1252_upload_shows_the_notice(client, users):
    rows = [[*person_row(nama="José Muñoz", nik=NIK_P), "anak_telantar", "2024-01-10"]]
    content = "\r\n".join(";".join(r) for r in [PPKS, *rows]).encode("cp1252")
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "lama.csv", content)
    r = client.get(pratinjau)
    assert r.context["preview"]["notices"] == [WINDOWS_1252_NOTICE]
    assert "dibaca sebagai Windows-1252" in r.content.decode()
    assert "José Muñoz" in r.content.decode()
    proses = client.post(pratinjau)["Location"]
    html = client.get(proses).content.decode()
    assert "Impor selesai." in html and "dibaca sebagai Windows-1252" in html
    assert Orang.objects.get().nama == "José Muñoz"
    utf8 = _upload(client, "baru.csv", "\n".join(",".join(r) for r in [PPKS, GOOD]).encode())
    r = client.get(utf8)
    assert r.context["preview"]["notices"] == [] and "Windows-1252" not in r.content.decode()
