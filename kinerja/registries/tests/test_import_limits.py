"""Bounded files (issue 12 rows 9 and 10, D110-D113): a file beyond a bound is refused whole before
anything is saved (exit 2, an Indonesian message); no English library text reaches the user."""

import re
import time
import zipfile

import pytest
from django.test import override_settings

from kinerja.registries.imports import preview_import, run_import
from kinerja.registries.imports.errors import FileBeyondLimits, FileUnusable
from kinerja.registries.imports.reader import open_source
from kinerja.registries.models import Impor, Layanan, Orang, Ppks

from .importing import IDENTITY, NIK_L, NIK_P, person_row, read_rejects, write_csv
from .test_import_files import GOOD, PPKS, command
from .xlsx_bombs import dimension_bomb, shared_string_bomb, write_xlsx

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r"\b(the|is|not|error|field|larger|than|line|expected|invalid|bad)\b", re.I)


def good(i: int) -> list[str]:
    """Valid ppks rows of distinct people (id_lokal, no NIK)."""
    return [
        "",
        f"LOK-{i}",
        f"Warga {i}",
        "L",
        "",
        "",
        "63.72.04.1003",
        "anak_telantar",
        "2024-01-10",
    ]


def assert_refused(code, err, *words):
    assert code == 2, err
    assert "Tidak ada data yang disimpan" in err
    for w in words:
        assert w in err, err
    message = err.split("File tidak dapat dipakai:")[1]
    assert not ENGLISH.search(message), message
    assert "/tmp" not in err and "Traceback" not in err
    assert not Impor.objects.exists() and not Orang.objects.exists() and not Ppks.objects.exists()


# ---- row 9: a CSV cell over csv's own field limit (131,072 characters) ----------------------


def test_row9_csv_cell_over_131072_characters_refuses_the_file_nothing_saved(tmp_path):
    """Today: a traceback, exit 1, the first batches saved and the Impor's counts wrong."""
    rows = [good(i) for i in range(2500)]  # more than one batch before the long cell
    rows.append([*good(9999)[:7], "x" * 140_000, "2024-01-10"])
    rows += [good(i) for i in range(2500, 2600)]
    path = write_csv(tmp_path / "p.csv", PPKS, rows)
    code, out, err = command("ppks", path)
    assert_refused(code, err, "Baris 2.502", "10.000 karakter")
    assert "accepted" not in out


def test_row9_unclosed_quote_swallowing_the_rest_names_the_row_and_the_cause(tmp_path):
    path = tmp_path / "p.csv"
    lines = [",".join(PPKS)] + [",".join(good(i)) for i in range(3)]
    lines.append(',LOK-X,"Budi tanpa kutip penutup,L,,,63.72.04.1003,anak_telantar,2024-01-10')
    lines += [",".join(good(i)) for i in range(10, 2000)]  # 60 KB swallowed into one cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = command("ppks", path)
    assert_refused(code, err, "Baris 5", "tanda kutip")


@pytest.mark.parametrize("quoted", [False, True], ids=["tanpa-kutip", "dengan-kutip"])
@override_settings(KINERJA_IMPOR_MAKS_SEL=50)
def test_cell_length_limit_both_ways_of_scanning(tmp_path, quoted):
    """Without quotes the bound is proved on the bytes; with them the csv module parses once."""
    nama = '"Siti, S.Pd"' if quoted else "Siti"
    long_row = ",".join([*person_row(nama="y" * 51), "anak_telantar", "2024-01-10"])
    path = tmp_path / "p.csv"
    path.write_text(
        "\n".join(
            [
                ",".join(PPKS),
                ",".join([*person_row(nama=nama), "anak_telantar", "2024-01-10"]),
                long_row,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, _, err = command("ppks", path)
    assert_refused(code, err, "Baris 3", "50 karakter")


@override_settings(KINERJA_IMPOR_MAKS_SEL=50)
def test_cell_at_the_limit_is_read(tmp_path):
    row = [*person_row(nama="y" * 50), "anak_telantar", "2024-01-10"]
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [row]))
    assert (result.accepted, result.fatal) == (1, None)
    assert Orang.objects.get().nama == "y" * 50


# ---- rows and columns --------------------------------------------------------------------


@pytest.mark.parametrize("quoted", [False, True], ids=["tanpa-kutip", "dengan-kutip"])
@override_settings(KINERJA_IMPOR_MAKS_BARIS=5)
def test_rows_limit(tmp_path, quoted):
    rows = [good(i) for i in range(5)]
    if quoted:
        rows[0][2] = "Warga, nol"  # csv.writer quotes it
    assert run_import("ppks", write_csv(tmp_path / "ok.csv", PPKS, rows)).accepted == 5
    Impor.objects.all().delete(), Ppks.objects.all().delete(), Orang.objects.all().delete()
    code, _, err = command("ppks", write_csv(tmp_path / "p.csv", PPKS, [*rows, good(5)]))
    assert_refused(code, err, "lebih dari 5 baris data")


@override_settings(KINERJA_IMPOR_MAKS_BARIS=2)
def test_blank_lines_do_not_count_as_rows(tmp_path):
    path = tmp_path / "p.csv"
    lines = [",".join(PPKS), ",".join(good(1)), "", "", "", ",".join(good(2)), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert run_import("ppks", path).accepted == 2


@pytest.mark.parametrize("row", [1, 3], ids=["judul", "data"])
@override_settings(KINERJA_IMPOR_MAKS_KOLOM=20)
def test_columns_limit(tmp_path, row):
    header = [*PPKS, *[f"x{i}" for i in range(12 if row == 1 else 0)]]
    rows = [GOOD, [*GOOD, *([""] * (12 if row == 3 else 0))]]
    code, _, err = command("ppks", write_csv(tmp_path / "p.csv", header, rows))
    assert_refused(code, err, f"Baris {row}", "21 sel", "batasnya 20 kolom")


@override_settings(KINERJA_IMPOR_MAKS_MB=0)
def test_file_size_limit(tmp_path):
    code, _, err = command("ppks", write_csv(tmp_path / "p.csv", PPKS, [GOOD]))
    assert_refused(code, err, "File terlalu besar", "batasnya 0 MB")


def test_lone_cr_line_ends_are_read_as_the_csv_module_reads_them(tmp_path):
    """Old Mac line ends: the byte scan cannot tell rows apart, the csv module can."""
    path = tmp_path / "p.csv"
    path.write_bytes(
        ("\r".join([",".join(PPKS), ",".join(good(1)), ",".join(good(2))]) + "\r").encode()
    )
    result = run_import("ppks", path)
    assert (result.rows_read, result.accepted, result.fatal) == (2, 2, None)


# ---- row 10: XLSX bombs -------------------------------------------------------------------


def test_row10_dimension_bomb_refused_at_once(tmp_path):
    """1.8 KB declaring A1:XFD1048576: today 438 s (openpyxl pads every row to 16,384 cells)."""
    path = dimension_bomb(tmp_path / "bom.xlsx", PPKS)
    assert path.stat().st_size < 2500
    started = time.perf_counter()
    code, _, err = command("ppks", path)
    assert_refused(code, err, "1.048.576 baris x 16.384 kolom")
    assert time.perf_counter() - started < 5  # the bench measures it properly: well under 1 s


def test_undeclared_cell_far_away_is_not_padded(tmp_path):
    """Without a declared size, a cell at XFD1048576 is one row to skip, not a million."""
    rows = [PPKS, [*person_row(), "anak_telantar", "2024-01-10"]]
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = write_xlsx(tmp_path / "p.xlsx", rows, extra_rows=far)
    started = time.perf_counter()
    result = run_import("ppks", path)
    assert time.perf_counter() - started < 5
    # The far cell is in no named column: its row is read and rejected, with its number.
    assert (result.rows_read, result.accepted, result.rejected) == (2, 1, 1)
    assert read_rejects(result.rejects_path)[0]["baris"] == "1048576"


def test_row10_shared_string_bomb_refused_before_unpacking(tmp_path):
    """A few hundred KB holding one shared string of many MB: refused from the zip directory."""
    path = shared_string_bomb(tmp_path / "bom.xlsx", PPKS, 20)
    assert path.stat().st_size < 100_000
    code, _, err = command("ppks", path)
    assert_refused(code, err, "dimampatkan secara tidak wajar", "zip bomb")


@override_settings(KINERJA_IMPOR_MAKS_XLSX_MB=1, KINERJA_IMPOR_MAKS_RASIO_ZIP=100_000)
def test_xlsx_unpacked_size_limit(tmp_path):
    path = shared_string_bomb(tmp_path / "besar.xlsx", PPKS, 2)
    code, _, err = command("ppks", path)
    assert_refused(code, err, "setelah dibuka, batasnya 1 MB")


@override_settings(KINERJA_IMPOR_MAKS_BARIS=3)
def test_xlsx_rows_counted_before_the_import(tmp_path):
    rows = [PPKS] + [good(i) for i in range(4)]
    code, _, err = command("ppks", write_xlsx(tmp_path / "p.xlsx", rows))
    assert_refused(code, err, "lebih dari 3 baris data")


@override_settings(KINERJA_IMPOR_MAKS_SEL=50)
def test_xlsx_cell_over_the_limit_rejects_its_row_only(tmp_path):
    """XLSX rows are delimited by the file's structure: the row is rejected, the others kept."""
    rows = [PPKS, good(1), [*good(2)[:2], "z" * 51, *good(2)[3:]], good(3)]
    shared = write_xlsx(
        tmp_path / "s.xlsx", [PPKS, good(4), ["", "LOK-5", ("s", 0)]], shared=["w" * 60]
    )
    result = run_import("ppks", write_xlsx(tmp_path / "p.xlsx", rows))
    assert (result.rows_read, result.accepted, result.rejected) == (3, 2, 1)
    (rejected,) = read_rejects(result.rejects_path)
    assert rejected["baris"] == "3" and "lebih dari 50 karakter" in rejected["alasan_ditolak"]
    result = run_import("ppks", shared)
    assert (result.rows_read, result.accepted, result.rejected) == (2, 1, 1)
    assert Impor.objects.filter(diterima=2, ditolak=1).exists()


def test_xlsx_damaged_data_refused_before_the_import(tmp_path):
    """A flipped byte in the sheet: zipfile's CRC check fails in the scan, nothing is saved."""
    path = write_xlsx(tmp_path / "p.xlsx", [PPKS] + [good(i) for i in range(50)])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    code, _, err = command("ppks", path)
    assert_refused(code, err, "XLSX tidak dapat dibuka")


def test_xlsx_sheet_breaking_off_midway_says_what_was_saved(tmp_path, monkeypatch):
    """A sheet whose XML ends mid-row (intact zip): rows before it were imported; the message
    says so instead of a traceback."""
    rows = [PPKS] + [good(i) for i in range(5)]
    # Declared size first: openpyxl's opening stops there (without it, it reads the whole sheet).
    path = write_xlsx(
        tmp_path / "p.xlsx", rows, dimension="A1:I9", sheet_tail='<row r="9"><c r="A9" t="inl'
    )
    result = run_import("ppks", path, batch_size=2)
    assert result.exit_code == 2
    assert (
        "rusak setelah baris" in result.fatal
        and "4 baris sebelumnya sudah tersimpan" in result.fatal
    )
    impor = Impor.objects.get()
    assert impor.status == "gagal" and impor.pesan == result.fatal
    assert (impor.diterima, Ppks.objects.count()) == (4, 4)
    # The command says the same, without "nothing saved" (a fresh start, batches of 2 again).
    Impor.objects.all().delete(), Ppks.objects.all().delete(), Orang.objects.all().delete()
    monkeypatch.setattr("kinerja.registries.imports.engine.default_batch_size", lambda: 2)
    code, out, err = command("ppks", path)
    assert code == 2 and "accepted" not in out
    assert err.startswith("Impor terhenti: File XLSX rusak setelah baris")
    assert "sebelumnya sudah tersimpan" in err and "Tidak ada data yang disimpan" not in err


@override_settings(KINERJA_IMPOR_MAKS_SEL=20)
def test_long_header_cell_names_row_1(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('"' + "h" * 30 + '",nik\n1,2\n', encoding="utf-8")
    code, _, err = command("ppks", path)
    assert_refused(code, err, "Baris 1:", "20 karakter")


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a zip", b"PK\x05\x06" + b"\x00" * 18, b"PK\x03\x04" + b"\x00" * 200],
)
def test_broken_xlsx_messages_are_indonesian(tmp_path, content):
    path = tmp_path / "p.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileUnusable) as exc:
        open_source(path)
    assert "File XLSX tidak dapat dibuka" in str(exc.value)
    assert "zip file" not in str(exc.value) and str(tmp_path) not in str(exc.value)


def test_preview_of_a_bomb_is_a_clean_refusal(tmp_path):
    """The web's preview gets the same Indonesian refusal (FileBeyondLimits is a FileUnusable)."""
    preview = preview_import("ppks", dimension_bomb(tmp_path / "bom.xlsx", PPKS))
    assert preview.fatal.startswith("Lembar kerja menyatakan ukuran")
    with pytest.raises(FileBeyondLimits):
        open_source(shared_string_bomb(tmp_path / "b2.xlsx", PPKS, 5))


# ---- row 8 (tab part): trimming must not make a formula (D113) -----------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_row8_trimmed_tab_does_not_turn_a_name_into_a_formula(tmp_path, fmt):
    """`\\t=1+1` was inert text; trimmed it would be `=1+1`. Rejected, with its reason."""
    rows = [
        [*person_row(nama="\t=1+1"), "anak_telantar", "2024-01-10"],
        [*person_row(nik=NIK_L, nama="@SUM(A1)", jk="L"), "anak_telantar", "2024-01-10"],
    ]
    if fmt == "csv":
        path = write_csv(tmp_path / "p.csv", PPKS, rows)
    else:
        path = write_xlsx(tmp_path / "p.xlsx", [PPKS, *rows])
    result = run_import("ppks", path)
    assert (result.accepted, result.rejected) == (0, 2)
    reasons = [r["alasan_ditolak"] for r in read_rejects(result.rejects_path)]
    assert reasons[0].startswith("nama diawali '=' (awal rumus spreadsheet)")
    assert reasons[1].startswith("nama diawali '@'")
    assert not Orang.objects.exists()


def test_plus_and_minus_texts_are_kept(tmp_path):
    """`-` (nothing to note) and `+62...` are real texts: kept, quoted on output (safe_text)."""
    header = [*IDENTITY, "jenis_layanan", "tanggal", "keterangan", "program"]
    rows = [[*person_row(), "permakanan", "2024-02-01", "-", "+62 811 000"]]
    result = run_import("layanan", write_csv(tmp_path / "l.csv", header, rows))
    assert result.accepted == 1
    layanan = Layanan.objects.get()
    assert (layanan.keterangan, layanan.program) == ("-", "+62 811 000")
    assert Orang.objects.get().nik == NIK_P


def test_row9_preview_of_a_long_cell_is_a_clean_refusal(tmp_path):
    """The web's preview (a dry run) of the row 9 file: a message, not a 500."""
    rows = [GOOD, [*GOOD[:2], "x" * 140_000, *GOOD[3:]]]
    preview = preview_import("ppks", write_csv(tmp_path / "p.csv", PPKS, rows))
    assert preview.fatal.startswith("Baris 3: ada sel lebih dari 10.000 karakter")
    assert preview.rows == [] and not Impor.objects.exists()


def test_zip_of_many_tiny_parts_refused_from_its_end_record(tmp_path):
    """Millions of empty entries would cost an object each just to list: counted first."""
    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(10_001):
            zf.writestr(f"x{i}", b"")
    code, _, err = command("ppks", path)
    assert_refused(code, err, "10.001 bagian")
