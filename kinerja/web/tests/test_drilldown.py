"""The drill-down page `/angka/<kode>/<periode>/`: anonymous, every role, filters, export, bad input.

One small hand-made case (IKU-2, Triwulan I 2025) with its exact figure and the reason of every unit
left out of the numerator.
"""

import io

import pytest
from openpyxl import load_workbook

from kinerja.audit.models import AksesDataPribadi
from kinerja.indicators.tests.factories import KEL, KEL2, layanan, orang, ppks
from kinerja.performance.periods import Periode
from kinerja.performance.services.workflow import workflow_transition

ALL_ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
NIK_ANI = "6372044101800001"  # woman (day 01 + 40), born 1 January 1980
URL = "/angka/IKU-2/2025-Q1/"


def build_case() -> dict:
    """IKU-2, Q1 2025 (1 January - 31 March): denominator 6, numerator 2 (Ani, Fajar) -> 33,33 %.

    Literal reading counts types: penyandang disabilitas, lanjut usia, gelandangan pengemis, anak
    telantar = 4; served inside a registration of its type: penyandang disabilitas only -> 1/4.
    """
    ani = orang("Ani Served", jk="P", lahir="1980-01-01", nik=NIK_ANI)
    ppks(ani, "penyandang_disabilitas", "2024-06-01")
    layanan(ani, "permakanan", "2025-02-01")
    budi = orang("Budi Tanpalayanan", jk="L", lahir="1950-05-05")
    ppks(budi, "lanjut_usia_telantar", "2024-06-01")
    citra = orang("Citra Sebelumperiode", jk="P", lahir="1990-02-02")
    ppks(citra, "gelandangan", "2024-11-01")
    layanan(citra, "sandang", "2024-12-20")
    dodi = orang("Dodi Sebelumregistrasi", jk="L", lahir="1985-03-03")
    ppks(dodi, "anak_telantar", "2025-02-01")
    layanan(dodi, "permakanan", "2025-01-15")
    eka = orang("Eka Dalampanti", jk="P", lahir="1970-04-04")
    ppks(eka, "penyandang_disabilitas", "2024-01-01", lokasi="dalam_panti")
    layanan(eka, "permakanan", "2025-02-01")
    fajar = orang("Fajar Guntung", kel=KEL2, jk="L", lahir="1975-07-07")
    ppks(fajar, "penyandang_disabilitas", "2024-01-01")
    layanan(fajar, "sandang", "2025-03-01")
    hana = orang("Hana Tanpawilayah", kel=None, jk="P", lahir="1982-08-08")
    ppks(hana, "penyandang_disabilitas", "2024-01-01")
    return {"ani": ani, "budi": budi, "citra": citra, "dodi": dodi, "eka": eka, "fajar": fajar}


@pytest.fixture
def kasus(db):
    return build_case()


Q1_2025 = Periode(2025, 1)


def approve(users, kode="IKU-2", periode=Q1_2025, bidang="rehabilitasi"):
    for aksi, who in (("submit", "staf"), ("verify", "kabid"), ("approve", "kadis")):
        user = users["kadis"] if who == "kadis" else users[f"{who}_{bidang}"]
        workflow_transition(aksi=aksi, kode=kode, periode=periode, user=user)


def html_of(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


# -- access ----------------------------------------------------------------------------------------
def test_anonymous_is_sent_to_login(client, kasus):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_export_anonymous_is_sent_to_login_and_nothing_logged(client, kasus):
    response = client.get(URL + "?format=xlsx")
    assert response.status_code == 302 and AksesDataPribadi.objects.count() == 0


def test_inactive_user_is_refused(client, users, kasus):
    user = users["staf_rehabilitasi"]
    user.is_active = False
    user.save()
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


@pytest.mark.parametrize("username", ALL_ROLES)
def test_every_signed_in_role_sees_the_figure(client, users, kasus, username):
    client.force_login(users[username])
    html = html_of(client.get(URL))
    assert "33,33 %" in html
    assert "Triwulan I 2025" in html
    assert "1 Januari 2025 – 31 Maret 2025" in html
    # D60: IKU-2's units are Rehabilitasi Sosial's; other Bidang see the reasons, not the names.
    other_bidang = username.endswith(("_pemberdayaan", "_linjamsos"))
    assert ("Ani Served" in html) is not other_bidang
    assert "Belum ada layanan yang dihitung" in html


# -- what the page shows ---------------------------------------------------------------------------
def test_figure_definition_window_reasons_and_marks(client, users, kasus):
    client.force_login(users["auditor"])
    response = client.get(URL)
    html = html_of(response)
    ctx = response.context
    assert (ctx["live"].numerator, ctx["live"].denominator) == (2, 6)
    assert str(ctx["live"].value) == "33.33"
    assert f"definisi #{ctx['defn'].pk}" in html and "Versi katalog 1" in html
    by_name = {d["r"].nama: d["r"] for d in ctx["rows"]}
    assert set(by_name) == {
        "Ani Served", "Budi Tanpalayanan", "Citra Sebelumperiode", "Dodi Sebelumregistrasi",
        "Fajar Guntung", "Hana Tanpawilayah",
    }  # fmt: skip
    assert "Eka Dalampanti" not in html  # dalam panti: not in IKU-2's denominator
    assert by_name["Ani Served"].pembilang and by_name["Fajar Guntung"].pembilang
    assert by_name["Budi Tanpalayanan"].alasan_label == "Belum ada layanan yang dihitung"
    assert by_name["Citra Sebelumperiode"].alasan_label == "Layanan di luar periode"
    assert by_name["Dodi Sebelumregistrasi"].alasan_label == (
        "Layanan dalam periode, tetapi di luar masa registrasi"
    )
    for reason in (
        "Belum ada layanan yang dihitung",
        "Layanan di luar periode",
        "Layanan dalam periode, tetapi di luar masa registrasi",
    ):
        assert reason in html
    assert html.count("✓ Ya") == 2 and html.count("✗ Tidak") == 4
    assert "tanpa wilayah" in html  # Hana
    assert "Komet" in html and "Guntung Payung" in html  # region names, not codes


def test_data_quality_counts_beside_the_figure(client, users, kasus):
    client.force_login(users["kadis"])
    response = client.get(URL)
    html_of(response)
    counts = {key: n for key, _, n in response.context["kualitas"]}
    assert counts["tanpa_wilayah"] == 1  # Hana
    assert counts["tanpa_tanggal_lahir"] == 0
    assert "Kualitas data" in response.content.decode()


@pytest.mark.parametrize("username", ["staf_rehabilitasi", "auditor", "perencana", "admin"])
def test_nik_is_masked_on_screen_for_every_role(client, users, kasus, username):
    client.force_login(users[username])
    html = html_of(client.get(URL))
    assert "6372********0001" in html
    assert NIK_ANI not in html


def test_nik_reveal_button_only_for_roles_that_see_nik(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    assert "tampilkan NIK" in html_of(client.get(URL))
    client.force_login(users["auditor"])
    assert "tampilkan NIK" not in html_of(client.get(URL))


def test_iku3a_lists_children_outside_the_age_band_as_excluded(client, users, kasus):
    child = orang("Gita Anak", jk="P", lahir="2015-05-05")
    ppks(child, "anak_telantar", "2024-01-01")
    layanan(child, "pengasuhan", "2025-02-02")
    client.force_login(users["staf_linjamsos"])
    response = client.get("/angka/IKU-3A/2025-Q1/")
    html = html_of(response)
    ctx = response.context
    assert (ctx["live"].numerator, ctx["live"].denominator) == (1, 1)
    assert [d["r"].nama for d in ctx["rows"]] == ["Gita Anak"]
    assert [d["r"].nama for d in ctx["excluded"]] == ["Dodi Sebelumregistrasi"]  # 39 years old
    assert "Dikecualikan dari penyebut" in html and "6–18 tahun" in html


# -- filters ---------------------------------------------------------------------------------------
def names(response) -> list[str]:
    html_of(response)
    return sorted(d["r"].nama for d in response.context["rows"])


def test_filter_status_not_in_numerator(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    got = names(client.get(URL, {"status": "bukan"}))
    assert got == [
        "Budi Tanpalayanan", "Citra Sebelumperiode", "Dodi Sebelumregistrasi", "Hana Tanpawilayah"
    ]  # fmt: skip
    assert names(client.get(URL, {"status": "pembilang"})) == ["Ani Served", "Fajar Guntung"]


def test_filter_region_gives_the_region_figure(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    response = client.get(URL, {"wilayah": KEL2})
    assert names(response) == ["Fajar Guntung"]
    live = response.context["live"]
    assert (live.numerator, live.denominator) == (1, 1)
    assert "100,00 %" in response.content.decode()
    kecamatan = client.get(URL, {"wilayah": KEL[:8]})
    assert len(names(kecamatan)) == 4
    assert (kecamatan.context["live"].numerator, kecamatan.context["live"].denominator) == (1, 4)


def test_filter_sex_age_group_and_name(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    assert names(client.get(URL, {"jenis_kelamin": "P"})) == [
        "Ani Served", "Citra Sebelumperiode", "Hana Tanpawilayah"
    ]  # fmt: skip
    assert names(client.get(URL, {"kelompok_umur": "60+"})) == ["Budi Tanpalayanan"]
    assert names(client.get(URL, {"q": "guntung"})) == ["Fajar Guntung"]
    assert names(client.get(URL, {"jenis_kelamin": "kosong"})) == []
    empty = client.get(URL, {"q": "tidak ada orang ini"})
    assert "Tidak ada unit yang cocok dengan saringan ini." in html_of(empty)


def test_literal_reading_counts_types(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    response = client.get(URL, {"bacaan": "literal"})
    html = html_of(response)
    live = response.context["live"]
    assert (live.numerator, live.denominator) == (1, 4)
    assert "25,00 %" in html and "Bacaan harfiah keputusan" in html


def test_pagination_keeps_the_filters(client, users, kasus, settings):
    from kinerja.web import drilldown

    client.force_login(users["staf_rehabilitasi"])
    old = drilldown.PAGE_SIZE
    drilldown.PAGE_SIZE = 2
    try:
        response = client.get(URL, {"status": "bukan", "page": "2"})
        html = html_of(response)
        assert response.context["page_obj"].number == 2
        assert "status=bukan&amp;page=1" in html or "status=bukan&amp;page=3" in html
        assert len(response.context["rows"]) == 2
    finally:
        drilldown.PAGE_SIZE = old


# -- bad input -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url, message",
    [
        ("/angka/IKU-2/2025-Q5/", "tidak dikenal"),
        ("/angka/IKU-2/abc/", "tidak dikenal"),
        ("/angka/IKU-2/2025-Q/", "tidak dikenal"),
        ("/angka/IKU-2/1999/", "tidak dikenal"),
        ("/angka/IKU-9/2025-Q1/", "tidak ada dalam katalog"),
        ("/angka/IKU-2/2025-Q1/?format=pdf", "Format unduhan tidak dikenal"),
    ],
)
def test_bad_period_code_or_format_is_404_with_a_message(client, users, kasus, url, message):
    client.force_login(users["staf_rehabilitasi"])
    response = client.get(url)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_lower_case_code_is_accepted(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    assert "33,33 %" in html_of(client.get("/angka/iku-2/2025-q1/"))


@pytest.mark.parametrize(
    "params",
    [
        {"jenis_kelamin": "X"},
        {"wilayah": "99.99"},
        {"kelompok_umur": "tua"},
        {"status": "semua"},
        {"bacaan": "aneh"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filters_are_reported_never_500(client, users, kasus, params):
    client.force_login(users["staf_rehabilitasi"])
    response = client.get(URL, params)
    html = html_of(response)
    if "page" not in params:
        assert "Sebagian saringan tidak sah dan diabaikan" in html
    assert "33,33 %" in html  # the invalid filter is ignored


# -- export ----------------------------------------------------------------------------------------
def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(wb.active.iter_rows(values_only=True))


@pytest.mark.parametrize(
    "username, full",
    [("staf_rehabilitasi", True), ("admin", True), ("auditor", False), ("perencana", False)],
)
def test_export_masks_nik_by_role_and_is_logged(client, users, kasus, username, full):
    client.force_login(users[username])
    rows = sheet_rows(client.get(URL, {"format": "xlsx", "status": "pembilang"}))
    body = rows[2:]
    assert sorted(r[3] for r in body) == ["Ani Served", "Fajar Guntung"]
    ani = next(r for r in body if r[3] == "Ani Served")
    assert ani[4] == (NIK_ANI if full else "6372********0001")
    assert ani[13] == "ya"
    log = AksesDataPribadi.objects.get()
    assert log.jenis == AksesDataPribadi.Jenis.EKSPOR
    assert log.nama_pengguna == username and log.jumlah == 2
    assert "IKU-2 2025-Q1" in log.objek


def test_export_carries_reasons_and_the_whole_filtered_list(client, users, kasus):
    from kinerja.web import drilldown

    client.force_login(users["kadis"])
    old = drilldown.PAGE_SIZE
    drilldown.PAGE_SIZE = 2  # the export is not paginated
    try:
        rows = sheet_rows(client.get(URL, {"format": "xlsx", "page": "2"}))
    finally:
        drilldown.PAGE_SIZE = old
    body = rows[2:]
    assert len(body) == 6
    budi = next(r for r in body if r[3] == "Budi Tanpalayanan")
    assert budi[13] == "tidak" and budi[14] == "Belum ada layanan yang dihitung"
    assert AksesDataPribadi.objects.get().jumlah == 6


def test_viewing_the_page_logs_no_export(client, users, kasus):
    client.force_login(users["staf_rehabilitasi"])
    html_of(client.get(URL))
    assert not AksesDataPribadi.objects.filter(jenis=AksesDataPribadi.Jenis.EKSPOR).exists()


# -- frozen figure ---------------------------------------------------------------------------------
def test_approved_figure_shows_frozen_and_live_with_a_link_to_the_period(client, users, kasus):
    approve(users)
    layanan(kasus["budi"], "permakanan", "2025-03-10")  # after approval: Budi enters the numerator
    client.force_login(users["auditor"])
    response = client.get(URL)
    html = html_of(response)
    frozen, live = response.context["frozen"], response.context["live"]
    assert (frozen.numerator, frozen.denominator) == (2, 6)
    assert (live.numerator, live.denominator) == (3, 6)
    assert "Angka beku (disetujui)" in html and "33,33 %" in html and "50,00 %" in html
    assert "daftar kini (hidup)" in html
    assert 'href="/kinerja/iku/IKU-2/2025-Q1/"' in html
    assert "Disetujui" in html
    # the frozen figure of a region comes from the frozen list too
    region = client.get(URL, {"wilayah": KEL2})
    assert (region.context["frozen"].numerator, region.context["frozen"].denominator) == (1, 1)


def test_draft_figure_has_no_frozen_figure(client, users, kasus):
    client.force_login(users["auditor"])
    response = client.get(URL)
    assert response.context["frozen"] is None
    assert "Draf" in html_of(response)
