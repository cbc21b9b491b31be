"""Indonesian first, English through the language switch (/i18n/setlang/) and the committed catalogue."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _switch(client, language: str, next_url: str = "/"):
    r = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert r.status_code == 302
    return r


def _po_entries(path: Path) -> list[dict[str, str]]:
    """A small .po reader: msgid, msgid_plural and msgstr[n] per entry, obsolete entries skipped."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        flags: list[str] = []
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
            elif line.strip():
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if "msgid" in fields:
            fields["flags"] = ",".join(flags)
            entries.append(fields)
    return entries


def test_catalogue_is_committed_complete_and_compiled():
    assert PO.is_file() and MO.is_file()
    entries = _po_entries(PO)
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1 and "Language: en" in header[0]["msgstr"]
    messages = [e for e in entries if e["msgid"]]
    assert len(messages) > 300
    untranslated = [
        e["msgid"] for e in messages for k, v in e.items() if k.startswith("msgstr") and not v
    ]
    assert untranslated == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    # The .mo is what Django reads (nothing compiles it on install): it must match the .po.
    with MO.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = [
        e["msgid"]
        for e in messages
        if "msgid_plural" not in e and mo.gettext(e["msgid"]) != e["msgstr"]
    ]
    assert stale == []


def test_placeholders_are_kept():
    ph = re.compile(r"%\([a-z_]+\)s|%%")
    for e in _po_entries(PO):
        if not e["msgid"]:
            continue
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for k, v in e.items():
            if k.startswith("msgstr"):
                src = sources[1] if k == "msgstr[1]" else sources[0]
                assert sorted(ph.findall(v)) == sorted(ph.findall(src)), e["msgid"]


@pytest.mark.django_db
def test_home_is_indonesian_by_default(client):
    html = client.get("/").content.decode()
    assert 'lang="id"' in html
    assert "Indikator Kinerja Utama" in html
    assert "Sasaran Strategis" in html
    assert ">Masuk<" in html
    assert ">English<" in html


@pytest.mark.django_db
def test_home_in_english_after_setlang(client):
    r = _switch(client, "en")
    assert r["Location"] == "/"
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Key Performance Indicators" in html
    assert "Strategic Objective" in html
    assert "Calculation method" in html
    assert ">Log in<" in html
    assert "Skip to content" in html
    assert ">Bahasa Indonesia<" in html
    assert "Sasaran Strategis" not in html
    assert "Lewati ke isi" not in html


@pytest.mark.django_db
def test_switching_back_to_indonesian(client):
    _switch(client, "en")
    _switch(client, "id")
    html = client.get("/").content.decode()
    assert 'lang="id"' in html and "Sasaran Strategis" in html


@pytest.mark.django_db
def test_public_page_in_english(client):
    _switch(client, "en")
    html = client.get(reverse("publik")).content.decode()
    assert 'lang="en"' in html
    assert "Key Performance Indicator achievements" in html
    assert "Public information" in html


@pytest.mark.django_db
def test_login_page_in_english(client):
    _switch(client, "en")
    html = client.get(reverse("login")).content.decode()
    assert "Log in to Kinerja" in html
    assert "Masuk ke Kinerja" not in html


@pytest.mark.django_db
def test_login_wrong_password_in_indonesian_by_default(client, users):
    r = client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    assert r.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in r.content.decode()


@pytest.mark.django_db
def test_login_wrong_password_in_english(client, users):
    _switch(client, "en")
    r = client.post(reverse("login"), {"username": "kadis", "password": "salah"})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'lang="en"' in html
    assert "Nama pengguna atau kata sandi salah" not in html
    assert "incorrect" in html.lower()


@pytest.mark.django_db
def test_dashboard_in_english(client, users):
    client.force_login(users["kadis"])
    _switch(client, "en", reverse("beranda"))
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'lang="en"' in html
    assert "Dashboard" in html
    assert "Performance dashboard" in html
    assert "Log out" in html
    assert "Dasbor kinerja" not in html


@pytest.mark.django_db
def test_dashboard_in_indonesian_by_default(client, users):
    client.force_login(users["kadis"])
    html = client.get(reverse("beranda")).content.decode()
    assert 'lang="id"' in html and "Dasbor kinerja" in html and "Keluar" in html
