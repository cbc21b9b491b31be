import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.audit.models import AuditEntry
from kinerja.organisation.models import User


@pytest.mark.django_db
def test_add_staf_with_bidang_prints_generated_password():
    out = io.StringIO()
    call_command("users", "add", "sari", "--role", "staf", "--bidang", "rehabilitasi", stdout=out)
    user = User.objects.get(username="sari")
    assert user.role == "staf" and user.bidang.kode == "rehabilitasi"
    password = out.getvalue().split("Kata sandi: ")[1].strip()
    assert user.check_password(password)
    assert AuditEntry.objects.filter(aksi="buat_pengguna", objek_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_password_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Sangat-rahasia-77\n"))
    out = io.StringIO()
    call_command("users", "add", "kadis2", "--role", "kadis", "--password-stdin", stdout=out)
    assert User.objects.get(username="kadis2").check_password("Sangat-rahasia-77")
    assert "Kata sandi:" not in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["x", "--role", "staf"], "wajib disertai --bidang"),
        (["x", "--role", "kabid"], "wajib disertai --bidang"),
    ],
)
def test_refused_without_required_bidang(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("users", "add", *args)
    assert not User.objects.filter(username="x").exists()


@pytest.mark.django_db
def test_duplicate_username_and_unknown_role_refused():
    call_command("users", "add", "dup", "--role", "auditor", stdout=io.StringIO())
    with pytest.raises(CommandError, match="sudah dipakai"):
        call_command("users", "add", "dup", "--role", "auditor")
    with pytest.raises(CommandError):
        call_command("users", "add", "y", "--role", "raja")


@pytest.mark.django_db
def test_weak_password_refused(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError):
        call_command("users", "add", "lemah", "--role", "auditor", "--password-stdin")
    assert not User.objects.filter(username="lemah").exists()


@pytest.mark.django_db
def test_migrate_creates_no_accounts():
    assert User.objects.count() == 0
