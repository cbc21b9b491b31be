"""The upload preview marks each shown row accepted or rejected (with its reason), and the reason
masks an invalid NIK exactly as the table masks the cell. Anonymous, wrong role, right role."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .test_unggah_berkas import IMMEDIATE, PPKS_CSV

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


def _upload(client, text: str) -> str:
    f = SimpleUploadedFile("ppks.csv", text.encode("utf-8"), content_type="text/csv")
    r = client.post(reverse("registri:unggah_form", args=["ppks"]), {"file": f})
    assert r.status_code == 302
    return r["Location"]


def test_rows_are_marked_and_the_reason_masks_like_the_table(client, users):
    client.force_login(users["staf_rehabilitasi"])
    text = PPKS_CSV + "63720412345;Pendek;anak_telantar;2024-01-05;63.72.04.1003\n"
    html = client.get(_upload(client, text)).content.decode()
    first = html.split("Masalah yang ditemukan")[0]  # the table of the first rows
    rows = re.findall(r"<tr( class=\"ditolak\")?><th scope=\"row\">(\d+)</th><td>(.*?)</td>", first)
    assert [(n, bool(cls)) for cls, n, _ in rows] == [("2", False), ("3", True), ("4", True)]
    assert "Diterima" in rows[0][2]
    assert "NIK &#x27;****&#x27; harus 16 digit angka" in rows[1][2]
    assert "NIK &#x27;*******2345&#x27; harus 16 digit angka" in rows[2][2]
    assert "63720412345" not in html and "Salah" in html  # the cell itself shows *******2345
    assert "<td>*******2345</td>" in html


def test_preview_refused_to_anonymous_and_wrong_bidang(client, users):
    client.force_login(users["staf_rehabilitasi"])
    url = _upload(client, PPKS_CSV)
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(users["staf_pemberdayaan"])
    assert client.get(url).status_code == 403
