"""The header's search (D167): scoped to what each role may open; NIK only for the roles that see
NIK; logged when it touches personal data."""

import pytest
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.tests.web_fixtures import (  # noqa: F401
    NIK_BUDI,
    NIK_PSKS,
    ROLES,
    data,
)

URL = reverse("registri:cari")


def found(client, q: str) -> str:
    r = client.get(URL, {"q": q})
    assert r.status_code == 200
    return r.content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, data):  # noqa: F811
    r = client.get(URL, {"q": "Budi"})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, q, expected, absent",
    [
        ("staf_rehabilitasi", "budi", "Budi Santoso", None),
        ("staf_rehabilitasi", NIK_BUDI, "Budi Santoso", None),
        ("staf_rehabilitasi", "REH-2024-007", "Pak Tua", None),
        ("staf_rehabilitasi", "Siti", None, "Siti Aminah"),  # Linjamsos' people
        ("staf_rehabilitasi", "Ahmad", None, "Ahmad Fauzi"),  # Pemberdayaan's PSKS
        ("staf_rehabilitasi", "BJR-2024", None, "BJR-2024-01"),  # Linjamsos' disasters
        ("staf_pemberdayaan", "TKSK-01", "Ahmad Fauzi", None),
        ("staf_pemberdayaan", NIK_PSKS, "Ahmad Fauzi", None),
        ("staf_pemberdayaan", "Budi", None, "Budi Santoso"),
        ("staf_linjamsos", "BJR-2024", "BJR-2024-01", None),
        ("staf_linjamsos", "aminah", "Siti Aminah", None),
        ("kadis", "Budi", "Budi Santoso", None),
        ("auditor", "Ahmad", "Ahmad Fauzi", None),
        ("auditor", NIK_BUDI, None, "Budi Santoso"),  # no NIK right: nothing personal
        ("kadis", NIK_PSKS, None, "Ahmad Fauzi"),
        ("perencana", NIK_BUDI, None, "Budi Santoso"),
        ("admin", NIK_BUDI, "Budi Santoso", None),
    ],
)
def test_scoped_to_the_role(client, users, data, role, q, expected, absent):  # noqa: F811
    client.force_login(users[role])
    html = found(client, q)
    if expected:
        assert expected in html
    if absent:
        assert absent not in html
    # A NIK on the page only where the typed query is echoed (the box, the language form's return)
    echoed = html.replace(f'value="{q}"', "").replace(f'value="/registri/cari/?q={q}"', "")
    assert NIK_BUDI not in echoed and NIK_PSKS not in echoed


@pytest.mark.django_db
def test_nik_without_the_right_says_why(client, users, data):  # noqa: F811
    client.force_login(users["auditor"])
    html = found(client, NIK_BUDI)
    assert "hanya untuk peran yang berhak melihat NIK lengkap" in html
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "cari" and log.jumlah == 0 and log.objek == "cari: 6372********0001"


@pytest.mark.django_db
def test_logged_when_personal_data_is_found(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    found(client, "Budi")
    log = AksesDataPribadi.objects.get()
    assert (log.jenis, log.jumlah, log.objek, log.nama_pengguna) == (
        "cari", 1, "cari: Budi", "staf_rehabilitasi"
    )  # fmt: skip
    found(client, NIK_BUDI)
    assert AksesDataPribadi.objects.order_by("-id").first().objek == "cari: 6372********0001"


@pytest.mark.django_db
def test_not_logged_without_personal_data(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    assert "BJR-2024-01" in found(client, "BJR-2024")
    assert "Tidak ada yang cocok" in found(client, "tidak-ada-orang-ini")
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
def test_counts_and_links(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    html = found(client, "Santoso")
    assert f'href="/registri/orang/{data.budi.pk}/"' in html and "6372********0001" in html
    assert 'id="h-orang">Orang <span class="badge">1</span>' in html
    html = found(client, "banjir")
    assert 'href="/registri/bencana/?q=BJR-2024-01"' in html and "10 Januari 2024" in html


@pytest.mark.django_db
@pytest.mark.parametrize("q, status", [("ab", 400), ("", 200), ("  ", 200)])
def test_short_query(client, users, data, q, status):  # noqa: F811
    client.force_login(users["kadis"])
    r = client.get(URL, {"q": q})
    assert r.status_code == status and "Ketik sedikitnya 3 huruf atau angka" in r.content.decode()
    assert not AksesDataPribadi.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_box_is_in_every_header(client, users, role):
    client.force_login(users[role])
    html = client.get(reverse("beranda")).content.decode()
    assert f'action="{URL}"' in html and 'role="search"' in html
