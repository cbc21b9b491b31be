"""`kinerja import KIND FILE --mapping NAME`: section 3 unchanged (exit codes, --dry-run, rejects),
and the all-or-nothing rows of bnba-korban."""

import pytest

from kinerja.registries.models import Bencana, Impor, Korban, Layanan, Orang

from .importing import read_rejects, write_xlsx
from .test_mapping_world import run, summary

pytestmark = pytest.mark.django_db

SALUR_HEADER = "NIK KPM,NAMA KPM,KELURAHAN,JENIS BANSOS,TAHAP SALUR,STATUS SALUR\n"
SALUR_ROW = "6372044501900001,SITI,Komet,PKH,Tahap 1 Tahun 2025,SUKSES\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_two_when_the_file_cannot_be_used(tmp_path):
    path = write(tmp_path, "s.csv", "NIK KPM,JENIS BANSOS\n6372044501900001,PKH\n")
    code, out, err = run("import", "layanan", path, "--mapping", "bansos-salur")
    assert code == 2 and "Kolom 'TAHAP SALUR' tidak ada di baris judul." in err
    assert "Tidak ada data yang disimpan." in err
    dtks = write(tmp_path, "d.csv", "NOMOR NIK,NOMOR KK,KECAMATAN,DESA/KELURAHAN\n")
    code, _, err = run("import", "dtks", dtks, "--mapping", "siks-dtks")
    assert code == 2 and "Pemetaan siks-dtks perlu --periode YYYY-MM." in err
    code, _, err = run("import", "dtks", dtks, "--mapping", "siks-dtks", "--periode", "2025-13")
    assert code == 2 and "--periode '2025-13'" in err
    code, _, err = run("import", "dtks", dtks, "--mapping", "tidak-ada")
    assert code == 2 and "Pemetaan 'tidak-ada' tidak dikenal" in err
    code, _, err = run("import", "ppks", dtks, "--mapping", "siks-dtks", "--periode", "2025-01")
    assert code == 2 and "Pemetaan siks-dtks untuk jenis data dtks, bukan ppks." in err
    broken = write(tmp_path, "m.json", "{not json")
    code, _, err = run("import", "ppks", dtks, "--mapping", broken)
    assert code == 2 and "bukan JSON yang benar" in err
    assert not Impor.objects.exists() and not Layanan.objects.exists()


def test_header_only_exits_zero_and_dry_run_saves_nothing(tmp_path):
    empty = write(tmp_path, "e.csv", SALUR_HEADER)
    code, out, _ = run("import", "layanan", empty, "--mapping", "bansos-salur")
    assert (code, summary(out)["accepted"], summary(out)["rejected"]) == (0, "0", "0")
    path = write(tmp_path, "s.csv", SALUR_HEADER + SALUR_ROW + SALUR_ROW.replace("SUKSES", "RETUR"))
    code, out, _ = run("import", "layanan", path, "--mapping", "bansos-salur", "--dry-run")
    assert code == 1 and (summary(out)["accepted"], summary(out)["rejected"]) == ("1", "1")
    assert not Layanan.objects.exists() and not Orang.objects.exists()
    rejects = read_rejects(tmp_path / "s.csv.rejected.csv")
    assert [(r["baris"], r["alasan_ditolak"], r["STATUS SALUR"]) for r in rejects] == [
        ("3", "belum tersalur (status: RETUR)", "RETUR")
    ]
    code, out, _ = run("import", "layanan", path, "--mapping", "bansos-salur")
    assert code == 1 and Layanan.objects.get().program == "PKH"


def test_xlsx_through_a_mapping_keeps_the_nik_rule(tmp_path):
    path = write_xlsx(
        tmp_path / "s.xlsx",
        ["NIK KPM", "NAMA KPM", "KELURAHAN", "JENIS BANSOS", "TANGGAL SALUR", "STATUS SALUR"],
        [
            ["'6372044501900001", "SITI", "Komet", "BPNT", "14 Maret 2025", "Tersalur"],
            [6372040501900002, "BUDI", "Komet", "BPNT", "14 Maret 2025", "Tersalur"],
        ],
    )
    code, out, _ = run("import", "layanan", path, "--mapping", "bansos-salur")
    assert (summary(out)["accepted"], summary(out)["rejected"]) == ("1", "1")
    rejects = read_rejects(tmp_path / "s.xlsx.rejected.csv")
    assert rejects[0]["baris"] == "3"
    assert rejects[0]["alasan_ditolak"].startswith("NIK harus ditulis sebagai teks di Excel")
    assert str(Layanan.objects.get().tanggal) == "2025-03-14"


def test_bnba_rows_are_all_or_nothing(tmp_path):
    Bencana.objects.create(
        kode_kejadian="B-1", jenis="alam", tanggal_kejadian="2025-04-01", wilayah_id="63.72.04.1003"
    )
    text = (
        "NAMA,NIK,NO KK,JENIS KELAMIN,UMUR,KECAMATAN,KELURAHAN,KONDISI,BANTUAN,TANGGAL BANTUAN\n"
        'SITI,6372044501900001,,P,35,Banjarbaru Utara,Komet,Luka Berat,"Tenda, Sembako",2025-04-02\n'
        "BUDI,6372040501900002,,L,35,Banjarbaru Utara,Komet,LUKA-LUKA,Tenda,2099-01-01\n"
        "JOKO,6372041203850003,,L,40,Banjarbaru Utara,Komet,Pengungsi,Kasur,2025-04-02\n"
        "ANI,6372044501900009,,P,35,Banjarbaru Utara,Komet,Mengungsi,Tenda,2025-04-02\n"
    )
    path = write(tmp_path, "bnba.csv", text)
    code, out, err = run("import", "korban", path, "--mapping", "bnba-korban")
    assert code == 2 and "perlu --kejadian KODE" in err
    code, out, _ = run("import", "korban", path, "--mapping", "bnba-korban", "--kejadian", "B-9")
    assert code == 1 and summary(out)["accepted"] == "0" and summary(out)["layanan made"] == "0"
    assert not Orang.objects.exists()  # the event is not registered: no victim, no aid, no person
    code, out, _ = run("import", "korban", path, "--mapping", "bnba-korban", "--kejadian", "b-1")
    s = summary(out)
    assert (s["rows read"], s["accepted"], s["rejected"], s["layanan made"]) == ("4", "2", "2", "3")
    reasons = {
        r["baris"]: r["alasan_ditolak"] for r in read_rejects(tmp_path / "bnba.csv.rejected.csv")
    }
    assert reasons["3"].startswith(
        "BANTUAN (tempat_penampungan): tanggal 1 Januari 2099 setelah hari ini"
    )
    assert reasons["4"] == "BANTUAN: label 'Kasur' tidak dikenal di pemetaan bnba-korban"
    assert set(Orang.objects.values_list("nama", flat=True)) == {"SITI", "ANI"}
    assert sorted(Korban.objects.values_list("orang__nama", "kondisi")) == [
        ("ANI", "mengungsi"), ("SITI", "luka"),
    ]  # fmt: skip
    assert sorted(
        Layanan.objects.values_list("orang__nama", "jenis_id", "bencana__kode_kejadian")
    ) == [
        ("ANI", "tempat_penampungan", "B-1"),
        ("SITI", "permakanan", "B-1"),
        ("SITI", "tempat_penampungan", "B-1"),
    ]


def test_the_import_record_names_its_mapping(tmp_path, client, users):
    path = write(tmp_path, "salur juni.csv", SALUR_HEADER + SALUR_ROW)
    run("import", "layanan", path, "--mapping", "bansos-salur", "--user", "staf_linjamsos")
    client.force_login(users["staf_linjamsos"])
    html = client.get("/registri/unggah/").content.decode()
    assert "salur juni.csv <small>(pemetaan bansos-salur v0)</small>" in html


def test_mapping_makes_no_query_per_row(tmp_path):
    """D128: region names and labels are looked up in dictionaries built once per import."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.registries.mapping import find_mapping
    from kinerja.registries.mapping.run import import_with_mapping

    kels = ["Komet", "Mentaos", "Loktabat Utara", "Sungai Ulin"]
    queries = []
    for n in (20, 400):
        rows = "".join(
            f"63720445019{i % 10}{1000 + i:04d},WARGA {i},{kels[i % 4]},PKH,Tahap 1 Tahun 2025,SUKSES\n"
            for i in range(n)
        )
        path = write(tmp_path, f"s{n}.csv", SALUR_HEADER + rows)
        with CaptureQueriesContext(connection) as ctx:
            result = import_with_mapping(
                "layanan", path, mapping=find_mapping("bansos-salur"), dry_run=True
            )
        assert (result.accepted, result.rejected) == (n, 0)
        queries.append(len(ctx.captured_queries))
    assert queries[0] == queries[1]
