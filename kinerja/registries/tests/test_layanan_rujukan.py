"""Layanan's references after D19c: `jenis` is still guaranteed by the database on both databases
(PostgreSQL: statement-level trigger and a deferred trigger on the code list; SQLite: inline key),
and `impor` is a pointer the ORM still clears when its import is deleted."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from kinerja.registries.models import Impor, JenisLayanan, Layanan, Orang

pytestmark = pytest.mark.django_db


@pytest.fixture
def orang():
    return Orang.objects.create(id_lokal="R-1", nama="Rujukan", kelurahan_id="63.72.04.1003")


def _layanan(orang, jenis_id: str, **extra) -> Layanan:
    return Layanan.objects.create(
        orang=orang, jenis_id=jenis_id, tanggal=dt.date(2025, 1, 2), **extra
    )


def _checked(write) -> None:
    """Run `write` in a transaction and check deferred constraints before it ends (a test never
    commits; `check_constraints` makes both databases check what COMMIT would)."""
    with transaction.atomic():
        write()
        connection.check_constraints()


def test_unknown_jenis_cannot_be_written(orang):
    with pytest.raises(IntegrityError):
        _checked(lambda: _layanan(orang, "tidak_ada"))
    assert not Layanan.objects.exists()


def test_unknown_jenis_cannot_be_written_with_plain_sql(orang):
    def write():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO registries_layanan (kode_kabkota, created_at, updated_at, tanggal, "
                "program, sumber_dana, keterangan, jenis_id, orang_id) VALUES "
                "('63.72', %s, %s, %s, '', '', '', 'permakanan', %s), "
                "('63.72', %s, %s, %s, '', '', '', 'tidak_ada', %s)",
                [dt.datetime.now(dt.UTC)] * 2
                + [dt.date(2025, 1, 2), orang.pk]
                + [dt.datetime.now(dt.UTC)] * 2
                + [dt.date(2025, 1, 3), orang.pk],
            )

    with pytest.raises(IntegrityError):
        _checked(write)
    assert not Layanan.objects.exists()


def test_jenis_cannot_be_changed_to_an_unknown_code(orang):
    layanan = _layanan(orang, "permakanan")
    with pytest.raises(IntegrityError):
        _checked(lambda: Layanan.objects.filter(pk=layanan.pk).update(jenis_id="tidak_ada"))
    assert Layanan.objects.get().jenis_id == "permakanan"


def test_referenced_jenis_is_protected(orang):
    _layanan(orang, "permakanan")
    jenis = JenisLayanan.objects.get(pk="permakanan")
    with pytest.raises(ProtectedError):
        jenis.delete()

    def delete_with_sql():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM registries_jenislayanan WHERE kode = 'permakanan'")

    with pytest.raises(IntegrityError):
        _checked(delete_with_sql)
    assert JenisLayanan.objects.filter(pk="permakanan").exists()


def test_unreferenced_jenis_can_still_be_removed_and_renamed():
    def change():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE registries_jenislayanan SET kode = 'x' WHERE kode = 'sandang'")
            cursor.execute("DELETE FROM registries_jenislayanan WHERE kode = 'x'")

    _checked(change)
    assert not JenisLayanan.objects.filter(pk__in=["sandang", "x"]).exists()


def test_deleting_an_import_clears_its_pointer(orang):
    impor = Impor.objects.create(jenis="layanan", nama_file="a.csv")
    layanan = _layanan(orang, "permakanan", impor=impor, impor_baris=2)
    impor.delete()
    layanan.refresh_from_db()
    assert layanan.impor_id is None
