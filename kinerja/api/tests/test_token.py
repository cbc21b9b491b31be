"""API tokens: `kinerja users token`, stored hashed, for active accounts only, same role rights."""

import base64
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from conftest import PASSWORD
from kinerja.api.models import TokenApi
from kinerja.audit.models import AuditEntry
from kinerja.audit.services import audit_verify

from .conftest import NIK

UNIT = "/api/angka/IKU-2/2025-Q1/unit/"


def issue(username: str) -> str:
    out = io.StringIO()
    call_command("users", "token", username, stdout=out)
    text = out.getvalue()
    assert "tidak bisa ditampilkan lagi" in text
    (key,) = re.findall(r"^[0-9a-f]{40}$", text, re.M)
    return key


def get(client, url: str, key: str | None = None, **extra):
    if key is not None:
        extra["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client.get(url, **extra)


def test_token_from_the_command_signs_a_script_in(client, users, served):
    key = issue("kadis")
    r = get(client, reverse("api:angka") + "?tahun=2025&triwulan=1", key)
    assert r.status_code == 200
    assert {row["indicator"] for row in r.json()} >= {"IKU-2"}
    token = TokenApi.objects.get(pengguna=users["kadis"])
    assert token.terakhir_dipakai is not None
    # Only a digest is stored: the key itself is nowhere in the row.
    assert key not in (token.digest, token.awalan) and token.awalan == key[:8]
    assert AuditEntry.objects.filter(
        aksi="buat_token_api", objek_id=str(users["kadis"].pk)
    ).exists()
    assert audit_verify().ok


def test_token_keeps_the_role_rights(client, users, served):
    masked = get(client, UNIT, issue("auditor"))
    full = get(client, UNIT, issue("staf_rehabilitasi"))
    assert masked.status_code == full.status_code == 200
    assert NIK.encode() not in masked.content
    assert masked.json()[0]["nik"] == "6372********0001"
    assert NIK.encode() in full.content


def test_new_token_replaces_the_old_and_revoke_ends_it(client, users, db):
    url = reverse("api:angka") + "?tahun=2025"
    first = issue("perencana")
    second = issue("perencana")
    assert get(client, url, first).status_code == 401
    assert get(client, url, second).status_code == 200
    out = io.StringIO()
    call_command("users", "token", "perencana", "--revoke", stdout=out)
    assert "dicabut" in out.getvalue()
    r = get(client, url, second)
    assert r.status_code == 401
    assert r.json() == {"detail": "Token tidak sah, dicabut, atau akunnya nonaktif."}
    out = io.StringIO()
    call_command("users", "token", "perencana", "--revoke", stdout=out)
    assert "tidak punya token API" in out.getvalue()
    assert AuditEntry.objects.filter(aksi="cabut_token_api").count() == 1


def test_inactive_account_gets_no_token_and_loses_its_old_one(client, users, db):
    key = issue("auditor")
    users["auditor"].is_active = False
    users["auditor"].save()
    assert get(client, reverse("api:angka") + "?tahun=2025", key).status_code == 401
    with pytest.raises(CommandError, match="tidak aktif"):
        call_command("users", "token", "auditor", stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("users", "token", "siapa", stdout=io.StringIO())


@pytest.mark.parametrize(
    "header, detail",
    [
        ("Token", "Header token tidak sah"),
        ("Token a b", "Header token tidak sah"),
        ("Token 0000000000000000000000000000000000000000", "Token tidak sah, dicabut"),
        ("Token \u00e9t\u00e9", "Token tidak sah"),
    ],
)
def test_malformed_or_unknown_token_is_401_in_indonesian(client, db, header, detail):
    r = client.get(reverse("api:angka") + "?tahun=2025", HTTP_AUTHORIZATION=header)
    assert r.status_code == 401
    assert r.json()["detail"].startswith(detail)


def test_basic_auth_still_works_and_refuses_a_wrong_password(client, users, db):
    def basic(password: str) -> str:
        return "Basic " + base64.b64encode(f"kadis:{password}".encode()).decode()

    url = reverse("api:angka") + "?tahun=2025"
    assert client.get(url, HTTP_AUTHORIZATION=basic(PASSWORD)).status_code == 200
    r = client.get(url, HTTP_AUTHORIZATION=basic("salah"))
    assert r.status_code == 401
    assert "Invalid" not in r.json()["detail"]


def test_replacing_a_token_resets_its_dates(users, db):
    issue("kadis")
    TokenApi.objects.update(dibuat="2020-01-01T00:00Z", terakhir_dipakai="2020-01-02T00:00Z")
    issue("kadis")
    token = TokenApi.objects.get(pengguna=users["kadis"])
    assert token.dibuat.year > 2020 and token.terakhir_dipakai is None
