"""The audit log: altered, removed-middle and removed-tail entries are detected and named."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kinerja.audit.models import AuditEntry
from kinerja.audit.services import audit_record, audit_verify


def _fill(n: int = 5) -> list[AuditEntry]:
    return [
        audit_record(user=None, aksi="uji", objek_jenis="uji", objek_id=str(i), sesudah={"i": i})
        for i in range(n)
    ]


def _verify_cmd() -> str:
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    return str(exc.value)


@pytest.mark.django_db
def test_intact_log_verifies(capsys):
    _fill()
    assert audit_verify().ok
    call_command("audit", "verify")
    assert "utuh" in capsys.readouterr().out


@pytest.mark.django_db
def test_sql_update_of_an_entry_is_named():
    entries = _fill()
    victim = entries[2]
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET sesudah = %s WHERE id = %s", ['{"i": 99}', victim.pk]
        )
    result = audit_verify()
    assert not result.ok and result.bad_entry_id == victim.pk
    assert f"#{victim.pk}" in _verify_cmd()


@pytest.mark.django_db
def test_sql_update_of_the_user_name_is_named():
    entries = _fill()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET nama_pengguna = 'orang_lain' WHERE id = %s",
            [entries[0].pk],
        )
    assert audit_verify().bad_entry_id == entries[0].pk


@pytest.mark.django_db
def test_deleted_middle_entry_is_named():
    entries = _fill()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    result = audit_verify()
    assert not result.ok and result.bad_entry_id == entries[2].pk
    assert "dihapus" in result.reason
    assert f"#{entries[2].pk}" in _verify_cmd()


@pytest.mark.django_db
def test_deleted_first_entry_is_named():
    entries = _fill()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[0].pk])
    assert audit_verify().bad_entry_id == entries[0].pk


@pytest.mark.django_db
def test_deleted_last_entry_is_detected_through_the_head():
    entries = _fill()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    result = audit_verify()
    assert not result.ok and result.bad_entry_id == entries[-1].pk
    assert f"#{entries[-1].pk}" in _verify_cmd()


@pytest.mark.django_db
def test_deleted_last_two_entries_are_detected():
    entries = _fill()
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM audit_auditentry WHERE id IN (%s, %s)", [entries[-1].pk, entries[-2].pk]
        )
    assert not audit_verify().ok


@pytest.mark.django_db
def test_chain_continues_after_verification():
    _fill(3)
    assert audit_verify().ok
    _fill(2)
    result = audit_verify()
    assert result.ok and result.checked == AuditEntry.objects.count()


@pytest.mark.django_db
def test_prev_id_links_each_entry():
    entries = _fill(3)
    assert [e.id_sebelumnya for e in entries] == [
        AuditEntry.objects.filter(pk__lt=entries[0].pk)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0,
        entries[0].pk,
        entries[1].pk,
    ]
