"""Adding and correcting records: the import's rules, Indonesian messages, nothing saved on error."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.lib.dates import today
from kinerja.registries.models import (
    Bencana,
    DtksAnggota,
    KegiatanPelatihan,
    Korban,
    Layanan,
    Orang,
    Pelatihan,
    Ppks,
    Psks,
)
from kinerja.registries.tests.web_fixtures import NIK_BUDI, data  # noqa: F401

TOMORROW = (today() + dt.timedelta(days=1)).isoformat()
NIK_NEW = "6372046304920005"  # 23-04-1992, P


def _post(client, name, args=None, **fields):
    return client.post(reverse(f"registri:{name}", args=args), fields)


def _errors(r) -> str:
    assert r.status_code == 200, r.status_code
    html = r.content.decode()
    assert "Data belum tersimpan" in html
    return html


# ---- orang ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_person_with_nik_reads_sex_and_birth_date_from_it(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    r = _post(client, "orang_add", nik=NIK_NEW, nama="Rina", kelurahan="63.72.04.1003")
    orang = Orang.objects.get(nik=NIK_NEW)
    assert r.status_code == 302 and r["Location"] == reverse(
        "registri:orang_detail", args=[orang.pk]
    )
    assert orang.jenis_kelamin == "P" and orang.tanggal_lahir == dt.date(1992, 4, 23)
    assert orang.created_by == users["staf_rehabilitasi"] == orang.updated_by
    assert orang.kode_kabkota == "63.72"
    assert orang.history.get().history_user == users["staf_rehabilitasi"]
    assert AuditEntry.objects.filter(aksi="tambah", objek_jenis="registries.orang").exists()


@pytest.mark.django_db
def test_person_whose_nik_disagrees_is_saved_and_flagged(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    _post(client, "orang_add", nik=NIK_NEW, nama="Rina", jenis_kelamin="L")
    orang = Orang.objects.get(nik=NIK_NEW)
    assert orang.nik_tidak_cocok and "jenis kelamin" in orang.peringatan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"nik": "12345", "nama": "X"}, "NIK harus 16 digit angka"),
        ({"nik": "9972041208900001", "nama": "X"}, "kode provinsi 99 tidak dikenal"),
        ({"nik": "6372041208900000", "nama": "X"}, "nomor urut 0000"),
        ({"nik": "6372043213900001", "nama": "X"}, "bukan tanggal yang benar"),
        ({"nama": "X"}, "Isi NIK atau ID lokal"),
        ({"id_lokal": "A-1"}, "Wajib diisi."),
        ({"nik": NIK_BUDI, "nama": "X"}, "NIK ini sudah terdaftar"),
        ({"id_lokal": "REH-2024-007", "nama": "X"}, "ID lokal ini sudah dipakai"),
        ({"id_lokal": "A-1", "nama": "X", "tanggal_lahir": TOMORROW}, "setelah hari ini"),
        ({"id_lokal": "A-1", "nama": "X", "tanggal_lahir": "31/02/2000"}, "Bukan tanggal"),
        ({"id_lokal": "A-1", "nama": "X", "kelurahan": "63.71.01.1001"}, "Bukan kelurahan di"),
        ({"id_lokal": "A-1", "nama": "X", "kelurahan": "63.72.04"}, "Bukan kelurahan di"),
        ({"id_lokal": "A-1", "nama": "X", "no_kk": "123"}, "Nomor KK harus 16 digit"),
    ],
)
def test_bad_person_input_is_refused(client, users, data, fields, message):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    before = Orang.objects.count()
    html = _errors(_post(client, "orang_add", **fields))
    assert message in html
    assert Orang.objects.count() == before


@pytest.mark.django_db
def test_correct_a_person_keeps_history(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    url_args = [data.budi.pk]
    r = _post(
        client, "orang_edit", url_args, nik=NIK_BUDI, nama="Budi Santosa", jenis_kelamin="L",
        tanggal_lahir="1990-08-12", no_kk=data.budi.no_kk, kelurahan="63.72.04.1002",
        alasan="Koreksi sesuai KTP",
    )  # fmt: skip
    assert r.status_code == 302
    data.budi.refresh_from_db()
    assert data.budi.nama == "Budi Santosa" and data.budi.kelurahan_id == "63.72.04.1002"
    assert data.budi.history.count() == 2
    assert data.budi.history.first().history_user == users["staf_rehabilitasi"]
    assert AuditEntry.objects.get(aksi="ubah").sesudah == {
        "kolom": ["kelurahan_id", "nama"],
        "alasan": "Koreksi sesuai KTP",
    }


@pytest.mark.django_db
def test_person_edit_accepts_its_own_nik(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    r = _post(client, "orang_edit", [data.budi.pk], nik=NIK_BUDI, nama="Budi", alasan="Ejaan KTP")
    assert r.status_code == 302


# ---- ppks -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_ppks(client, users, data):  # noqa: F811
    client.force_login(users["kabid_rehabilitasi"])
    fields = {
        "jenis": "lanjut_usia_telantar",
        "tanggal_daftar": "01/03/2024",
        "lokasi": "luar_panti",
    }
    # D60: Siti is only in Linjamsos' registries, so Rehabilitasi Sosial cannot open her by id.
    assert _post(client, "ppks_add", [data.siti.pk], **fields).status_code == 403
    baru = Orang.objects.create(nama="Orang Baru", id_lokal="REH-BARU")  # in no registry yet
    r = _post(client, "ppks_add", [baru.pk], **fields)
    assert r.status_code == 302
    ppks = Ppks.objects.get(orang=baru)
    assert ppks.tanggal_daftar == dt.date(2024, 3, 1)
    assert ppks.created_by == users["kabid_rehabilitasi"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"jenis": "bukan_jenis", "tanggal_daftar": "2024-01-01"}, "Pilihan tidak dikenal"),
        ({"jenis": "pengemis"}, "Wajib diisi."),
        ({"jenis": "pengemis", "tanggal_daftar": TOMORROW}, "setelah hari ini"),
        (
            {"jenis": "pengemis", "tanggal_daftar": "2024-05-01", "tanggal_selesai": "2024-04-01"},
            "Tanggal selesai tidak boleh sebelum tanggal daftar.",
        ),
        (
            {"jenis": "penyandang_disabilitas", "tanggal_daftar": "2024-02-01"},
            "sudah terdaftar pada jenis PPKS ini",
        ),
    ],
)
def test_bad_ppks_input_is_refused(client, users, data, fields, message):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    fields.setdefault("lokasi", "luar_panti")
    html = _errors(_post(client, "ppks_add", [data.budi.pk], **fields))
    assert message in html
    assert Ppks.objects.filter(orang=data.budi).count() == 1


@pytest.mark.django_db
def test_correct_ppks_closing_date(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    r = _post(
        client, "ppks_edit", [data.ppks.pk], jenis="penyandang_disabilitas",
        tanggal_daftar="2024-02-01", tanggal_selesai="2024-10-31", lokasi="dalam_panti",
    )  # fmt: skip
    assert r.status_code == 302
    data.ppks.refresh_from_db()
    assert data.ppks.tanggal_selesai == dt.date(2024, 10, 31) and data.ppks.lokasi == "dalam_panti"
    assert data.ppks.history.first().history_user == users["staf_rehabilitasi"]


# ---- layanan --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_layanan_rehab_and_linjamsos(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    r = _post(
        client, "layanan_add", [data.budi.pk], jenis="sandang", tanggal="2024-04-01",
        nilai_rp="250000", sumber_dana="APBD",
    )  # fmt: skip
    assert r.status_code == 302
    assert Layanan.objects.get(jenis_id="sandang").nilai_rp == 250000
    client.force_login(users["staf_linjamsos"])
    r = _post(
        client, "layanan_add", [data.siti.pk], jenis="santunan", tanggal="2024-01-12",
        bencana=data.bencana.pk,
    )  # fmt: skip
    assert r.status_code == 302
    assert Layanan.objects.get(jenis_id="santunan").bencana == data.bencana


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "fields", "message"),
    [
        ("staf_rehabilitasi", {"jenis": "bansos_keluarga"}, "Pilihan tidak dikenal"),
        ("staf_rehabilitasi", {"jenis": "permakanan", "bencana": "BENCANA"}, "Pilihan tidak"),
        ("staf_linjamsos", {"jenis": "permakanan"}, "milik bidang lain"),
        ("staf_rehabilitasi", {"jenis": "sandang", "nilai_rp": "-5"}, "negatif"),
        ("staf_rehabilitasi", {"jenis": "sandang", "nilai_rp": "Rp satu"}, "bilangan"),
        ("staf_rehabilitasi", {"jenis": "sandang", "tanggal": TOMORROW}, "setelah hari ini"),
        ("staf_rehabilitasi", {"jenis": "sandang", "sumber_dana": "CSR"}, "Pilihan tidak"),
        ("staf_rehabilitasi", {"jenis": "permakanan", "tanggal": "2024-03-05"}, "sudah tercatat"),
    ],
)
def test_bad_layanan_input_is_refused(client, users, data, role, fields, message):  # noqa: F811
    client.force_login(users[role])
    if fields.get("bencana") == "BENCANA":
        fields["bencana"] = str(data.bencana.pk)  # basic needs for a disaster: not Rehab's
        message = "milik bidang lain"
    fields.setdefault("tanggal", "2024-04-01")
    before = Layanan.objects.count()
    person = data.siti if role == "staf_linjamsos" else data.budi  # D60: one they may open
    html = _errors(_post(client, "layanan_add", [person.pk], **fields))
    assert message in html
    assert Layanan.objects.count() == before


# ---- psks, pelatihan ------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_psks_and_training(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    r = _post(
        client, "psks_add", kode_psks="LKS-09", jenis="lks", bentuk="lembaga", nama="LKS Melati",
        kelurahan="63.72.05.1001", tanggal_daftar="2023-01-01",
    )  # fmt: skip
    assert r.status_code == 302
    psks = Psks.objects.get(kode_psks="LKS-09")
    r = _post(client, "kegiatan_add", kode_kegiatan="DIKLAT-25", nama_kegiatan="Diklat")
    assert r.status_code == 302
    kegiatan = KegiatanPelatihan.objects.get(kode_kegiatan="DIKLAT-25")
    r = _post(client, "pelatihan_add", kegiatan=kegiatan.pk, psks=psks.pk, tanggal="2024-05-05")
    assert r.status_code == 302
    assert Pelatihan.objects.filter(psks=psks).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kode_psks": "TKSK-01"}, "Kode PSKS ini sudah terdaftar."),
        ({"nik": "123"}, "NIK harus 16 digit angka"),
        ({"jenis": "bukan"}, "Pilihan tidak dikenal"),
        ({"bentuk": "yayasan"}, "Pilihan tidak dikenal"),
        ({"tanggal_selesai": "2020-01-01"}, "Tanggal selesai tidak boleh sebelum"),
        ({"kelurahan": "63.71.01.1001"}, "Bukan kelurahan di kab/kota ini."),
        ({"nama": ""}, "Wajib diisi."),
    ],
)
def test_bad_psks_input_is_refused(client, users, data, fields, message):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    base = {
        "kode_psks": "PSM-77", "jenis": "pekerja_sosial_masyarakat", "bentuk": "orang",
        "nama": "Y", "tanggal_daftar": "2023-01-01",
    }  # fmt: skip
    html = _errors(_post(client, "psks_add", **(base | fields)))
    assert message in html
    assert Psks.objects.count() == 1


@pytest.mark.django_db
def test_training_twice_for_the_same_activity_is_refused(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    html = _errors(
        _post(
            client,
            "pelatihan_add",
            kegiatan=data.kegiatan.pk,
            psks=data.psks.pk,
            tanggal="2024-06-01",
        )  # fmt: skip
    )
    assert "sudah tercatat sebagai peserta" in html
    assert Pelatihan.objects.count() == 1


# ---- bencana, korban, dtks ------------------------------------------------------------------


@pytest.mark.django_db
def test_add_bencana_at_kecamatan_level_with_planned_end(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    r = _post(
        client, "bencana_add", kode_kejadian="KBK-2025-02", jenis="sosial", sub_jenis="kebakaran",
        tanggal_kejadian="2025-02-01", wilayah="63.72.05", mulai_tanggap_darurat="2025-02-01",
        selesai_tanggap_darurat=TOMORROW,
    )  # fmt: skip
    assert r.status_code == 302
    assert Bencana.objects.get(kode_kejadian="KBK-2025-02").wilayah_id == "63.72.05"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kode_kejadian": "BJR-2024-01"}, "Kode kejadian ini sudah terdaftar."),
        ({"tanggal_kejadian": TOMORROW}, "setelah hari ini"),
        ({"mulai_tanggap_darurat": TOMORROW}, "setelah hari ini"),
        ({"wilayah": "63.72"}, "Bukan wilayah di sini."),
        ({"wilayah": "63.71.01"}, "Bukan wilayah di sini."),
        ({"jenis": "banjir"}, "Pilihan tidak dikenal"),
    ],
)
def test_bad_bencana_input_is_refused(client, users, data, fields, message):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    base = {
        "kode_kejadian": "X-1", "jenis": "alam", "tanggal_kejadian": "2024-02-02",
        "wilayah": "63.72.04.1003",
    }  # fmt: skip
    html = _errors(_post(client, "bencana_add", **(base | fields)))
    assert message in html
    assert Bencana.objects.count() == 1


@pytest.mark.django_db
def test_add_korban_and_refuse_a_second_row_for_the_same_event(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    baru = Orang.objects.create(nama="Orang Baru", id_lokal="LJS-BARU")  # in no registry yet
    r = _post(client, "korban_add", [baru.pk], bencana=data.bencana.pk, kondisi="luka")
    assert r.status_code == 302
    assert Korban.objects.get(orang=baru).kondisi == "luka"
    html = _errors(
        _post(client, "korban_add", [baru.pk], bencana=data.bencana.pk, kondisi="meninggal")
    )
    assert "sudah tercatat sebagai korban kejadian ini" in html
    html = _errors(_post(client, "korban_add", [baru.pk], kondisi="luka"))
    assert "Wajib diisi." in html
    assert Korban.objects.count() == 2


@pytest.mark.django_db
def test_add_dtks_membership(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    # D60: Budi is only in Rehabilitasi Sosial's registries (a NIK import attaches him instead).
    assert _post(client, "dtks_add", [data.budi.pk], periode_bulan="2024-06").status_code == 403
    baru = Orang.objects.create(nama="Orang Baru", nik=NIK_NEW, no_kk="6372040101920005")
    r = _post(client, "dtks_add", [baru.pk], periode_bulan="2024-06", desil="3")
    assert r.status_code == 302
    anggota = DtksAnggota.objects.get(orang=baru)
    assert anggota.periode == data.periode and anggota.nik == NIK_NEW and anggota.desil == 3
    html = _errors(_post(client, "dtks_add", [baru.pk], periode_bulan="2024-06"))
    assert "sudah tercatat pada periode DTKS" in html
    html = _errors(_post(client, "dtks_add", [baru.pk], periode_bulan="Juni 2024"))
    assert "Periode harus berbentuk TTTT-BB" in html
    tanpa_nik = Orang.objects.create(nama="Tanpa NIK", id_lokal="LJS-2")
    html = _errors(_post(client, "dtks_add", [tanpa_nik.pk], periode_bulan="2024-06"))
    assert "wajib punya NIK dan nomor KK" in html
    html = _errors(_post(client, "dtks_add", [baru.pk], periode_bulan="2024-07", desil="11"))
    assert "Pilihan tidak dikenal" in html or "Desil harus" in html
    assert DtksAnggota.objects.count() == 2


@pytest.mark.django_db
def test_empty_post_shows_the_required_fields(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    html = _errors(_post(client, "psks_add"))
    assert html.count("Wajib diisi.") >= 4
    assert Psks.objects.count() == 1
