"""File formats, the rejects file and the command line (contract sections 1 and 3)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kinerja.registries.imports import preview_import, run_import, template_columns
from kinerja.registries.models import Bencana, Impor, Layanan, Orang, Ppks

from .importing import (
    IDENTITY,
    KEL,
    KK,
    NIK_L,
    NIK_P,
    person_row,
    read_rejects,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db
PPKS = [*IDENTITY, "jenis_ppks", "tanggal_daftar"]
GOOD = [*person_row(), "anak_telantar", "2024-01-10"]
BAD = [*person_row(nik=NIK_L, nama="Budi", jk="L"), "pengamen", "2024-01-10"]


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_bom_and_semicolon(tmp_path):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD], delimiter=";", bom=True)
    result = run_import("ppks", path)
    assert (result.accepted, result.rejected) == (1, 0)
    assert Orang.objects.get().nik == NIK_P


def test_comma_without_bom(tmp_path):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD])
    assert run_import("ppks", path).accepted == 1


def test_header_case_insensitive_order_free_unknown_ignored(tmp_path):
    header = ["Tanggal_Daftar", "CATATAN", *[c.upper() for c in IDENTITY], "Jenis_PPKS"]
    row = ["14/03/2024 09:00", "abaikan", *person_row(), "anak_telantar"]
    assert run_import("ppks", write_csv(tmp_path / "p.csv", header, [row])).accepted == 1
    assert Ppks.objects.get().tanggal_daftar == dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    "text", ["2024-03-14", "14/03/2024", "14-03-2024", "2024-03-14 10:15:00", "14/03/2024 10:15"]
)
def test_date_forms(tmp_path, text):
    row = [*person_row(), "anak_telantar", text]
    assert run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [row])).accepted == 1
    assert Ppks.objects.get().tanggal_daftar == dt.date(2024, 3, 14)


@pytest.mark.parametrize("kode", ["63.72.04.1003", "6372041003"])
def test_region_dotted_and_plain(tmp_path, kode):
    row = [*person_row(kel=kode), "anak_telantar", "2024-01-10"]
    assert run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [row])).accepted == 1
    assert Orang.objects.get().kelurahan_id == "63.72.04.1003"


def test_xlsx_text_nik_and_date_cells(tmp_path):
    rows = [
        [
            NIK_P,
            None,
            "Siti",
            "P",
            dt.datetime(1990, 1, 5),
            KK,
            KEL,
            "anak_telantar",
            dt.date(2024, 3, 14),
        ]
    ]
    result = run_import("ppks", write_xlsx(tmp_path / "p.xlsx", PPKS, rows))
    assert (result.accepted, result.rejected) == (1, 0)
    assert Ppks.objects.get().tanggal_daftar == dt.date(2024, 3, 14)
    assert Orang.objects.get().tanggal_lahir == dt.date(1990, 1, 5)


def test_xlsx_numeric_nik_and_kk_rejected(tmp_path):
    rows = [
        [int(NIK_P), None, "Siti", "P", None, KK, KEL, "anak_telantar", "2024-01-10"],
        [NIK_L, None, "Budi", "L", None, int(KK), KEL, "anak_telantar", "2024-01-10"],
        [NIK_L, None, "Budi", "L", None, KK, 6372041003, "anak_telantar", "10/01/2024"],
    ]
    result = run_import("ppks", write_xlsx(tmp_path / "p.xlsx", PPKS, rows))
    assert (result.rows_read, result.accepted, result.rejected) == (3, 1, 2)
    rejected = read_rejects(result.rejects_path)  # `,` for XLSX input
    assert [r["baris"] for r in rejected] == ["2", "3"]
    assert rejected[0]["alasan_ditolak"].startswith("NIK harus ditulis sebagai teks di Excel")
    assert rejected[1]["alasan_ditolak"].startswith("no_kk harus ditulis sebagai teks di Excel")
    assert rejected[0]["nik"] == NIK_P  # the original value, as text
    assert Orang.objects.get().nik == NIK_L


def test_rejects_file_bom_delimiter_row_numbers(tmp_path):
    path = tmp_path / "p.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(PPKS) + "\r\n")
        fh.write(";".join(GOOD) + "\r\n")
        fh.write(";" * (len(PPKS) - 1) + "\r\n")  # an empty row: skipped, still numbered
        fh.write(";".join(BAD) + "\r\n")
    result = run_import("ppks", path)
    assert (result.rows_read, result.accepted, result.rejected) == (2, 1, 1)
    assert result.rejects_path == tmp_path / "p.csv.rejected.csv"
    raw = result.rejects_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join([*PPKS, "baris", "alasan_ditolak"])
    assert lines[1] == ";".join([*BAD, "4", "jenis_ppks 'pengamen' tidak ada dalam daftar kode"])


def test_rejects_file_can_be_fixed_and_imported_again(tmp_path):
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [GOOD, BAD]))
    fixed = result.rejects_path.read_text(encoding="utf-8-sig").replace("pengamen", "pengemis")
    again = tmp_path / "fixed.csv"
    again.write_text(fixed, encoding="utf-8")
    result = run_import("ppks", again)
    assert (result.accepted, result.rejected) == (1, 0)
    assert Ppks.objects.count() == 2


def test_no_rejects_no_file_and_stale_file_removed(tmp_path):
    stale = tmp_path / "p.csv.rejected.csv"
    stale.write_text("old")
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [GOOD]))
    assert result.rejects_path is None
    assert not stale.exists()


def test_command_exit_0_and_summary(tmp_path, users):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD])
    code, out, _ = command("ppks", path, "--user", "staf_rehabilitasi")
    assert code == 0
    assert "rows read: 1" in out and "accepted: 1" in out and "rejected: 0" in out
    impor = Impor.objects.get()
    assert (impor.jenis, impor.nama_file, impor.pengguna, impor.status) == (
        "ppks",
        "p.csv",
        users["staf_rehabilitasi"],
        "selesai",
    )
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (1, 1, 0)
    o = Orang.objects.get()
    assert (o.impor, o.impor_baris, o.created_by) == (impor, 2, users["staf_rehabilitasi"])


def test_command_exit_1_and_rejects_option(tmp_path):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD, BAD])
    code, out, _ = command("ppks", path, "--rejects", tmp_path / "tolak.csv")
    assert code == 1
    assert "accepted: 1" in out and "rejected: 1" in out
    assert len(read_rejects(tmp_path / "tolak.csv")) == 1
    assert Ppks.objects.count() == 1  # the accepted row is saved


def test_command_exit_2_required_column_missing(tmp_path):
    path = write_csv(tmp_path / "p.csv", [*IDENTITY, "jenis_ppks"], [GOOD[:-1]])
    code, out, err = command("ppks", path)
    assert code == 2
    assert "Kolom wajib tidak ada di baris judul: tanggal_daftar." in err
    assert not Orang.objects.exists() and not Impor.objects.exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("p.pdf", b"%PDF-1.4 binary", "tidak didukung"),
        ("p.csv", b"nik,nama\n\x00\x01\x02", "bukan CSV"),
        ("p.csv", b"nik;nama\n\x81", "bukan teks UTF-8 maupun Windows-1252 (byte ke-10)"),
        ("p.csv", "nik;nama\nJosé;".encode() + b"\xe9", "campuran dua pengodean"),
        ("p.xlsx", b"PK\x03\x04 not really a zip", "XLSX tidak dapat dibuka"),
        ("p.csv", b"", "File kosong"),
    ],
)
def test_command_exit_2_unusable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = command("ppks", path)
    assert code == 2
    assert message in err


def test_command_exit_2_unreadable_and_unknown_kind(tmp_path):
    code, _, err = command("ppks", tmp_path / "tidak-ada.csv")
    assert code == 2 and "tidak dapat dibaca" in err
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD])
    code, _, err = command("pegawai", path)
    assert code == 2 and "tidak dikenal" in err


def test_command_unknown_user_saves_nothing(tmp_path):
    code, _, err = command("ppks", write_csv(tmp_path / "p.csv", PPKS, [GOOD]), "--user", "siapa")
    assert code == 2 and "Akun 'siapa' tidak ada" in err
    assert not Orang.objects.exists()


def test_header_only_file_exit_0(tmp_path):
    code, out, _ = command("ppks", write_csv(tmp_path / "p.csv", PPKS, []))
    assert code == 0
    assert "accepted: 0" in out


def test_command_dry_run_saves_nothing(tmp_path):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD, BAD])
    code, out, _ = command("ppks", path, "--dry-run")
    assert code == 1
    assert "accepted: 1" in out and "rejected: 1" in out
    assert not Orang.objects.exists() and not Ppks.objects.exists() and not Impor.objects.exists()


def test_preview(tmp_path):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD, BAD, GOOD])
    preview = preview_import("ppks", path, limit=2)
    assert preview.header == PPKS
    assert preview.rows == [GOOD, BAD]
    assert [(p.row, p.reason) for p in preview.problems] == [
        (3, "jenis_ppks 'pengamen' tidak ada dalam daftar kode")
    ]
    assert (preview.result.rows_read, preview.result.accepted, preview.result.rejected) == (3, 2, 1)
    assert not Orang.objects.exists()
    assert not (tmp_path / "p.csv.rejected.csv").exists()
    assert preview_import("ppks", tmp_path / "nope.csv").fatal


def test_template_columns():
    cols = {c.name: c for c in template_columns("layanan")}
    assert cols["jenis_layanan"].required and "permakanan" in cols["jenis_layanan"].codes
    assert cols["sumber_dana"].codes == ("APBD", "APBN", "lainnya")
    assert not cols["nik"].required and cols["nik"].description
    assert {c.name for c in template_columns("dtks") if c.required} == {"periode", "nik", "no_kk"}
    bencana = {c.name: c for c in template_columns("bencana")}
    assert bencana["kode_wilayah"].required


def test_all_kinds_import(tmp_path):
    """One good row of each kind, in dependency order."""
    files = {
        "psks": (["kode_psks", "jenis_psks", "bentuk", "nama", "nik", "kode_wilayah", "tanggal_daftar"],
                 [["PSKS-1", "tksk", "orang", "Budi", NIK_L, KEL, "2020-01-01"]]),
        "pelatihan": (["kode_kegiatan", "nama_kegiatan", "tanggal", "kode_psks"], [["BIMTEK-1", "Bimtek", "2024-05-01", "psks-1"]]),
        "bencana": (["kode_kejadian", "jenis", "tanggal_kejadian", "kode_wilayah"], [["BNC-1", "alam", "2024-02-01", "637204"]]),
        "ppks": (PPKS, [GOOD]),
        "dtks": (["periode", *IDENTITY, "desil"], [["2024-01", *person_row(), "2"]]),
        "layanan": ([*IDENTITY, "jenis_layanan", "tanggal", "nilai_rp", "kode_kejadian"], [[*person_row(), "santunan", "2024-02-03", "Rp 1.500.000", "BNC-1"]]),
        "korban": (["kode_kejadian", *IDENTITY, "kondisi"], [["BNC-1", *person_row(), "mengungsi"]]),
    }  # fmt: skip
    for kind, (header, rows) in files.items():
        result = run_import(kind, write_csv(tmp_path / f"{kind}.csv", header, rows))
        assert (kind, result.accepted, result.rejected) == (kind, 1, 0)
    layanan = Layanan.objects.get()
    assert (layanan.nilai_rp, layanan.bencana, layanan.orang.nik) == (
        1_500_000,
        Bencana.objects.get(),
        NIK_P,
    )
    assert Orang.objects.count() == 1
