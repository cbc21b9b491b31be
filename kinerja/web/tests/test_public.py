"""The public page `/publik/`: approved figures only, no personal data, denominators below 5 hidden."""

import re

import pytest

from kinerja.indicators.tests.factories import layanan
from kinerja.performance.services.workflow import workflow_transition

from .test_drilldown import NIK_ANI, Q1_2025, approve, build_case

URL = "/publik/"
SIGNED_IN = ["staf_rehabilitasi", "auditor", "kadis"]


@pytest.fixture
def kasus(db):
    return build_case()


def html_of(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_empty_state_when_nothing_is_approved(client, kasus):
    html = html_of(client.get(URL, {"tahun": 2025}))
    assert "Belum ada angka yang disetujui untuk periode ini." in html
    assert "33,33" not in html


def test_anonymous_sees_an_approved_figure_from_the_frozen_list(client, users, kasus):
    approve(users)  # IKU-2 Q1 2025: 2 / 6
    layanan(kasus["budi"], "permakanan", "2025-03-10")  # after approval: live 3 / 6, frozen stays
    response = client.get(URL, {"tahun": 2025})
    html = html_of(response)
    [iku] = response.context["iku"]
    assert iku.kode == "IKU-2"
    kota = iku.baris[0]
    assert kota[0] == "63.72" and kota[1] == "Kota"
    q1 = kota[2][0]
    assert (q1.numerator, q1.denominator, str(q1.value)) == (2, 6, "33.33")
    assert "33,33 %" in html and "50,00 %" not in html
    assert "<svg" in html and 'role="img"' in html and "<caption>" in html
    assert 'scope="row"' in html and 'scope="col"' in html


def test_denominator_below_five_is_shown_as_less_than_five(client, users, kasus):
    approve(users)
    response = client.get(URL, {"tahun": 2025, "triwulan": "1"})
    html = html_of(response)
    [iku] = response.context["iku"]
    cells = {kode: row[0] for kode, _, row in iku.baris}
    # Banjarbaru Utara (Ani, Budi, Citra, Dodi: 4) and Landasan Ulin (Fajar: 1) are below 5
    for kecamatan in ("63.72.04", "63.72.02"):
        c = cells[kecamatan]
        assert c.kecil and c.numerator is None and c.denominator is None and c.value is None
    assert "&lt; 5" in html
    # A kecamatan with no unit at all (0 < 5) is hidden too, never 0 %
    assert cells["63.72.03"].kecil
    assert "1 / 1" not in html and "1 / 4" not in html and "100,00" not in html


def test_draft_and_submitted_figures_are_not_public(client, users, kasus):
    workflow_transition(
        aksi="submit", kode="IKU-2", periode=Q1_2025, user=users["staf_rehabilitasi"]
    )
    html = html_of(client.get(URL, {"tahun": 2025}))
    assert "Belum ada angka yang disetujui untuk periode ini." in html
    assert "33,33" not in html


def test_only_the_approved_period_has_values(client, users, kasus):
    approve(users)
    response = client.get(URL, {"tahun": 2025})
    [iku] = response.context["iku"]
    kota_cells = iku.baris[0][2]
    assert [c.ada for c in kota_cells] == [True, False, False, False, False]  # Q1 only


def test_no_personal_data_in_the_page(client, users, kasus):
    approve(users)
    html = html_of(client.get(URL, {"tahun": 2025}))
    for person in kasus.values():
        assert person.nama not in html
    assert NIK_ANI not in html and "6372********" not in html
    for word in ("NIK", "tanggal lahir"):
        assert word not in html
    assert users["kadis"].username not in html.replace("Kepala Dinas", "")


def test_period_filter_in_the_url(client, users, kasus):
    approve(users)
    html = html_of(client.get(URL, {"tahun": 2025, "triwulan": "2"}))
    assert "Belum ada angka yang disetujui untuk periode ini." in html
    html = html_of(client.get(URL, {"tahun": 2025, "triwulan": "1"}))
    assert "33,33 %" in html and "Triwulan I 2025" in html


def table_rows(html: str) -> dict[str, list[str]]:
    """Each table row of the page: region name -> the text of its cells, tags stripped."""
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S):
        texts = re.findall(r'<td class="num">(.*?)</td>', cells, re.S)
        rows[name.strip()] = [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in texts]
    return rows


def test_each_cell_shows_its_figure(client, users, kasus):
    approve(users)  # IKU-2 Q1 2025 approved: kota 2 / 6; every kecamatan below 5
    rows = table_rows(html_of(client.get(URL, {"tahun": 2025})))
    # Columns Q1..Q4 and the year: only Q1 is approved; the others show "–".
    assert rows["Kota"] == ["33,33 % 2 / 6", "–", "–", "–", "–"]
    for kecamatan in (
        "Banjarbaru Utara", "Banjarbaru Selatan", "Landasan Ulin", "Liang Anggang", "Cempaka",
    ):  # fmt: skip
        assert rows[f"Kec. {kecamatan}"] == ["&lt; 5", "–", "–", "–", "–"]
    assert len(rows) == 6  # the kota and its five kecamatan


def test_a_kecamatan_of_five_or_more_shows_its_own_figure(client, users, kasus):
    from kinerja.indicators.tests.factories import orang, ppks

    cempaka = [orang(kel="63.72.03.1001") for _ in range(5)]
    for p in cempaka:
        ppks(p, "lanjut_usia_telantar", "2024-12-01")
    layanan(cempaka[0], "permakanan", "2025-01-05")
    layanan(cempaka[1], "sandang", "2025-03-31")
    approve(users)  # kota 4 / 11; Cempaka 2 / 5; the others below 5
    rows = table_rows(html_of(client.get(URL, {"tahun": 2025, "triwulan": "1"})))
    assert rows["Kota"] == ["36,36 % 4 / 11"]
    assert rows["Kec. Cempaka"] == ["40,00 % 2 / 5"]
    assert rows["Kec. Banjarbaru Utara"] == rows["Kec. Landasan Ulin"] == ["&lt; 5"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tahun": "abc"}, "tidak dikenal"),
        ({"tahun": "1990"}, "tidak dikenal"),
        ({"triwulan": "9"}, "tidak dikenal"),
        ({"tahun": "2025", "x": "1"}, None),  # an unknown parameter is ignored
    ],
)
def test_bad_period_filter_gives_a_message_never_500(client, users, kasus, params, message):
    approve(users)
    html = html_of(client.get(URL, params))
    if message:
        assert message in html
    else:
        assert "tidak dikenal" not in html
        assert table_rows(html)["Kota"][0] == "33,33 % 2 / 6"
    assert "Traceback" not in html and "/work/" not in html


@pytest.mark.parametrize("username", SIGNED_IN)
def test_signed_in_users_see_the_same_public_page(client, users, kasus, username):
    approve(users)
    client.force_login(users[username])
    html = html_of(client.get(URL, {"tahun": 2025}))
    assert "33,33 %" in html and "Ani Served" not in html


def test_public_page_uses_only_local_assets_and_no_inline_script(client, users, kasus):
    approve(users)
    html = html_of(client.get(URL, {"tahun": 2025}))
    assert "https://" not in html and "<script>" not in html and "onclick" not in html
    assert "/static/kinerja/angka.css" in html


def _item(columns):
    """An IkuPublik with kota + kecamatan rows; `columns` = one list of denominators per row."""
    from decimal import Decimal

    from kinerja.indicators.engine import Periode
    from kinerja.web.public import IkuPublik, Sel

    def sel(d):
        if d is None:
            return Sel(None, None, None, ada=False)
        return Sel(None, None, None, kecil=True) if d < 5 else Sel(d, d, Decimal(100))

    item = IkuPublik("IKU-2", "x", [Periode(2025, 1)], {})
    for i, d in enumerate(columns):
        item.baris.append((f"r{i}", f"r{i}", [sel(d)]))
    return item


@pytest.mark.parametrize(
    ("dens", "hidden"),
    [
        ([40, 3, 20, 9, 8], {"r1": "kecil", "r4": "pelengkap"}),  # one hidden: next smallest too
        ([40, 3, 2, 20, 15], {"r1": "kecil", "r2": "kecil"}),  # two hidden: nothing to work out
        ([4, 3, 1, 0, 0], {f"r{i}": "kecil" for i in range(5)}),  # kota hidden
        ([40, 20, 10, 9, 8], {}),  # nothing small
        ([None, None, None, None, None], {}),  # not approved
    ],
)
def test_complementary_suppression(dens, hidden):
    from kinerja.web.public import _hide_complements

    item = _item(dens)
    _hide_complements(item)
    got = {}
    for kode, _, (c,) in item.baris:
        if c.pelengkap:
            got[kode] = "pelengkap"
        elif c.kecil:
            got[kode] = "kecil"
    assert got == hidden
    for _, _, (c,) in item.baris:
        if c.kecil:
            assert c.numerator is None and c.denominator is None and c.value is None
