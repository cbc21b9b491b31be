"""The rules every mapping shares (contract section 5): headers, labels, dates, tahap, regions."""

import datetime as dt
import json

import pytest

from kinerja.registries.mapping import (
    MappingError,
    MapRejected,
    Options,
    RegionIndex,
    compile_mapping,
    find_mapping,
    map_row,
    spec_from_dict,
)
from kinerja.registries.mapping.text import normalise_header, tahap_date

# Contract section 5, siks-ppks: the Permensos labels of the 26 types, as printed there.
PERMENSOS = {
    "ANAK BALITA TERLANTAR": "anak_balita_telantar",
    "ANAK TERLANTAR": "anak_telantar",
    "ANAK YANG BERHADAPAN DENGAN HUKUM": "anak_berhadapan_hukum",
    "ANAK JALANAN": "anak_jalanan",
    "ANAK DENGAN KEDISABILITASAN (ADK)": "anak_disabilitas",
    "ANAK YANG MENJADI KORBAN TINDAK KEKERASAN": "anak_korban_kekerasan",
    "ANAK YANG MEMERLUKAN PERLINDUNGAN KHUSUS": "anak_perlindungan_khusus",
    "LANJUT USIA TERLANTAR": "lanjut_usia_telantar",
    "PENYANDANG DISABILITAS": "penyandang_disabilitas",
    "TUNA SUSILA": "tuna_susila",
    "GELANDANGAN": "gelandangan",
    "PENGEMIS": "pengemis",
    "PEMULUNG": "pemulung",
    "KELOMPOK MINORITAS": "kelompok_minoritas",
    "BEKAS WARGA BINAAN LEMBAGA PEMASYARAKATAN (BWBLP)": "bekas_warga_binaan",
    "ORANG DENGAN HIV/AIDS (ODHA)": "odha",
    "KORBAN PENYALAHGUNAAN NAPZA": "korban_napza",
    "KORBAN TRAFFICKING": "korban_trafficking",
    "KORBAN TINDAK KEKERASAN": "korban_kekerasan",
    "PEKERJA MIGRAN BERMASALAH SOSIAL (PMBS)": "pekerja_migran_bermasalah",
    "KORBAN BENCANA ALAM": "korban_bencana_alam",
    "KORBAN BENCANA SOSIAL": "korban_bencana_sosial",
    "PEREMPUAN RAWAN SOSIAL EKONOMI": "perempuan_rawan_sosial_ekonomi",
    "FAKIR MISKIN": "fakir_miskin",
    "KELUARGA BERMASALAH SOSIAL PSIKOLOGIS": "keluarga_bermasalah_psikologis",
    "KOMUNITAS ADAT TERPENCIL": "komunitas_adat_terpencil",
}
PPKS_HEADER = ["NIK", "NAMA", "JENIS PPKS", "TANGGAL PENDATAAN", "JENIS KELAMIN"]


def ppks(label, *, jk="L", tanggal="2025-01-02"):
    compiled = compile_mapping(find_mapping("siks-ppks"), PPKS_HEADER)
    values = {"nik": "6372040501900002", "nama": "X", "jenis ppks": label}
    values |= {"tanggal pendataan": tanggal, "jenis kelamin": jk}
    return map_row(compiled, values)


def test_headers_compare_after_normalising():
    assert {
        normalise_header(h) for h in ["Desa/Kelurahan", "DESA_KELURAHAN", " desa  kelurahan "]
    } == {"DESA KELURAHAN"}


@pytest.mark.django_db
@pytest.mark.parametrize("label, code", sorted(PERMENSOS.items()))
def test_every_permensos_label_with_and_without_its_abbreviation(label, code):
    assert ppks(label).values["jenis_ppks"] == code
    assert ppks(label.split(" (")[0].title()).values["jenis_ppks"] == code
    assert sorted(set(PERMENSOS.values())) == sorted(
        set(find_mapping("siks-ppks").labels["jenis_ppks"].values())
    )


@pytest.mark.django_db
def test_short_forms_and_gepeng():
    assert ppks("Lansia Terlantar").values["jenis_ppks"] == "lanjut_usia_telantar"
    assert ppks("DISABILITAS").values["jenis_ppks"] == "penyandang_disabilitas"
    assert ppks("GEPENG").problem.startswith("JENIS PPKS: label 'GEPENG' ambigu")
    assert ppks("ANAK NAKAL").problem == (
        "JENIS PPKS: label 'ANAK NAKAL' tidak dikenal di pemetaan siks-ppks"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "jk, code", [("L", "L"), ("p", "P"), ("LAKI-LAKI", "L"), ("Laki Laki", "L"),
                 ("PEREMPUAN", "P"), ("1", "L"), ("2", "P")],
)  # fmt: skip
def test_jenis_kelamin(jk, code):
    assert ppks("PEMULUNG", jk=jk).values["jenis_kelamin"] == code


@pytest.mark.django_db
def test_jenis_kelamin_unknown():
    assert ppks("PEMULUNG", jk="3").problem.startswith("JENIS KELAMIN: jenis kelamin '3'")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["14 Maret 2025", "14 Mar 2025", "14 MARET 2025", "2025-03-14", "14/03/2025",
             "14-03-2025", "14/03/2025 08:00"],
)  # fmt: skip
def test_dates(text):
    assert ppks("PEMULUNG", tanggal=text).values["tanggal_daftar"] == "2025-03-14"


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["31 Februari 2025", "14 Maretan 2025", "2025-02-30"])
def test_bad_dates_name_the_header(text):
    assert ppks("PEMULUNG", tanggal=text).problem.startswith("TANGGAL PENDATAAN: ")
    assert text in ppks("PEMULUNG", tanggal=text).problem


@pytest.mark.parametrize(
    "text, end",
    [("Tahap 2 Tahun 2025", "2025-06-30"), ("TAHAP 2 2025", "2025-06-30"),
     ("Tahap II 2025", "2025-06-30"), ("tahap 1 tahun 2024", "2024-03-31"),
     ("Tahap III 2025", "2025-09-30"), ("TAHAP IV 2025", "2025-12-31")],
)  # fmt: skip
def test_tahap_is_the_last_day_of_its_quarter(text, end):
    assert tahap_date(text) == dt.date.fromisoformat(end)


@pytest.mark.parametrize("text", ["Tahap 5 Tahun 2025", "Tahap 0 2025", "Tahap V 2025"])
def test_tahap_outside_one_to_four(text):
    with pytest.raises(ValueError, match="di luar 1-4"):
        tahap_date(text)


@pytest.mark.django_db
def test_regions_by_name():
    index = RegionIndex.build("63.72")
    assert index.place("", "Cempaka", "Cempaka") == "63.72.03.1004"
    assert index.place("KOTA BANJARBARU", "KEC. CEMPAKA", "KEL. CEMPAKA") == "63.72.03.1004"
    assert index.place("Banjarbaru", "Kecamatan  Banjarbaru Utara", "Desa Komet") == "63.72.04.1003"
    assert index.place("", "", "Komet") == "63.72.04.1003"  # one Komet in the kota
    assert index.place("", "", "") is None
    for names, reason in [
        (
            ("KABUPATEN BANJAR", "Martapura", "Jawa"),
            "kab/kota 'KABUPATEN BANJAR' di luar Kota Banjarbaru",
        ),
        (("", "Martapura", "Jawa"), "kecamatan 'Martapura' tidak dikenal di Kota Banjarbaru"),
        (("", "Cempaka", "Komet"), "kelurahan/desa 'Komet' tidak ada di kecamatan 'Cempaka'"),
        (("", "", "Jawa"), "kelurahan/desa 'Jawa' tidak dikenal di Kota Banjarbaru"),
        (("", "Cempaka", ""), "kelurahan/desa kosong (kecamatan 'Cempaka' saja tidak cukup)"),
    ]:
        with pytest.raises(ValueError) as exc:
            index.place(*names)
        assert str(exc.value) == reason


def spec(**changes):
    data = {
        "name": "uji",
        "kind": "layanan",
        "columns": [{"to": "nik", "from": ["NIK"]}, {"to": "jenis_layanan", "constant": "sandang"}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        ({"colums": []}, "kunci tidak dikenal: colums"),
        ({"kind": "kue"}, "Jenis data 'kue' tidak dikenal"),
        ({"columns": [{"to": "nik", "from": ["NIK"], "as": "angka"}]}, "as 'angka' tidak dikenal"),
        ({"columns": [{"to": "nik", "from": ["A"], "constant": "1"}]}, "tepat satu dari"),
        (
            {"columns": [{"to": "x", "from": ["A"], "as": "labels", "labels": "t"}]},
            "tabel label 't'",
        ),
        ({"columns": [{"to": "periode", "option": "periode"}]}, "harus tercantum di needs"),
        ({"name": "a b"}, "Nama pemetaan"),
        ({"columns": []}, "tanpa kolom"),
    ],
)
def test_a_mapping_file_that_cannot_be_used_says_why(change, message):
    with pytest.raises(MappingError, match=message):
        spec_from_dict(spec(**change))


def test_a_mapping_round_trips_through_its_file_form():
    from kinerja.registries.mapping import builtin_mappings

    names = [m.name for m in builtin_mappings()]
    assert names == ["siks-dtks", "siks-ppks", "bansos-salur", "bnba-korban"]
    for m in builtin_mappings():
        assert spec_from_dict(m.to_dict()).to_dict() == m.to_dict()


@pytest.mark.django_db
def test_needs_and_missing_headers_make_the_file_unusable():
    dtks = find_mapping("siks-dtks")
    header = ["NOMOR NIK", "NOMOR KK", "KECAMATAN", "DESA/KELURAHAN"]
    assert compile_mapping(dtks, header).problem == "Pemetaan siks-dtks perlu --periode YYYY-MM."
    assert compile_mapping(dtks, header, options=Options(periode="2025-06")).problem is None
    problem = compile_mapping(dtks, header[1:], options=Options(periode="2025-06")).problem
    assert problem == "Kolom 'NOMOR NIK' tidak ada di baris judul."
    salur = find_mapping("bansos-salur")
    problem = compile_mapping(salur, ["NIK", "JENIS BANSOS", "KELURAHAN"]).problem
    assert problem == (
        "Kolom 'TAHAP SALUR' tidak ada di baris judul. Kolom 'STATUS SALUR' tidak ada di baris judul."
    )
    # TANGGAL SALUR alone is enough for the date.
    assert (
        compile_mapping(salur, ["NIK", "JENIS BANSOS", "TANGGAL SALUR", "STATUS SALUR"]).problem
        is None
    )
    with pytest.raises(MapRejected):
        compile_mapping(salur, ["NIK", "JENIS BANSOS", "TAHAP SALUR", "STATUS SALUR"]).map(
            {"status salur": "Sukses", "jenis bansos": "PKH"}
        )


@pytest.mark.django_db
def test_the_web_never_names_a_server_file(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(find_mapping("siks-ppks").to_dict() | {"name": "dari-file"}))
    assert find_mapping(str(path)).name == "dari-file"
    with pytest.raises(MappingError, match="tidak dikenal"):
        find_mapping(str(path), allow_path=False)
