"""Every rejection rule of contract section 1: the exact reason, and nothing saved."""

import pytest

from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    DtksPeriode,
    KegiatanPelatihan,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)  # fmt: skip

from .importing import (  # noqa: F401  (fixtures)
    IDENTITY,
    KEL,
    KK,
    NIK_L,
    NIK_P,
    bencana,
    do_import,
    person_row,
    psks,
    read_rejects,
)  # fmt: skip

pytestmark = pytest.mark.django_db

PPKS = [*IDENTITY, "jenis_ppks", "tanggal_daftar", "tanggal_selesai", "lokasi"]
PSKS = [
    "kode_psks",
    "jenis_psks",
    "bentuk",
    "nama",
    "nik",
    "kode_wilayah",
    "tanggal_daftar",
    "tanggal_selesai",
]
PELATIHAN = ["kode_kegiatan", "nama_kegiatan", "tanggal", "kode_psks"]
DTKS = ["periode", *IDENTITY, "desil"]
LAYANAN = [
    *IDENTITY,
    "jenis_layanan",
    "tanggal",
    "program",
    "nilai_rp",
    "sumber_dana",
    "kode_kejadian",
    "keterangan",
]
BENCANA = [
    "kode_kejadian",
    "jenis",
    "sub_jenis",
    "tanggal_kejadian",
    "kode_wilayah",
    "mulai_tanggap_darurat",
    "selesai_tanggap_darurat",
]
KORBAN = ["kode_kejadian", *IDENTITY, "kondisi"]
MODELS = [
    Orang,
    Ppks,
    Psks,
    KegiatanPelatihan,
    Pelatihan,
    DtksPeriode,
    DtksAnggota,
    Layanan,
    Korban,
]


def ppks(**over):
    row = dict(zip(PPKS, [*person_row(), "anak_telantar", "2024-01-10", "", ""], strict=True))
    row.update(over)
    return [row[c] for c in PPKS]


def layanan(**over):
    row = dict(
        zip(LAYANAN, [*person_row(), "permakanan", "2024-02-01", "", "", "", "", ""], strict=True)
    )
    row.update(over)
    return [row[c] for c in LAYANAN]


CASES = {
    # kind, header, row, reason
    "required value missing": ("ppks", PPKS, ppks(jenis_ppks=""), "jenis_ppks wajib diisi"),
    "required date missing": ("ppks", PPKS, ppks(tanggal_daftar=""), "tanggal_daftar wajib diisi"),
    "code not in list": ("ppks", PPKS, ppks(jenis_ppks="pengamen"), "jenis_ppks 'pengamen' tidak ada dalam daftar kode"),
    "lokasi not in list": ("ppks", PPKS, ppks(lokasi="rumah"), "lokasi 'rumah' tidak ada dalam daftar kode"),
    "date not a real date": ("ppks", PPKS, ppks(tanggal_daftar="31/02/2024"), "tanggal_daftar '31/02/2024' bukan tanggal yang benar"),
    "date not a date": ("ppks", PPKS, ppks(tanggal_daftar="kemarin"), "tanggal_daftar 'kemarin' bukan tanggal"),
    "date after today": ("ppks", PPKS, ppks(tanggal_daftar="2099-01-01"), "tanggal_daftar 1 Januari 2099 setelah hari ini"),
    "tanggal_selesai after today": ("ppks", PPKS, ppks(tanggal_selesai="2099-01-01"), "tanggal_selesai 1 Januari 2099 setelah hari ini"),
    "selesai before daftar": ("ppks", PPKS, ppks(tanggal_selesai="2024-01-09"), "tanggal_selesai 9 Januari 2024 sebelum tanggal_daftar 10 Januari 2024"),
    "birth date after today": ("ppks", PPKS, ppks(tanggal_lahir="2099-01-01"), "tanggal_lahir 1 Januari 2099 setelah hari ini"),
    "nik wrong province": ("ppks", PPKS, ppks(nik="9972044501900001"), "NIK tidak valid: kode provinsi 99 tidak dikenal"),
    "nik serial 0000": ("ppks", PPKS, ppks(nik="6372044501900000"), "NIK tidak valid: nomor urut 0000"),
    "nik bad date": ("ppks", PPKS, ppks(nik="6372043102990001"), "NIK tidak valid: tanggal lahir 310299 bukan tanggal yang benar"),
    "nik not 16 digits": ("ppks", PPKS, ppks(nik="637204450190001"), "NIK '***********0001' harus 16 digit angka"),
    "no_kk not 16 digits": ("ppks", PPKS, ppks(no_kk="12345"), "no_kk '*2345' harus 16 digit angka"),
    "jenis_kelamin not L/P": ("ppks", PPKS, ppks(jenis_kelamin="W"), "jenis_kelamin 'W' harus L atau P"),
    "region of another kota": ("ppks", PPKS, ppks(kode_wilayah="63.71.01.1001"), "kode_wilayah '63.71.01.1001' bukan kelurahan di Kota Banjarbaru (63.72)"),
    "region is a kecamatan": ("ppks", PPKS, ppks(kode_wilayah="637204"), "kode_wilayah '637204' bukan kelurahan di Kota Banjarbaru"),
    "region not a code": ("ppks", PPKS, ppks(kode_wilayah="Komet"), "kode_wilayah 'Komet' bukan kode wilayah"),
    "no identifier": ("ppks", PPKS, ppks(nik=""), "nik atau id_lokal wajib diisi"),
    "new person without nama": ("ppks", PPKS, ppks(nama=""), "nama wajib diisi untuk orang yang belum terdaftar"),
    "psks bentuk not in list": ("psks", PSKS, ["P-1", "tksk", "yayasan", "Budi", "", KEL, "2024-01-01", ""], "bentuk 'yayasan' tidak ada dalam daftar kode"),
    "psks jenis not in list": ("psks", PSKS, ["P-1", "relawan", "orang", "Budi", "", KEL, "2024-01-01", ""], "jenis_psks 'relawan' tidak ada dalam daftar kode"),
    "psks nama missing": ("psks", PSKS, ["P-1", "tksk", "orang", "", "", KEL, "2024-01-01", ""], "nama wajib diisi"),
    "psks nik invalid": ("psks", PSKS, ["P-1", "tksk", "orang", "Budi", "6372040501900000", KEL, "2024-01-01", ""], "NIK tidak valid: nomor urut 0000"),
    "psks selesai before daftar": ("psks", PSKS, ["P-1", "tksk", "orang", "Budi", "", KEL, "2024-01-01", "2023-12-31"], "tanggal_selesai 31 Desember 2023 sebelum tanggal_daftar 1 Januari 2024"),
    "pelatihan psks not registered": ("pelatihan", PELATIHAN, ["BIMTEK-1", "Bimtek", "2024-05-01", "PSKS-9999"], "kode_psks 'PSKS-9999' belum terdaftar"),
    "dtks periode not YYYY-MM": ("dtks", DTKS, ["2024/01", *person_row(), "3"], "periode '2024/01' harus berbentuk TTTT-BB"),
    "dtks periode after this month": ("dtks", DTKS, ["2099-01", *person_row(), "3"], "periode 2099-01 setelah bulan ini"),
    "dtks desil out of range": ("dtks", DTKS, ["2024-01", *person_row(), "11"], "desil '11' harus bilangan bulat 1 sampai 10"),
    "dtks no_kk missing": ("dtks", DTKS, ["2024-01", *person_row(kk=""), "3"], "no_kk wajib diisi"),
    "dtks nik missing": ("dtks", DTKS, ["2024-01", *person_row(nik="", id_lokal="L-1"), "3"], "nik wajib diisi"),
    "layanan nilai negative": ("layanan", LAYANAN, layanan(nilai_rp="-5000"), "nilai_rp '-5000' tidak boleh negatif"),
    "layanan nilai not rupiah": ("layanan", LAYANAN, layanan(nilai_rp="1.500.000,50"), "nilai_rp '1.500.000,50' bukan angka rupiah"),
    "layanan sumber_dana not in list": ("layanan", LAYANAN, layanan(sumber_dana="hibah"), "sumber_dana 'hibah' tidak ada dalam daftar kode"),
    "layanan jenis not in list": ("layanan", LAYANAN, layanan(jenis_layanan="pijat"), "jenis_layanan 'pijat' tidak ada dalam daftar kode"),
    "layanan kejadian not registered": ("layanan", LAYANAN, layanan(kode_kejadian="BNC-X"), "kode_kejadian 'BNC-X' belum terdaftar"),
    "layanan date after today": ("layanan", LAYANAN, layanan(tanggal="01/01/2099"), "tanggal 1 Januari 2099 setelah hari ini"),
    "bencana jenis not in list": ("bencana", BENCANA, ["B-1", "perang", "", "2024-01-01", KEL, "", ""], "jenis 'perang' tidak ada dalam daftar kode"),
    "bencana region elsewhere": ("bencana", BENCANA, ["B-1", "alam", "", "2024-01-01", "63.71.01", "", ""], "kode_wilayah '63.71.01' bukan kelurahan atau kecamatan di Kota Banjarbaru"),
    "bencana region missing": ("bencana", BENCANA, ["B-1", "alam", "", "2024-01-01", "", "", ""], "kode_wilayah wajib diisi"),
    "bencana date after today": ("bencana", BENCANA, ["B-1", "alam", "", "2099-01-01", KEL, "", ""], "tanggal_kejadian 1 Januari 2099 setelah hari ini"),
    "bencana mulai after today": ("bencana", BENCANA, ["B-1", "alam", "", "2024-01-01", KEL, "2099-01-01", ""], "mulai_tanggap_darurat 1 Januari 2099 setelah hari ini"),
    "bencana tanggap selesai before mulai": ("bencana", BENCANA, ["B-1", "alam", "", "2024-01-01", KEL, "2024-01-05", "2024-01-04"], "selesai_tanggap_darurat 4 Januari 2024 sebelum mulai_tanggap_darurat 5 Januari 2024"),
    "korban kejadian not registered": ("korban", KORBAN, ["BNC-X", *person_row(), "luka"], "kode_kejadian 'BNC-X' belum terdaftar"),
    "korban kondisi not in list": ("korban", KORBAN, ["BNC-2024-001", *person_row(), "hilang"], "kondisi 'hilang' tidak ada dalam daftar kode"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_rejected_with_reason_and_nothing_saved(case, tmp_path, bencana, psks):  # noqa: F811
    kind, header, row, reason = CASES[case]
    before = {m: m.objects.count() for m in MODELS} | {Bencana: Bencana.objects.count()}
    result = do_import(tmp_path, kind, header, [row])
    assert (result.rows_read, result.accepted, result.rejected) == (1, 0, 1)
    (rejected,) = read_rejects(result.rejects_path)
    assert reason in rejected["alasan_ditolak"], rejected["alasan_ditolak"]
    assert rejected["baris"] == "2"
    assert {m: m.objects.count() for m in before} == before


def test_selesai_tanggap_darurat_may_be_planned(tmp_path):
    result = do_import(
        tmp_path,
        "bencana",
        BENCANA,
        [["B-1", "alam", "banjir", "2024-01-01", "637204", "2024-01-01", "2099-01-01"]],
    )
    assert result.accepted == 1
    b = Bencana.objects.get()
    assert (b.wilayah_id, str(b.selesai_tanggap_darurat)) == ("63.72.04", "2099-01-01")


def test_selesai_before_daftar_checked_against_the_registered_record(tmp_path):
    """An update giving only a later tanggal_daftar must not leave selesai before daftar."""
    do_import(
        tmp_path,
        "psks",
        PSKS,
        [["P-1", "tksk", "orang", "Budi", "", KEL, "2020-01-01", "2021-01-01"]],
    )
    result = do_import(
        tmp_path,
        "psks",
        PSKS,
        [["P-1", "tksk", "orang", "Budi", "", KEL, "2022-01-01", ""]],
        name="b.csv",
    )
    assert result.rejected == 1
    assert (
        "tanggal_selesai 1 Januari 2021 sebelum tanggal_daftar 1 Januari 2022"
        in read_rejects(result.rejects_path)[0]["alasan_ditolak"]
    )
    assert str(Psks.objects.get().tanggal_daftar) == "2020-01-01"


def test_rejected_row_does_not_create_its_person(tmp_path):
    """Row valid up to its kode_kejadian: the new person it names is not created either."""
    result = do_import(tmp_path, "layanan", LAYANAN, [layanan(nik=NIK_L, kode_kejadian="BNC-X")])
    assert result.rejected == 1
    assert not Orang.objects.exists()


def test_rejected_row_does_not_change_its_person(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [ppks()])
    result = do_import(
        tmp_path, "layanan", LAYANAN, [layanan(nama="Nama Baru", no_kk="", kode_kejadian="BNC-X")]
    )
    assert result.rejected == 1
    assert Orang.objects.get().nama == "Siti Aminah"
    assert Orang.history.count() == 1


def test_missing_header_column_of_identity_kind(tmp_path):
    header = ["nama", "jenis_layanan", "tanggal"]
    result = do_import(tmp_path, "layanan", header, [["Siti", "permakanan", "2024-01-01"]])
    assert result.fatal == "Kolom wajib tidak ada di baris judul: nik atau id_lokal."
    assert result.exit_code == 2
    assert not Orang.objects.exists()


def test_codes_are_case_insensitive(tmp_path, bencana):  # noqa: F811
    row = layanan(
        jenis_layanan="PERMAKANAN",
        sumber_dana="apbd",
        kode_kejadian="bnc-2024-001",
        jenis_kelamin="perempuan",
    )
    result = do_import(tmp_path, "layanan", LAYANAN, [row])
    assert result.accepted == 1
    got = Layanan.objects.get()
    assert (got.jenis_id, got.sumber_dana, got.bencana_id) == ("permakanan", "APBD", bencana.pk)


def test_values_trimmed(tmp_path):
    row = ppks(
        nik=f"  {NIK_P} ", nama="  Siti Aminah  ", jenis_ppks=" anak_telantar ", no_kk=f" {KK}"
    )
    assert do_import(tmp_path, "ppks", PPKS, [row]).accepted == 1
    o = Orang.objects.get()
    assert (o.nik, o.nama, o.no_kk) == (NIK_P, "Siti Aminah", KK)
