"""Panduan per role (D168): linked from every page's header, screenshots served as the app's
static files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from kinerja.web.panduan import PANDUAN

ROLES = {
    "perencana": "Perencana", "staf_rehabilitasi": "Staf Bidang", "kabid_linjamsos": "Kepala Bidang",
    "kadis": "Kepala Dinas", "auditor": "Auditor", "admin": "Administrator",
}  # fmt: skip
URL = reverse("panduan")


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for url in (URL, reverse("panduan_peran", args=["kadis"])):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role, nama", ROLES.items())
def test_each_role_reads_its_own_guide_from_the_header(client, users, role, nama):
    client.force_login(users[role])
    beranda = client.get(reverse("beranda")).content.decode()
    assert f'<a href="{URL}">Panduan</a>' in beranda
    html = client.get(URL).content.decode()
    assert f"<h1>Panduan {nama}</h1>" in html and "Ini panduan peran lain" not in html
    assert html.count('href="/panduan/') == 1 + len(PANDUAN) - 1  # the header, the other roles


@pytest.mark.django_db
def test_another_roles_guide_and_an_unknown_one(client, users):
    client.force_login(users["auditor"])
    html = client.get(reverse("panduan_peran", args=["admin"])).content.decode()
    assert "<h1>Panduan Administrator</h1>" in html and "Ini panduan peran lain" in html
    assert client.get(reverse("panduan_peran", args=["raja"])).status_code == 404
    assert client.get("/panduan/%3Cscript%3E/").status_code == 404


@pytest.mark.django_db
def test_screenshots_are_static_files_of_the_app(client, users):
    images = {b.gambar for _, bagian in PANDUAN.values() for b in bagian if b.gambar}
    assert len(images) == 4
    for name in images:
        path = finders.find(f"kinerja/panduan/{name}")
        assert path and "/docs/" not in path, name
    client.force_login(users["kadis"])
    html = client.get(URL).content.decode()
    assert re.findall(r'<img src="/static/kinerja/panduan/([\w-]+\.png)"', html) == [
        "dasbor-desktop.png", "dokumen-lkjip.png"
    ]  # fmt: skip
    assert 'alt="Beranda Kepala Dinas di layar lebar"' in html


def test_guides_are_indonesian_words():
    for kode, (_nama, bagian) in PANDUAN.items():
        for b in bagian:
            for text in (b.judul, *b.langkah):
                assert "_" not in text and "http" not in text, (kode, text)
