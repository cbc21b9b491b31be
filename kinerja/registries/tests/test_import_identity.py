"""Identity rules (contract section 1, Identity columns)."""

import datetime as dt

import pytest

from kinerja.lib.privacy import mask_nik
from kinerja.registries.models import Layanan, Orang, Ppks

from .importing import IDENTITY, KEL, KK, NIK_L, NIK_L2, NIK_P, do_import, person_row, read_rejects

pytestmark = pytest.mark.django_db
PPKS = [*IDENTITY, "jenis_ppks", "tanggal_daftar"]


def ppks_row(*person, jenis="anak_telantar", daftar="2024-01-10"):
    return [*person, jenis, daftar]


def reason(result):
    return read_rejects(result.rejects_path)[0]["alasan_ditolak"]


def test_new_person_created_from_row(tmp_path):
    result = do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row())])
    assert result.accepted == 1
    o = Orang.objects.get()
    assert (o.nik, o.nama, o.jenis_kelamin, o.tanggal_lahir, o.no_kk, o.kelurahan_id) == (
        NIK_P, "Siti Aminah", "P", dt.date(1990, 1, 5), KK, KEL
    )  # fmt: skip
    assert not o.nik_tidak_cocok
    assert o.kode_kabkota == "63.72"
    assert Ppks.objects.get().orang == o


def test_person_without_nik_by_id_lokal(tmp_path):
    result = do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row(nik="", id_lokal="DINSOS-1"))])
    assert result.accepted == 1
    o = Orang.objects.get()
    assert (o.nik, o.id_lokal) == (None, "DINSOS-1")


def test_both_identifiers_naming_different_people_rejected(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [
        ppks_row(*person_row(nik=NIK_P, id_lokal="")),
        ppks_row(*person_row(nik="", id_lokal="DINSOS-1", nama="Budi")),
    ])  # fmt: skip
    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(nik=NIK_P, id_lokal="DINSOS-1"), jenis="pengemis")],
        name="b.csv",
    )
    assert result.rejected == 1
    assert reason(result) == (
        f"NIK {mask_nik(NIK_P)} dan id_lokal DINSOS-1 terdaftar untuk dua orang berbeda"
    )
    assert Orang.objects.count() == 2
    assert Ppks.objects.count() == 2
    assert Orang.objects.get(nik=NIK_P).id_lokal is None


def test_both_identifiers_naming_the_same_person(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row(id_lokal="DINSOS-1"))])
    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(id_lokal="DINSOS-1"), jenis="pengemis")],
        name="b.csv",
    )
    assert result.accepted == 1
    assert Orang.objects.count() == 1


def test_other_identifier_added_when_person_has_none(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row(nik="", id_lokal="DINSOS-1"))])
    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(nik=NIK_P, id_lokal="DINSOS-1", nama=""))],
        name="b.csv",
    )
    assert result.accepted == 1
    o = Orang.objects.get()
    assert (o.nik, o.id_lokal) == (NIK_P, "DINSOS-1")
    # ...and the person is found by the added NIK from then on.
    do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(nik=NIK_P, id_lokal="", nama=""), jenis="pengemis")],
        name="c.csv",
    )
    assert Orang.objects.count() == 1
    assert Ppks.objects.filter(orang=o).count() == 2


def test_other_identifier_conflicting_rejected(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row(id_lokal="DINSOS-1"))])
    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(id_lokal="DINSOS-2"), jenis="pengemis")],
        name="b.csv",
    )
    assert result.rejected == 1
    assert reason(result) == (
        f"konflik identitas: orang dengan NIK {mask_nik(NIK_P)} sudah memiliki id_lokal DINSOS-1, "
        "bukan DINSOS-2"
    )
    assert Orang.objects.get().id_lokal == "DINSOS-1"
    assert Ppks.objects.count() == 1

    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*person_row(nik=NIK_L, id_lokal="DINSOS-1"), jenis="pengemis")],
        name="c.csv",
    )
    assert reason(result) == (
        "konflik identitas: orang dengan id_lokal DINSOS-1 sudah memiliki NIK "
        f"{mask_nik(NIK_P)}, bukan {mask_nik(NIK_L)}"
    )


def test_conflict_with_a_person_created_earlier_in_the_same_file(tmp_path):
    rows = [
        ppks_row(*person_row(nik=NIK_P, id_lokal="DINSOS-1")),
        ppks_row(
            *person_row(nik=NIK_L, id_lokal="DINSOS-1", nama="Budi", jk="L"), jenis="pengemis"
        ),
    ]
    result = do_import(tmp_path, "ppks", PPKS, rows)
    assert (result.accepted, result.rejected) == (1, 1)
    assert "sudah memiliki NIK" in reason(result)
    assert Orang.objects.count() == 1


def test_given_fields_update_person_and_empty_never_erases(tmp_path, users):
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row())])
    update = person_row(nama="Siti Aminah Binti Ali", jk="", lahir="", kk="", kel="63.72.05.1001")
    result = do_import(
        tmp_path,
        "ppks",
        PPKS,
        [ppks_row(*update, jenis="pengemis")],
        name="b.csv",
        user=users["staf_rehabilitasi"],
    )
    assert result.accepted == 1
    o = Orang.objects.get()
    assert (o.nama, o.kelurahan_id) == ("Siti Aminah Binti Ali", "63.72.05.1001")
    assert (o.jenis_kelamin, o.tanggal_lahir, o.no_kk) == ("P", dt.date(1990, 1, 5), KK)
    assert o.updated_by == users["staf_rehabilitasi"]
    # Audited: the change is a history row, with who and which import row.
    latest = o.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == users["staf_rehabilitasi"]
    assert latest.history_change_reason == f"impor #{result.impor_id} baris 2"
    assert latest.prev_record.nama == "Siti Aminah"
    assert (o.impor_id, o.impor_baris) == (result.impor_id, 2)


def test_sex_and_birth_date_read_from_nik_when_empty(tmp_path):
    do_import(
        tmp_path, "ppks", PPKS, [ppks_row(*person_row(nik=NIK_L2, nama="Budi", jk="", lahir=""))]
    )
    o = Orang.objects.get()
    assert (o.jenis_kelamin, o.tanggal_lahir, o.nik_tidak_cocok) == (
        "L",
        dt.date(1985, 3, 12),
        False,
    )


def test_nik_disagreeing_with_data_accepted_and_flagged(tmp_path):
    row = person_row(nik=NIK_P, jk="L", lahir="1991-01-05")
    result = do_import(tmp_path, "ppks", PPKS, [ppks_row(*row)])
    assert result.accepted == 1
    o = Orang.objects.get()
    assert o.nik_tidak_cocok
    assert o.peringatan == (
        "NIK tidak cocok: jenis kelamin L, menurut NIK P; tanggal lahir 5 Januari 1991, menurut NIK 5 Januari 1990"
    )
    assert (o.jenis_kelamin, o.tanggal_lahir) == ("L", dt.date(1991, 1, 5))
    # Corrected later: the flag goes.
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row(jk="P"))], name="b.csv")
    o.refresh_from_db()
    assert (o.nik_tidak_cocok, o.peringatan) == (False, "")


def test_layanan_row_updates_domicile(tmp_path):
    do_import(tmp_path, "ppks", PPKS, [ppks_row(*person_row())])
    header = [*IDENTITY, "jenis_layanan", "tanggal"]
    do_import(
        tmp_path, "layanan", header, [[*person_row(kel="6372051001"), "permakanan", "2024-02-01"]]
    )
    assert Orang.objects.get().kelurahan_id == "63.72.05.1001"
    assert Layanan.objects.count() == 1


def test_person_rows_in_the_same_batch_share_one_person(tmp_path):
    rows = [
        ppks_row(*person_row(nik="", id_lokal="DINSOS-7", nama="Ani")),
        ppks_row(*person_row(nik=NIK_P, id_lokal="DINSOS-7", nama=""), jenis="pengemis"),
        ppks_row(*person_row(nik=NIK_P, id_lokal="", nama=""), jenis="gelandangan"),
    ]
    result = do_import(tmp_path, "ppks", PPKS, rows)
    assert result.accepted == 3
    o = Orang.objects.get()
    assert (o.nik, o.id_lokal, o.nama) == (NIK_P, "DINSOS-7", "Ani")
    assert o.ppks.count() == 3
