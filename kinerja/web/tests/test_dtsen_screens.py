"""The DTSEN options of IKU-3B on screen and paper: the catalogue screen that sets them (a new
version), the definition page, the IKU document and the drill-down's reasons (D137, D138)."""

import io

import pytest
from django.core.management import call_command

from kinerja.audit.models import AuditEntry
from kinerja.indicators.models import Definisi, Keputusan
from kinerja.indicators.tests.dunia_dtsen import amend, buat_dunia

URL = "/admin/indicators/keputusan/{}/opsi-dtsen/"
DRILL = "/angka/IKU-3B/2025-Q2/"
FORM = {
    "nomor": "100/DTSEN/2025",
    "tanggal_ditetapkan": "2025-03-20",
    "berlaku_mulai": "2025-04-01",
    "catatan": "Opsi DTSEN",
    "desil_maks": "4",
    "bansos_per_keluarga": "on",
}


@pytest.fixture
def v1(db):
    return Keputusan.objects.get(kode_wilayah="63.72", versi=1)


def test_screen_anonymous_and_wrong_role_are_refused(client, users, v1):
    assert client.get(URL.format(v1.pk)).status_code == 302  # to the admin login
    client.force_login(users["staf_linjamsos"])  # not staff
    assert client.post(URL.format(v1.pk), FORM).status_code == 302
    assert Keputusan.objects.count() == 1


def test_screen_records_a_new_version_with_the_options(client, users, v1):
    client.force_login(users["perencana"])
    page = client.get(URL.format(v1.pk))
    assert page.status_code == 200
    assert "Desil maksimal" in page.content.decode()
    response = client.post(URL.format(v1.pk), FORM)
    assert response.status_code == 302
    v2 = Keputusan.objects.get(versi=2)
    rows = Definisi.objects.filter(indikator__keputusan=v2, indikator__kode="IKU-3B")
    assert {(r.desil_maks, r.bansos_per_keluarga) for r in rows} == {(4, True)}
    assert not Definisi.objects.filter(indikator__keputusan=v1, desil_maks__isnull=False).exists()
    entry = AuditEntry.objects.filter(aksi="ubah_katalog").latest("id")
    assert entry.pengguna == users["perencana"]
    assert entry.sesudah["definisi"] == {"IKU-3B": {"desil_maks": 4, "bansos_per_keluarga": True}}
    # The version's own page links to the screen.
    client.force_login(users["admin"])
    html = client.get(f"/admin/indicators/keputusan/{v2.pk}/change/").content.decode()
    assert URL.format(v2.pk) in html


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("desil_maks", "11", "Desil maksimal harus 1 sampai 10, atau kosong."),
        ("berlaku_mulai", "2020-12-31", "harus setelah tanggal berlaku versi dasar"),
        ("tanggal_ditetapkan", "bukan-tanggal", "Tanggal tidak dikenal"),
    ],
)
def test_screen_bad_input_saves_nothing(client, users, v1, field, value, message):
    client.force_login(users["admin"])
    response = client.post(URL.format(v1.pk), {**FORM, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Keputusan.objects.count() == 1
    assert not AuditEntry.objects.filter(aksi="ubah_katalog").exists()


def test_definition_page_and_document_show_the_options(client, db, tmp_path):
    home = client.get("/").content.decode()
    assert "Opsi perhitungan DTSEN" not in home  # version 1: off
    amend(4, True)
    home = client.get("/").content.decode()
    assert "Opsi perhitungan DTSEN" in home
    assert "desil 4 ke bawah (desil_maks = 4)" in home
    assert "Bansos per keluarga: layanan pembilang" in home
    import docx

    out = tmp_path / "iku.docx"
    call_command(
        "report", "iku", "--year", "2025", "--format", "docx", "--output", str(out),
        stdout=io.StringIO(),
    )  # fmt: skip
    text = "\n".join(c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells)
    assert "Opsi perhitungan DTSEN (versi katalog 2)" in text
    assert "desil 4 ke bawah" in text


def test_drilldown_reasons_respect_identity(client, users, db):
    people = buat_dunia()
    amend(4, True)
    nik = people["a3"].nik
    masked = f"{nik[:4]}********{nik[-4:]}"
    client.force_login(users["staf_linjamsos"])  # reads the DTKS: names, NIK masked on screen
    html = client.get(DRILL).content.decode()
    assert html.count(f"dilayani melalui anggota KK Warga a3 {masked}") == 2  # a1, a2
    assert nik not in html
    assert "desil 7 di atas batas 4" in html and "desil 9 di atas batas 4" in html
    assert "Dikecualikan dari penyebut" in html
    client.force_login(users["staf_rehabilitasi"])  # another Bidang: never who
    html = client.get(DRILL).content.decode()
    assert html.count("dilayani melalui anggota KK<") == 2
    assert "Warga a3" not in html and masked not in html
    assert "desil 7 di atas batas 4" in html
    response = client.get(DRILL + "?format=xlsx")
    assert response.status_code == 200
    assert client.get("/angka/IKU-3B/2025-Q9/").status_code == 404
