"""Issue 12, rows 1, 5, 6, 7 and 12, each as the hostile-but-ordinary user found it on main.

Every assertion is on the bytes returned or stored. The matrix of every path x every role is
`web/tests/test_need_to_know.py`; these are the reproductions of the issue's rows.
"""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.audit.services import log_akses
from kinerja.registries.editing import orang_save
from kinerja.registries.models import Orang, Psks
from kinerja.registries.tests.importing import (
    KK,
    NIK_L,
    NIK_P,
    do_import,
    person_row,
    read_rejects,
)
from kinerja.registries.tests.web_fixtures import NIK_BUDI, NIK_PSKS, NIK_SITI, data  # noqa: F401
from kinerja.web.tests.test_need_to_know import RINA, RUDI, build_world

SIXTEEN = re.compile(rb"\b\d{16}\b")
KK_BUDI = "6372040101900001"
KK_SITI = "6372040101850002"


def masked(nik: str) -> str:
    return nik[:4] + "*" * 8 + nik[-4:]


# -- row 1 ----------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staf_linjamsos", "kabid_pemberdayaan"])
def test_row1_another_bidang_gets_no_identity_from_iku2(client, users, role):
    """On main: XLSX, API and page of IKU-2 named Rehabilitasi's people, with full NIK in files."""
    world = build_world()
    client.force_login(users[role])
    page = client.get("/angka/IKU-2/2025-Q2/")
    xlsx = client.get("/angka/IKU-2/2025-Q2/", {"format": "xlsx"})
    api = client.get("/api/angka/IKU-2/2025-Q2/unit/")
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        sheet = b"".join(z.read(n) for n in z.namelist())
    for body in (page.content, sheet, api.content):
        assert not SIXTEEN.search(body)
        for u in (RINA, RUDI):
            assert u.nama.encode() not in body and u.lahir_id.encode() not in body
            assert masked(u.nik).encode() not in body
    assert b"tampilkan NIK" not in page.content
    assert b"Belum ada layanan yang dihitung" in page.content + sheet + api.content  # the reasons
    person = client.get(reverse("registri:orang_detail", args=[world[RINA.nama].pk]))
    assert person.status_code == 403 and RINA.nama.encode() not in person.content
    reveal = client.post(reverse("registri:orang_nik", args=[world[RINA.nama].pk]))
    assert reveal.status_code == 403 and not SIXTEEN.search(reveal.content)
    assert not AksesDataPribadi.objects.exists()  # nothing personal served, nothing logged


# -- row 5 ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_row5_access_log_never_stores_a_searched_nik(client, users, data):  # noqa: F811
    """On main the log stored `orang: q=6372...&ekspor=csv` and showed it to auditor and kadis."""
    client.force_login(users["staf_rehabilitasi"])
    b"".join(client.get(reverse("registri:orang_list"), {"q": NIK_BUDI, "ekspor": "csv"}))
    xlsx = client.get("/angka/IKU-2/2024/", {"format": "xlsx", "q": NIK_BUDI})
    assert xlsx.status_code == 200
    objek = list(AksesDataPribadi.objects.values_list("objek", flat=True))
    assert len(objek) == 2
    for text in objek:
        assert NIK_BUDI not in text and masked(NIK_BUDI) in text
    # Rows stored before the fix (or by any other path) are shown masked too.
    log_akses(user=users["admin"], jenis="ekspor", objek=f"ppks: q={NIK_SITI}")
    AksesDataPribadi.objects.create(nama_pengguna="lama", jenis="ekspor", objek=f"q={NIK_SITI}")
    assert AksesDataPribadi.objects.filter(objek__contains=NIK_SITI).count() == 1  # the old one
    for role in ("auditor", "kadis", "admin"):
        client.force_login(users[role])
        html = client.get(reverse("registri:akses_log")).content
        assert not SIXTEEN.search(html), role
        assert masked(NIK_SITI).encode() in html and masked(NIK_BUDI).encode() in html


# -- row 6 ----------------------------------------------------------------------------------------
def _orang_post(orang: Orang, **changes) -> dict:
    fields = {
        "nik": "", "id_lokal": orang.id_lokal or "", "nama": orang.nama,
        "jenis_kelamin": orang.jenis_kelamin, "tanggal_lahir": f"{orang.tanggal_lahir:%Y-%m-%d}",
        "no_kk": "", "kelurahan": orang.kelurahan_id or "", "alasan": "Koreksi data uji",
    }  # fmt: skip
    fields.update(changes)
    return fields


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staf_rehabilitasi", "admin"])
def test_row6_person_form_never_renders_the_stored_nik_or_kk(client, users, data, role):  # noqa: F811
    client.force_login(users[role])
    url = reverse("registri:orang_edit", args=[data.budi.pk])
    html = client.get(url).content
    assert not SIXTEEN.search(html)
    assert masked(NIK_BUDI).encode() in html and masked(KK_BUDI).encode() in html
    assert b"Kosongkan bila tidak diubah" in html and b"hapus_nik" in html
    assert not AksesDataPribadi.objects.exists()
    # Saved with the inputs left empty: NIK and KK unchanged, the name corrected.
    r = client.post(url, _orang_post(data.budi, nama="Budi S."))
    assert r.status_code == 302
    data.budi.refresh_from_db()
    assert (data.budi.nik, data.budi.no_kk, data.budi.nama) == (NIK_BUDI, KK_BUDI, "Budi S.")
    # A new value replaces; the checkbox erases (a person without NIK needs an id_lokal).
    new_kk = "6372040101900099"
    assert client.post(url, _orang_post(data.budi, no_kk=new_kk)).status_code == 302
    data.budi.refresh_from_db()
    assert (data.budi.nik, data.budi.no_kk) == (NIK_BUDI, new_kk)
    r = client.post(url, _orang_post(data.budi, hapus_nik="on", id_lokal="REH-9"))
    assert r.status_code == 302
    data.budi.refresh_from_db()
    assert (data.budi.nik, data.budi.id_lokal, data.budi.no_kk) == (None, "REH-9", new_kk)


@pytest.mark.django_db
def test_row6_person_form_errors_keep_nik_out_of_the_page(client, users, data):  # noqa: F811
    client.force_login(users["staf_rehabilitasi"])
    url = reverse("registri:orang_edit", args=[data.budi.pk])
    r = client.post(url, _orang_post(data.budi, nama=""))  # an error elsewhere: the form again
    assert r.status_code == 200 and b"Wajib diisi" in r.content
    assert not SIXTEEN.search(r.content)
    data.budi.refresh_from_db()
    assert data.budi.nik == NIK_BUDI


@pytest.mark.django_db
def test_row6_psks_form_never_renders_the_stored_nik(client, users, data):  # noqa: F811
    client.force_login(users["staf_pemberdayaan"])
    url = reverse("registri:psks_edit", args=[data.psks.pk])
    html = client.get(url).content
    assert not SIXTEEN.search(html) and masked(NIK_PSKS).encode() in html
    fields = {
        "kode_psks": "TKSK-01", "jenis": "tksk", "bentuk": "orang", "nama": "Ahmad F.", "nik": "",
        "kelurahan": data.psks.kelurahan_id, "tanggal_daftar": "2022-01-01",
    }  # fmt: skip
    assert client.post(url, fields).status_code == 302
    psks = Psks.objects.get(pk=data.psks.pk)
    assert (psks.nik, psks.nama) == (NIK_PSKS, "Ahmad F.")
    assert client.post(url, {**fields, "hapus_nik": "on"}).status_code == 302
    assert Psks.objects.get(pk=data.psks.pk).nik == ""


# -- row 7 ----------------------------------------------------------------------------------------
PPKS = ["nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kode_wilayah",
        "jenis_ppks", "tanggal_daftar"]  # fmt: skip


@pytest.mark.django_db
def test_row7_reasons_never_name_a_stored_nik(tmp_path):
    """On main: "orang dengan id_lokal X sudah memiliki NIK 6372..." in the rejects file."""
    do_import(
        tmp_path, "ppks", PPKS, [[*person_row(id_lokal="DINSOS-1"), "pengemis", "2024-01-10"]]
    )
    do_import(
        tmp_path, "ppks", PPKS,
        [[*person_row(nik="", id_lokal="DINSOS-2", nama="Budi", jk="L"), "pengemis", "2024-01-10"]],
        name="b.csv",
    )  # fmt: skip
    rows = [
        # DINSOS-1 has NIK_P: the file gives another NIK.
        [*person_row(nik=NIK_L, id_lokal="DINSOS-1"), "pengemis", "2024-02-10"],
        # NIK_P and DINSOS-2 are two people.
        [*person_row(nik=NIK_P, id_lokal="DINSOS-2"), "pengemis", "2024-02-10"],
        # A NIK with a digit lost.
        [*person_row(nik=NIK_P[:15], id_lokal="DINSOS-3"), "pengemis", "2024-02-10"],
    ]
    result = do_import(tmp_path, "ppks", PPKS, rows, name="c.csv")
    assert result.rejected == 3
    text = result.rejects_path.read_text(encoding="utf-8-sig")
    reasons = [r["alasan_ditolak"] for r in read_rejects(result.rejects_path)]
    assert reasons[0] == (
        f"konflik identitas: orang dengan id_lokal DINSOS-1 sudah memiliki NIK {masked(NIK_P)}, "
        f"bukan {masked(NIK_L)}"
    )
    assert (
        reasons[1] == f"NIK {masked(NIK_P)} dan id_lokal DINSOS-2 terdaftar untuk dua orang berbeda"
    )
    assert reasons[2] == "NIK '***********0000' harus 16 digit angka"
    # The stored NIK appears nowhere except in the rows the uploader gave (their own file).
    given = {NIK_L, NIK_P, KK}
    assert text.count(NIK_P) == 1  # row 2's own nik cell
    assert all(m.group(0).decode() in given for m in SIXTEEN.finditer(text.encode()))


# -- row 12 ---------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "kadis", "perencana", "staf_linjamsos", "admin"])
def test_row12_kk_masked_on_person_page_dtks_list_and_history(client, users, data, role):  # noqa: F811
    data.siti.no_kk = "6372040101850099"
    orang_save(data.siti, user=users["staf_linjamsos"])  # a KK change in the history
    client.force_login(users[role])
    for url in (
        reverse("registri:orang_detail", args=[data.siti.pk]),
        reverse("registri:dtks_list"),
    ):
        html = client.get(url).content
        assert not SIXTEEN.search(html), (role, url)
        assert masked(KK_SITI).encode() in html, (role, url)
        assert (b"tampilkan KK" in html) is (role in ("staf_linjamsos", "admin")), (role, url)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "full"), [("auditor", False), ("staf_linjamsos", True)])
def test_row12_kk_in_the_dtks_export_follows_the_nik_rule(client, users, data, role, full):  # noqa: F811
    client.force_login(users[role])
    body = b"".join(client.get(reverse("registri:dtks_list"), {"ekspor": "csv"}).streaming_content)
    assert (KK_SITI.encode() in body) is full
    assert (NIK_SITI.encode() in body) is full
    assert masked(KK_SITI).encode() in body or full


@pytest.mark.django_db
def test_row12_kk_reveal_is_a_logged_post_for_roles_of_d3(client, users, data):  # noqa: F811
    client.force_login(users["staf_linjamsos"])
    url = reverse("registri:orang_kk", args=[data.siti.pk])
    assert client.get(url).status_code == 405  # prefetching never reveals
    r = client.post(url, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and KK_SITI.encode() in r.content
    r = client.post(reverse("registri:dtks_kk", args=[data.dtks.pk]))
    assert r.status_code == 200 and KK_SITI.encode() in r.content
    assert list(AksesDataPribadi.objects.order_by("pk").values_list("jenis", "objek")) == [
        ("lihat_nik", f"KK orang #{data.siti.pk}"),
        ("lihat_nik", f"KK anggota DTKS #{data.dtks.pk}"),
    ]
    for role in ("auditor", "kadis", "staf_rehabilitasi", "staf_pemberdayaan"):
        client.force_login(users[role])
        for u in (url, reverse("registri:dtks_kk", args=[data.dtks.pk])):
            r = client.post(u)
            assert r.status_code == 403 and not SIXTEEN.search(r.content), (role, u)
    assert AksesDataPribadi.objects.count() == 2
    assert client.post(reverse("registri:orang_kk", args=[999999])).status_code == 404
    assert client.post(reverse("registri:dtks_kk", args=[999999])).status_code == 404
    client.logout()
    for u in (url, reverse("registri:dtks_kk", args=[data.dtks.pk])):
        r = client.post(u)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert AksesDataPribadi.objects.count() == 2
