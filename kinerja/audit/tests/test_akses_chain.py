"""Issue 12 row 13: the personal-data access log has its own hash chain and head (D78). Deleting or
altering a row makes `kinerja audit verify` exit 1 naming it; so does removing the newest rows."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import RequestFactory

from kinerja.audit.models import AksesDataPribadi, AuditHead
from kinerja.audit.services import GENESIS, akses_verify, audit_record, audit_verify, log_akses

pytestmark = pytest.mark.django_db
TABLE = AksesDataPribadi._meta.db_table


def _fill(users, n: int = 5) -> list[AksesDataPribadi]:
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    for i in range(n):
        log_akses(
            user=users["auditor"], jenis=AksesDataPribadi.Jenis.BUKA_ORANG,
            objek=f"orang #{i}", jumlah=i + 1, request=request,
        )  # fmt: skip
    return list(AksesDataPribadi.objects.order_by("id"))


def _exec(sql: str, params) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


def _verify_fails() -> str:
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stdout=io.StringIO())
    assert exc.value.returncode == 1
    return str(exc.value)


def test_intact_log_verifies_and_rows_are_linked(users):
    rows = _fill(users)
    assert [r.id_sebelumnya for r in rows] == [0] + [r.pk for r in rows[:-1]]
    assert rows[0].hash_sebelumnya == GENESIS
    assert [r.hash_sebelumnya for r in rows[1:]] == [r.hash for r in rows[:-1]]
    result = akses_verify()
    assert result.ok and result.checked == 5
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "Log akses data pribadi utuh: 5 baris diperiksa" in out.getvalue()
    head = AuditHead.objects.get(kunci="akses")
    assert (head.jumlah, head.id_terakhir, head.hash_terakhir) == (5, rows[-1].pk, rows[-1].hash)


@pytest.mark.parametrize(
    "column, value", [("objek", "orang #99"), ("nama_pengguna", "orang_lain"), ("jumlah", 40)]
)
def test_altered_row_is_named(users, column, value):
    rows = _fill(users)
    _exec(f"UPDATE {TABLE} SET {column} = %s WHERE id = %s", [value, rows[2].pk])
    result = akses_verify()
    assert not result.ok and result.bad_entry_id == rows[2].pk and "diubah" in result.reason
    message = _verify_fails()
    assert "Log akses data pribadi TIDAK utuh" in message and f"#{rows[2].pk}" in message


def test_deleted_middle_row_is_named(users):
    rows = _fill(users)
    _exec(f"DELETE FROM {TABLE} WHERE id = %s", [rows[2].pk])
    result = akses_verify()
    assert not result.ok and result.bad_entry_id == rows[2].pk and "dihapus" in result.reason
    assert f"baris log akses #{rows[2].pk} telah dihapus" in _verify_fails()


def test_deleted_first_row_is_named(users):
    rows = _fill(users)
    _exec(f"DELETE FROM {TABLE} WHERE id = %s", [rows[0].pk])
    assert akses_verify().bad_entry_id == rows[0].pk


@pytest.mark.parametrize("removed", [1, 2, 5])
def test_deleted_newest_rows_are_detected_through_the_head(users, removed):
    rows = _fill(users)
    ids = [r.pk for r in rows[-removed:]]
    _exec(f"DELETE FROM {TABLE} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
    result = akses_verify()
    assert not result.ok and result.bad_entry_id == rows[-1].pk
    assert f"#{rows[-1].pk}" in _verify_fails()


def test_audit_chain_and_access_chain_are_reported_apart(users):
    rows = _fill(users, 3)
    audit_record(user=None, aksi="uji", objek_jenis="uji", objek_id="1")
    assert audit_verify().ok
    _exec(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    message = _verify_fails()
    assert "Jejak audit TIDAK utuh" not in message and "Log akses data pribadi" in message


def test_chain_continues_after_verification_and_any_writer_is_chained(users):
    _fill(users, 2)
    assert akses_verify().ok
    AksesDataPribadi.objects.create(
        nama_pengguna="admin", jenis=AksesDataPribadi.Jenis.EKSPOR, objek="ekspor orang"
    )
    _fill(users, 2)
    result = akses_verify()
    assert result.ok and result.checked == 5 == AksesDataPribadi.objects.count()


def test_the_access_log_page_still_lists_rows(client, users):
    _fill(users, 2)
    client.force_login(users["auditor"])
    r = client.get("/registri/akses/")
    assert r.status_code == 200 and "orang #1" in r.content.decode()


def test_migration_chains_rows_logged_before_the_chain(users):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kinerja.audit.migrations.0005_access_log_hash_chain")
    # bulk_create skips save(): rows as they were before the chain existed.
    AksesDataPribadi.objects.bulk_create(
        AksesDataPribadi(nama_pengguna="kadis", jenis="buka_orang", objek=f"orang #{i}")
        for i in range(3)
    )
    AuditHead.objects.filter(kunci="akses").delete()
    assert not akses_verify().ok
    migration.chain_existing(apps, None)
    assert akses_verify().ok and akses_verify().checked == 3
    _fill(users, 1)
    assert akses_verify().checked == 4


def test_audit_page_check_names_a_removed_access_row(client, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    rows = _fill(users, 3)
    client.force_login(users["auditor"])
    html = client.post("/kinerja/audit/periksa/", follow=True).content.decode()
    assert "Log akses data pribadi utuh: 3 baris diperiksa" in html
    _exec(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    html = client.post("/kinerja/audit/periksa/", follow=True).content.decode()
    assert "Log akses data pribadi TIDAK utuh" in html
    assert f"baris log akses #{rows[1].pk} telah dihapus" in html
    client.force_login(users["staf_rehabilitasi"])
    assert client.get("/kinerja/audit/", {"periksa": "1"}).status_code == 403
