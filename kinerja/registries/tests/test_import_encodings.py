"""The file layer of data contract section 5 "Common to every mapping", for every import: delimiters
`,` `;` `|` and tab, UTF-8 with or without BOM or else Windows-1252 with a notice (D130), and a NIK or
KK written with Excel's leading apostrophe or spaces around it (D132)."""

import pytest

from kinerja.registries.imports import run_import, scan
from kinerja.registries.imports.reader import WINDOWS_1252_NOTICE, _detect_delimiter
from kinerja.registries.models import DtksAnggota, Impor, Orang, Ppks, Psks

from .importing import IDENTITY, KEL, KK, NIK_L, NIK_L2, NIK_P, person_row, read_rejects, write_csv
from .test_import_files import BAD, GOOD, PPKS, command

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delimiter", [",", ";", "|", "\t"])
def test_every_delimiter_is_detected_and_kept_in_the_rejects(tmp_path, delimiter):
    path = write_csv(tmp_path / "p.csv", PPKS, [GOOD, BAD], delimiter=delimiter)
    result = run_import("ppks", path)
    assert (result.rows_read, result.accepted, result.rejected) == (2, 1, 1)
    assert result.notices == []
    assert Orang.objects.get().nik == NIK_P
    raw = result.rejects_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as for every CSV rejects file
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == delimiter.join([*PPKS, "baris", "alasan_ditolak"])
    assert lines[1] == delimiter.join(
        [*BAD, "3", "jenis_ppks 'pengamen' tidak ada dalam daftar kode"]
    )


@pytest.mark.parametrize(
    "line,expected",
    [
        ("nik|nama|jenis_ppks", "|"),
        ("nik\tnama\tjenis_ppks", "\t"),
        ('"nama, lengkap"|nik|"a;b"', "|"),  # separators inside quotes do not count
        ("nik;nama,lengkap;jenis_ppks", ";"),
        ("nik,nama;x", ","),  # a tie: `,` as before
        ("nik", ","),
    ],
)
def test_delimiter_is_the_one_separating_most_header_cells(line, expected):
    assert _detect_delimiter(line) == expected


def test_pipe_file_with_quoted_cells_and_tab_file_without(tmp_path):
    """A quoted file takes the csv module's pass of the scan (D110), with the same delimiter."""
    header = "|".join(PPKS)
    quoted = f'{NIK_P}||"Siti | Aminah"|P|1990-01-05|{KK}|{KEL}|anak_telantar|2024-01-10'
    path = tmp_path / "q.csv"
    path.write_text(f"{header}\n{quoted}\n", encoding="utf-8")
    assert run_import("ppks", path).accepted == 1
    assert Orang.objects.get().nama == "Siti | Aminah"
    tab = tmp_path / "t.txt"
    tab.write_text("\t".join(PPKS) + "\n" + "\t".join(GOOD) + "\n", encoding="utf-8")
    assert (run_import("ppks", tab).accepted, Ppks.objects.count()) == (1, 1)


def _cp1252_file(path, rows, delimiter=";"):
    lines = [delimiter.join(PPKS)] + [delimiter.join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


JOSE = [*person_row(nama="José Muñoz", jk="L", nik=NIK_L), "anak_telantar", "2024-01-10"]
RENEE = [*person_row(nama="Renée Ñañez"), "anak_telantar", "2024-01-10"]
BAD_1252 = [*person_row(nama="Iñigo Peña", jk="L", nik=NIK_L2, lahir=""), "pengamen", "2024-01-10"]


def test_windows_1252_file_is_read_with_a_notice(tmp_path, users):
    path = _cp1252_file(tmp_path / "lama.csv", [JOSE, RENEE, BAD_1252])
    assert "é".encode("cp1252") in path.read_bytes()  # really not UTF-8
    code, out, _ = command("ppks", path, "--user", "staf_rehabilitasi")
    assert code == 1
    assert "rows read: 3" in out and "accepted: 2" in out and "rejected: 1" in out
    assert f"catatan: {WINDOWS_1252_NOTICE}" in out
    assert "Windows-1252" in WINDOWS_1252_NOTICE and "é dan ñ" in WINDOWS_1252_NOTICE
    assert sorted(Orang.objects.values_list("nama", flat=True)) == ["José Muñoz", "Renée Ñañez"]
    impor = Impor.objects.get()
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (3, 2, 1)
    assert (impor.status, impor.pesan) == ("selesai", WINDOWS_1252_NOTICE)
    # The rejects file is UTF-8 with BOM whatever the input: the name comes back right.
    rejected = read_rejects(tmp_path / "lama.csv.rejected.csv", delimiter=";")
    assert [(r["nama"], r["baris"]) for r in rejected] == [("Iñigo Peña", "4")]
    # Importing it again changes nothing.
    again = run_import("ppks", path)
    assert (again.accepted, again.rejected, again.notices) == (2, 1, [WINDOWS_1252_NOTICE])
    assert Orang.objects.count() == 2 and Ppks.objects.count() == 2


def test_utf8_with_and_without_bom_has_no_notice(tmp_path):
    for bom in (False, True):
        path = write_csv(tmp_path / f"u{bom}.csv", PPKS, [JOSE], delimiter=";", bom=bom)
        result = run_import("ppks", path)
        assert (result.accepted, result.notices) == (1, [])
    assert Orang.objects.get().nama == "José Muñoz"
    assert Impor.objects.filter(pesan="").count() == 2


@pytest.mark.parametrize("chunk", [5, 7, 64])
def test_encoding_is_decided_across_chunk_boundaries(tmp_path, monkeypatch, chunk):
    """The byte scan reads in chunks (1 MB; small here): a two-byte UTF-8 letter split between
    chunks stays UTF-8; a Windows-1252 letter found chunks later still makes the file Windows-1252,
    its earlier chunks checked too; a file ending on such a letter as well."""
    monkeypatch.setattr(scan, "CHUNK", chunk)
    utf8 = write_csv(tmp_path / "u.csv", PPKS, [JOSE, RENEE])
    assert run_import("ppks", utf8).notices == []
    late = [*person_row(nama="Siti Aminah", nik=NIK_P), "anak_telantar", "2024-01-10"]
    last = [
        *person_row(nama="Budi", jk="L", nik=NIK_L, kk="", kel=""),
        "anak_telantar",
        "2024-01-10",
    ]
    path = _cp1252_file(tmp_path / "w.csv", [late, last])
    path.write_bytes(path.read_bytes().rstrip(b"\r\n") + ";José".encode("cp1252"))  # ends on é
    result = run_import("ppks", path)
    assert (result.rows_read, result.accepted, result.notices) == (2, 2, [WINDOWS_1252_NOTICE])


def test_a_quoted_windows_1252_file_is_parsed_in_windows_1252(tmp_path):
    lines = [",".join(PPKS), ",".join(GOOD[:2]) + ',"Muñoz, José",' + ",".join(GOOD[3:])]
    path = tmp_path / "q.csv"
    path.write_bytes("\n".join(lines).encode("cp1252"))
    result = run_import("ppks", path)
    assert (result.accepted, result.notices) == (1, [WINDOWS_1252_NOTICE])
    assert Orang.objects.get().nama == "Muñoz, José"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"nik;nama\n\x81", "bukan teks UTF-8 maupun Windows-1252 (byte ke-10)"),
        ("nik;nama\nJosé;".encode() + b"\xe9", "Baris ke-2 (byte ke-16) bukan teks UTF-8"),
        (b"\xef\xbb\xbfnik;nama\n\xe9", "campuran dua pengodean"),  # a UTF-8 BOM, then not UTF-8
    ],
)
def test_neither_utf8_nor_windows_1252_or_a_mix_is_refused(tmp_path, content, message):
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    result = run_import("ppks", path)
    assert result.fatal and message in result.fatal and result.exit_code == 2
    assert not Impor.objects.exists()


NIK_FORMS = [f"'{NIK_P}", f"  '{NIK_P}  ", f"' {NIK_P}", f" {NIK_P} "]


@pytest.mark.parametrize("nik", NIK_FORMS)
def test_apostrophe_and_spaces_around_nik_and_kk_are_dropped(tmp_path, nik):
    row = [*person_row(nik=nik, kk=f"'{KK} "), "anak_telantar", "2024-01-10"]
    result = run_import("ppks", write_csv(tmp_path / "p.csv", PPKS, [row]))
    assert (result.accepted, result.rejected) == (1, 0)
    assert Orang.objects.values_list("nik", "no_kk").get() == (NIK_P, KK)
    # The same person named without the apostrophe next time: one person, nothing changed.
    again = run_import("ppks", write_csv(tmp_path / "q.csv", PPKS, [GOOD]))
    assert (again.accepted, Orang.objects.count(), Ppks.objects.count()) == (1, 1, 1)


def test_apostrophe_nik_in_every_kind_that_reads_one(tmp_path):
    """Section-1 files too (D132): dtks (nik and no_kk required), psks (a person's NIK), XLSX text
    cells whose value begins with the apostrophe; an apostrophe alone is still no NIK."""
    from .importing import write_xlsx

    dtks = ["periode", *IDENTITY, "desil"]
    rows = [
        ["2024-01", *person_row(nik=f"'{NIK_P}", kk=f"'{KK}"), "1"],
        ["2024-01", *person_row(nik="'", nama="Tanpa"), "1"],
    ]
    result = run_import("dtks", write_xlsx(tmp_path / "d.xlsx", dtks, rows))
    assert (result.rows_read, result.accepted, result.rejected) == (2, 1, 1)
    assert DtksAnggota.objects.values_list("nik", "no_kk").get() == (NIK_P, KK)
    assert read_rejects(result.rejects_path)[0]["alasan_ditolak"] == "NIK '' harus 16 digit angka"
    psks = ["kode_psks", "jenis_psks", "bentuk", "nama", "nik", "tanggal_daftar"]
    row = ["PSKS-1", "tksk", "orang", "Budi", f"'{NIK_L}", "2024-01-02"]
    assert run_import("psks", write_csv(tmp_path / "s.csv", psks, [row], delimiter="|")).accepted
    assert Psks.objects.get().nik == NIK_L


@pytest.mark.parametrize("quote", ["", '"'])
def test_windows_1252_cells_are_held_to_the_cell_bound_in_characters(tmp_path, settings, quote):
    """The byte scan (D110) keeps its promise for a Windows-1252 file: one byte is one character,
    so a name of exactly the bound passes the scan and the reader; one more refuses the file whole
    before anything is saved (the same on the csv module's path, taken when quotes appear)."""
    settings.KINERJA_IMPOR_MAKS_SEL = 16  # a NIK's length
    names = ["Íñigo Peña Muño", "Íñigo Peña Muñoz", "Íñigo Peñas Muñoz"]
    assert [len(n) for n in names] == [15, 16, 17]
    for name in names:
        row = person_row(nama=f"{quote}{name}{quote}", kk="")
        path = _cp1252_file(tmp_path / "b.csv", [[*row, "anak_telantar", "2024-01-10"]])
        result = run_import("ppks", path)
        if len(name) <= 16:
            assert (result.fatal, result.accepted, result.notices) == (
                None,
                1,
                [WINDOWS_1252_NOTICE],
            )
            assert Orang.objects.get().nama == name
        else:
            assert "Baris 2" in result.fatal and "lebih dari 16 karakter" in result.fatal
            assert Impor.objects.count() == 2  # the two imports above; none for this file
