"""D60, the need-to-know matrix: every path to a unit's identity x every role x own/other Bidang.

One small world, one unit per Bidang registry (a PSKS with NIK for IKU-1; a PPKS with a basic-needs
service, and one without, for IKU-2; an anak telantar for IKU-3A; a DTKS member for IKU-3B; a disaster
victim for IKU-4). Every assertion is on the bytes returned (an XLSX is unzipped first): a reader
outside the unit's registry gets no 16-digit number, no name, no birth date and no masked NIK; a
reader of the registry gets the name, NIK masked on screen and, in files, full only for the roles of D3.
"""

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.indicators.tests.factories import (
    bencana,
    dtks,
    korban,
    layanan,
    orang,
    pelatihan,
    ppks,
)
from kinerja.performance.periods import Periode
from kinerja.performance.services.workflow import workflow_transition
from kinerja.registries.models import Psks

ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
NIK_ROLES = {"admin"} | {r for r in ROLES if r.startswith(("staf_", "kabid_"))}  # D3
SIXTEEN = re.compile(rb"\b\d{16}\b")
PERIODE = "2025-Q1"


@dataclass(frozen=True)
class Unit:
    nama: str
    nik: str
    kk: str
    lahir: str  # ISO
    lahir_id: str  # as the pages print it
    bidang: str  # the Bidang whose registry the unit comes from (D60)
    kode: str  # the indicator it is a unit of
    orang_bidang: frozenset[str] = frozenset()  # Bidang that open the person page (D60)


RINA = Unit("Rina Rehabilitasi", "6372044101800011", "6372040101800021", "1980-01-01",
            "1 Januari 1980", "rehabilitasi", "IKU-2", frozenset({"rehabilitasi"}))  # fmt: skip
RUDI = Unit("Rudi Tanpalayanan", "6372040202700016", "6372040202700026", "1970-02-02",
            "2 Februari 1970", "rehabilitasi", "IKU-2", frozenset({"rehabilitasi"}))  # fmt: skip
# IKU-3A's child: registered as PPKS (Rehabilitasi opens the person page, PPKS section only) but
# counted and served by Linjamsos, whose drill-down alone names him.
ANTO = Unit("Anto Anaktelantar", "6372040505120012", "6372040101120022", "2012-05-05",
            "5 Mei 2012", "linjamsos", "IKU-3A", frozenset({"rehabilitasi", "linjamsos"}))  # fmt: skip
DEWI = Unit("Dewi Dtks", "6372044303750013", "6372040101750023", "1975-03-03", "3 Maret 1975",
            "linjamsos", "IKU-3B", frozenset({"linjamsos"}))  # fmt: skip
KARTO = Unit("Karto Korban", "6372040606600014", "6372040101600024", "1960-06-06",
             "6 Juni 1960", "linjamsos", "IKU-4", frozenset({"linjamsos"}))  # fmt: skip
PUSPA = Unit("Puspa Pekerjasosial", "6372044707850015", "", "1985-07-07", "7 Juli 1985",
             "pemberdayaan", "IKU-1")  # fmt: skip
PEOPLE = [RINA, RUDI, ANTO, DEWI, KARTO]
UNITS = [*PEOPLE, PUSPA]
KODES = ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]


def build_world() -> dict:
    """Each IKU of Triwulan I 2025 with its units; returns the people by name."""
    made = {}
    for u in PEOPLE:
        made[u.nama] = orang(u.nama, nik=u.nik, lahir=u.lahir, no_kk=u.kk)
    rina, rudi, anto = made[RINA.nama], made[RUDI.nama], made[ANTO.nama]
    ppks(rina, "penyandang_disabilitas", "2024-06-01")
    layanan(rina, "permakanan", "2025-02-01")
    ppks(rudi, "lanjut_usia_telantar", "2024-06-01")
    ppks(anto, "anak_telantar", "2024-06-01", lokasi="dalam_panti")  # IKU-3A only, not IKU-2
    layanan(anto, "pengasuhan", "2025-02-15")
    dewi = made[DEWI.nama]
    dtks("2025-01-01", dewi)
    layanan(dewi, "bansos_keluarga", "2025-02-01")
    karto = made[KARTO.nama]
    b = bencana("BJR-2025-01", "2025-02-10")
    korban(b, karto)
    layanan(karto, "tempat_penampungan", "2025-02-11", bencana=b)
    puspa = Psks.objects.create(
        kode_psks="PSW-01", jenis_id="pekerja_sosial_profesional", bentuk="orang",
        nama=PUSPA.nama, nik=PUSPA.nik, kelurahan_id="63.72.04.1003",
        tanggal_daftar=dt.date(2024, 1, 1),
    )  # fmt: skip
    pelatihan(puspa, "2025-03-01")
    made[PUSPA.nama] = puspa
    return made


@pytest.fixture
def world(db):
    return build_world()


def bidang_of(role: str) -> str | None:
    return role.split("_", 1)[1] if role.startswith(("staf_", "kabid_")) else None


def sees_identity(role: str, u: Unit) -> bool:
    """D60 as the matrix states it: readers outside the Bidang see every unit; Bidang people their own."""
    b = bidang_of(role)
    return b is None or b == u.bidang


def opens_person(role: str, u: Unit) -> bool:
    b = bidang_of(role)
    if b == "pemberdayaan":
        return False  # PSKS are not people (D20)
    return b is None or b in u.orang_bidang


def xlsx_text(content: bytes) -> bytes:
    """Every XML part of the workbook, uncompressed: what a reader of the file gets."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return b"\n".join(z.read(n) for n in z.namelist())


def assert_hidden(body: bytes, u: Unit, where, *, only_this_unit: bool = False) -> None:
    """Nothing of who the unit is: no name, no 16-digit number, no birth date, no masked NIK.
    `only_this_unit`: the body rightly holds other units' full NIK (an export for a D3 role)."""
    if not only_this_unit:
        assert not SIXTEEN.search(body), where
    for text in (u.nama, u.lahir, u.lahir_id, u.nik, "****" + u.nik[-4:]):
        assert text.encode() not in body, (where, text)


def assert_masked(body: bytes, u: Unit, where: str) -> None:
    assert u.nama.encode() in body, where
    assert u.nik.encode() not in body, where
    assert (u.nik[:4] + "*" * 8 + u.nik[-4:]).encode() in body, where
    if u.kk:
        assert u.kk.encode() not in body, where


def echo_removed(body: bytes, typed: str) -> bytes:
    """The page echoes what the user typed (search box, export link, language form): not a leak.
    Only the results are asserted on."""
    for echo in (f'value="{typed}"', f"?q={typed}"):
        body = body.replace(echo.encode(), b"")
    return body


def login(client, users, role):
    client.force_login(users[role])


# -- drill-down page, its XLSX, the API --------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_drilldown_page(client, users, world, role):
    login(client, users, role)
    for u in UNITS:
        r = client.get(f"/angka/{u.kode}/{PERIODE}/")
        assert r.status_code == 200
        where = (role, u.kode, "page")
        assert not SIXTEEN.search(r.content), where  # never a full NIK on screen (D23)
        if sees_identity(role, u):
            assert_masked(r.content, u, where)
            assert (b"tampilkan NIK" in r.content) is (role in NIK_ROLES), where
        else:
            assert_hidden(r.content, u, where)
            assert b"tampilkan NIK" not in r.content and b"/registri/orang/" not in r.content
            assert b"unit 1" in r.content, where  # the neutral label
    # IKU-2's reasons reach every role, with or without names.
    r = client.get(f"/angka/IKU-2/{PERIODE}/")
    assert b"Belum ada layanan yang dihitung" in r.content
    assert b"50,00 %" in r.content


@pytest.mark.parametrize("role", ROLES)
def test_drilldown_name_search_is_no_oracle(client, users, world, role):
    """A name search would answer "is Rina in IKU-2?": ignored for readers outside the registry."""
    login(client, users, role)
    r = client.get(f"/angka/IKU-2/{PERIODE}/", {"q": "Rina"})
    units = r.context["rows"]
    assert len(units) == (1 if sees_identity(role, RINA) else 2)


@pytest.mark.parametrize("role", ROLES)
def test_drilldown_xlsx(client, users, world, role):
    login(client, users, role)
    for u in UNITS:
        before = AksesDataPribadi.objects.count()
        r = client.get(f"/angka/{u.kode}/{PERIODE}/", {"format": "xlsx"})
        assert r.status_code == 200
        body = xlsx_text(r.content)
        where = (role, u.kode, "xlsx")
        if not sees_identity(role, u):
            assert_hidden(body, u, where)
            assert b"unit 1" in body
            assert AksesDataPribadi.objects.count() == before  # no personal data, nothing to log
            continue
        assert u.nama.encode() in body, where
        if role in NIK_ROLES:
            assert u.nik.encode() in body, where
        else:
            assert not SIXTEEN.search(body), where
            assert (u.nik[:4] + "*" * 8 + u.nik[-4:]).encode() in body, where
        assert AksesDataPribadi.objects.count() == before + 1


@pytest.mark.parametrize("role", ROLES)
def test_api_units(client, users, world, role):
    login(client, users, role)
    for u in UNITS:
        r = client.get(f"/api/angka/{u.kode}/{PERIODE}/unit/")
        assert r.status_code == 200
        where = (role, u.kode, "api")
        if not sees_identity(role, u):
            assert_hidden(r.content, u, where)
            rows = json.loads(r.content)
            assert rows and all(x["nama"] is None and x["nik"] is None for x in rows)
            assert all(x["unit_id"] is None and x["kode"].startswith("unit ") for x in rows)
            continue
        assert u.nama.encode() in r.content, where
        if role in NIK_ROLES:
            assert u.nik.encode() in r.content, where
        else:
            assert not SIXTEEN.search(r.content), where


# -- why it changed ---------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_why_changed_names_units_only_to_their_registry(client, users, world, role):
    for aksi, who in (("submit", "staf"), ("verify", "kabid"), ("approve", "kadis")):
        user = users["kadis"] if who == "kadis" else users[f"{who}_rehabilitasi"]
        workflow_transition(aksi=aksi, kode="IKU-2", periode=Periode(2025, 1), user=user)
    layanan(world[RUDI.nama], "sandang", "2025-03-01")  # Rudi enters the numerator
    login(client, users, role)
    r = client.get(reverse("performance:period", args=["IKU-2", PERIODE]))
    assert r.status_code == 200
    assert b"1 unit berubah sejak dibekukan" in r.content
    rudi_link = reverse("registri:orang_detail", args=[world[RUDI.nama].pk]).encode()
    if sees_identity(role, RUDI):
        assert rudi_link in r.content
    else:
        assert rudi_link not in r.content and b"/registri/orang/" not in r.content
        assert f"#{world[RUDI.nama].pk}<".encode() not in r.content
        assert b"unit 1" in r.content


# -- the person page, its reveal, the list, its search and export -------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_person_page_and_reveals(client, users, world, role):
    login(client, users, role)
    for u in PEOPLE:
        pk = world[u.nama].pk
        r = client.get(reverse("registri:orang_detail", args=[pk]))
        where = (role, u.nama, "person")
        nik = client.post(reverse("registri:orang_nik", args=[pk]))
        kk = client.post(reverse("registri:orang_kk", args=[pk]))
        if not opens_person(role, u):
            for resp in (r, nik, kk):
                assert resp.status_code == 403, where
                assert_hidden(resp.content, u, where)
            continue
        assert r.status_code == 200, where
        assert_masked(r.content, u, where)
        assert not SIXTEEN.search(r.content), where
        assert (u.kk[:4] + "*" * 8 + u.kk[-4:]).encode() in r.content, where
        if role in NIK_ROLES:  # a logged reveal shows it (D23)
            assert nik.status_code == 200 and u.nik.encode() in nik.content
            assert kk.status_code == 200 and u.kk.encode() in kk.content
        else:
            assert nik.status_code == 403 and not SIXTEEN.search(nik.content)
            assert kk.status_code == 403 and not SIXTEEN.search(kk.content)


@pytest.mark.parametrize("role", ROLES)
def test_person_list_search_and_export(client, users, world, role):
    login(client, users, role)
    url = reverse("registri:orang_list")
    page = client.get(url)
    if bidang_of(role) == "pemberdayaan":
        assert page.status_code == 403 and not SIXTEEN.search(page.content)
        for u in PEOPLE:
            assert_hidden(page.content, u, (role, "list"))
        return
    export = client.get(url, {"ekspor": "csv"})
    body = b"".join(export.streaming_content)
    assert not SIXTEEN.search(page.content)
    for u in PEOPLE:
        where = (role, u.nama, "list")
        found = echo_removed(client.get(url, {"q": u.nik}).content, u.nik)
        found_csv = b"".join(client.get(url, {"q": u.nik, "ekspor": "csv"}).streaming_content)
        assert not SIXTEEN.search(found), where
        if opens_person(role, u):
            assert u.nama.encode() in page.content and u.nama.encode() in found, where
            assert (u.nik.encode() in body) is (role in NIK_ROLES), where
            assert u.nama.encode() in found_csv, where
        else:
            for resp in (page.content, found, found_csv):
                assert_hidden(resp, u, where)
            assert_hidden(body, u, where, only_this_unit=True)
    # The log keeps who searched for a NIK, never the NIK itself (row 5).
    assert not AksesDataPribadi.objects.filter(objek__regex=r"[0-9]{16}").exists()


@pytest.mark.parametrize("role", ROLES)
def test_psks_page_and_reveal(client, users, world, role):
    """IKU-1's PSKS with NIK: its list and reveal follow the same rule."""
    login(client, users, role)
    r = client.get(reverse("registri:psks_list"))
    reveal = client.post(reverse("registri:psks_nik", args=[world[PUSPA.nama].pk]))
    if not sees_identity(role, PUSPA):
        assert r.status_code == 403 and reveal.status_code == 403
        assert_hidden(r.content + reveal.content, PUSPA, role)
        return
    assert_masked(r.content, PUSPA, role)
    assert not SIXTEEN.search(r.content)
    assert (PUSPA.nik.encode() in reveal.content) is (role in NIK_ROLES)
