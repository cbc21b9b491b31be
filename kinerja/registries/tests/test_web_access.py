"""Every registry page as anonymous (login), each role (403 or 200 with content)."""

import pytest
from django.urls import reverse

from kinerja.registries.tests.web_fixtures import ROLES, data  # noqa: F401

READERS = {"perencana", "kadis", "auditor", "admin"}
REHAB = {"staf_rehabilitasi", "kabid_rehabilitasi"}
LINJAMSOS = {"staf_linjamsos", "kabid_linjamsos"}
PEMBERDAYAAN = {"staf_pemberdayaan", "kabid_pemberdayaan"}

# (url name, args from the data, roles answered 200, a text the page shows)
VIEW_PAGES = [
    ("registri:index", None, set(ROLES), "Registri"),
    ("registri:orang_list", None, READERS | REHAB | LINJAMSOS, "Daftar orang"),
    # D60: a person is opened by the Bidang whose registries hold them (Budi: PPKS; Siti: DTKS).
    ("registri:orang_detail", lambda d: [d.budi.pk], READERS | REHAB, "Budi Santoso"),
    ("registri:orang_detail", lambda d: [d.siti.pk], READERS | LINJAMSOS, "Siti Aminah"),
    ("registri:ppks_list", None, READERS | REHAB, "Penyandang disabilitas"),
    ("registri:layanan_list", None, READERS | REHAB | LINJAMSOS, "Permakanan"),
    ("registri:psks_list", None, READERS | PEMBERDAYAAN, "TKSK-01"),
    ("registri:pelatihan_list", None, READERS | PEMBERDAYAAN, "BIMTEK-24"),
    ("registri:dtks_list", None, READERS | LINJAMSOS, "Siti Aminah"),
    ("registri:bencana_list", None, READERS | LINJAMSOS, "BJR-2024-01"),
    ("registri:korban_list", None, READERS | LINJAMSOS, "Siti Aminah"),
    ("registri:akses_log", None, {"kadis", "auditor", "admin"}, "Log akses data pribadi"),
]

# Forms: (url name, args, roles that may open them)
CHANGE_PAGES = [
    ("registri:orang_add", None, {"admin"} | REHAB | LINJAMSOS),
    ("registri:orang_edit", lambda d: [d.budi.pk], {"admin"} | REHAB),
    ("registri:orang_edit", lambda d: [d.siti.pk], {"admin"} | LINJAMSOS),
    ("registri:ppks_add", lambda d: [d.budi.pk], {"admin"} | REHAB),
    ("registri:ppks_edit", lambda d: [d.ppks.pk], {"admin"} | REHAB),
    ("registri:layanan_add", lambda d: [d.budi.pk], {"admin"} | REHAB),
    ("registri:layanan_add", lambda d: [d.siti.pk], {"admin"} | LINJAMSOS),
    ("registri:layanan_edit", lambda d: [d.layanan_dasar.pk], {"admin"} | REHAB),
    ("registri:layanan_edit", lambda d: [d.layanan_bansos.pk], {"admin"} | LINJAMSOS),
    ("registri:layanan_edit", lambda d: [d.layanan_bencana.pk], {"admin"} | LINJAMSOS),
    ("registri:dtks_add", lambda d: [d.siti.pk], {"admin"} | LINJAMSOS),
    ("registri:dtks_edit", lambda d: [d.dtks.pk], {"admin"} | LINJAMSOS),
    ("registri:korban_add", lambda d: [d.siti.pk], {"admin"} | LINJAMSOS),
    ("registri:korban_edit", lambda d: [d.korban.pk], {"admin"} | LINJAMSOS),
    ("registri:psks_add", None, {"admin"} | PEMBERDAYAAN),
    ("registri:psks_edit", lambda d: [d.psks.pk], {"admin"} | PEMBERDAYAAN),
    ("registri:pelatihan_add", None, {"admin"} | PEMBERDAYAAN),
    ("registri:pelatihan_edit", lambda d: [d.pelatihan.pk], {"admin"} | PEMBERDAYAAN),
    ("registri:kegiatan_add", None, {"admin"} | PEMBERDAYAAN),
    ("registri:bencana_add", None, {"admin"} | LINJAMSOS),
    ("registri:bencana_edit", lambda d: [d.bencana.pk], {"admin"} | LINJAMSOS),
]

ALL_PAGES = [(name, args) for name, args, *_ in VIEW_PAGES + CHANGE_PAGES]


def _url(data, name, args):  # noqa: F811
    return reverse(name, args=args(data) if args else None)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), ALL_PAGES, ids=[n for n, _ in ALL_PAGES])
def test_anonymous_is_sent_to_login(client, data, name, args):  # noqa: F811
    url = _url(data, name, args)
    r = client.get(url)
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args", "allowed", "text"), VIEW_PAGES, ids=[p[0] for p in VIEW_PAGES]
)
def test_view_pages_per_role(client, users, data, name, args, allowed, text):  # noqa: F811
    url = _url(data, name, args)
    for role in ROLES:
        client.force_login(users[role])
        r = client.get(url)
        expected = 200 if role in allowed else 403
        assert r.status_code == expected, (role, url, r.status_code)
        if expected == 200:
            assert text in r.content.decode(), (role, url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args", "allowed"), CHANGE_PAGES, ids=[p[0] for p in CHANGE_PAGES]
)
def test_forms_per_role(client, users, data, name, args, allowed):  # noqa: F811
    url = _url(data, name, args)
    for role in ROLES:
        client.force_login(users[role])
        r = client.get(url)
        expected = 200 if role in allowed else 403
        assert r.status_code == expected, (role, url, r.status_code)
        if expected == 200:
            assert "Simpan" in r.content.decode()
        # A refused role cannot save by posting either.
        if expected == 403:
            assert client.post(url, {}).status_code == 403


@pytest.mark.django_db
def test_missing_record_is_404(client, users, data):  # noqa: F811
    client.force_login(users["admin"])
    for name in ("registri:orang_detail", "registri:ppks_edit", "registri:layanan_edit"):
        assert client.get(reverse(name, args=[999999])).status_code == 404


@pytest.mark.django_db
def test_record_of_another_kabkota_is_404(client, users, data, settings):  # noqa: F811
    data.budi.kode_kabkota = "63.71"
    data.budi.save()
    client.force_login(users["admin"])
    assert client.get(reverse("registri:orang_detail", args=[data.budi.pk])).status_code == 404
    assert "Budi Santoso" not in client.get(reverse("registri:orang_list")).content.decode()


@pytest.mark.django_db
def test_nav_links_to_registries(client, users):
    client.force_login(users["auditor"])
    html = client.get(reverse("beranda")).content.decode()
    assert 'href="/registri/"' in html


@pytest.mark.django_db
def test_index_lists_only_the_bidang_registries(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    html = client.get(reverse("registri:index")).content.decode()
    assert reverse("registri:psks_list") in html
    assert reverse("registri:ppks_list") not in html
    assert reverse("registri:orang_list") not in html
    client.force_login(users["auditor"])
    html = client.get(reverse("registri:index")).content.decode()
    for name in ("orang", "ppks", "layanan", "psks", "pelatihan", "dtks", "bencana", "korban"):
        assert reverse(f"registri:{name}_list") in html
    assert reverse("registri:akses_log") in html
