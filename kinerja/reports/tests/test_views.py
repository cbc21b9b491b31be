"""/dokumen/: anonymous, every role, bad input."""

import pytest
from django.urls import reverse

ROLES = ("perencana", "staf_rehabilitasi", "kabid_linjamsos", "kadis", "auditor")


def test_anonymous_is_sent_to_login(client, db):
    for url in (reverse("dokumen:daftar"), reverse("dokumen:unduh", args=["iku", "pdf"])):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_list_and_downloads(client, users, role):
    client.force_login(users[role])
    page = client.get(reverse("dokumen:daftar"), {"tahun": "2025", "triwulan": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    for kind in ("iku", "pk", "lkjip", "spm", "rekap"):
        assert f"/dokumen/{kind}.pdf?tahun=2025&amp;triwulan=2" in html
    response = client.get(reverse("dokumen:unduh", args=["pk", "xlsx"]), {"tahun": "2025"})
    assert response.status_code == 302 and "/dokumen/tugas/" in response["Location"]
    response = client.get(response["Location"] + "unduh/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="pk-2025.xlsx"'
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_bad_input(client, users):
    client.force_login(users["kadis"])
    assert client.get(reverse("dokumen:unduh", args=["lkjap", "pdf"])).status_code == 404
    assert client.get(reverse("dokumen:unduh", args=["iku", "odt"])).status_code == 404
    url = reverse("dokumen:unduh", args=["iku", "pdf"])
    assert client.get(url, {"tahun": "dua ribu"}).status_code == 400
    assert client.get(url, {"tahun": "2025", "triwulan": "5"}).status_code == 400
    page = client.get(reverse("dokumen:daftar"), {"tahun": "1999"})
    assert page.status_code == 200 and "Periode tidak valid" in page.content.decode()
