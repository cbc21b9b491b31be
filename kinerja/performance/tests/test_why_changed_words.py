"""The period page names a changed unit by its person and the records behind the change (not
`#194 / #194`), links them, and shows the frozen figure on the reopen page; breadcrumbs and links
to the drill-down, the chart and the definition. Anonymous, wrong role, right role, bad input."""

import pytest

from kinerja.indicators.tests.factories import layanan
from kinerja.registries.models import Layanan
from kinerja.web.tests.test_drilldown import approve, build_case

pytestmark = pytest.mark.django_db
URL = "/kinerja/iku/IKU-2/2025-Q1/"


@pytest.fixture
def changed(users):
    case = build_case()
    approve(users)
    served = layanan(case["budi"], "permakanan", "2025-02-10")  # Budi enters the numerator
    return case, served


def test_anonymous_is_sent_to_login(client, changed):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_changed_unit_named_by_person_and_record(client, users, changed):
    case, _ = changed
    client.force_login(users["kadis"])
    html = client.get(URL).content.decode()
    served = Layanan.objects.get(orang=case["budi"], tanggal="2025-02-10")
    assert "1 unit berubah sejak dibekukan." in html
    assert f'href="/registri/orang/{case["budi"].pk}/">Budi Tanpalayanan</a>' in html
    assert f'href="/registri/layanan/{served.pk}/ubah/">Layanan ' in html
    assert "10 Februari 2025" in html and "Masuk pembilang" in html
    assert "#" + str(case["budi"].pk) not in html


def test_reader_outside_the_registry_sees_no_person(client, users, changed):
    client.force_login(users["staf_pemberdayaan"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budi" not in html and "unit 1" in html


def test_links_and_breadcrumbs_on_the_period_page(client, users, changed):
    client.force_login(users["kabid_rehabilitasi"])
    html = client.get(URL).content.decode()
    assert 'href="/angka/IKU-2/2025-Q1/"' in html and 'href="/grafik/IKU-2/"' in html
    assert 'href="/#IKU-2"' in html
    assert 'aria-label="Jejak halaman"' in html
    assert '<span aria-current="page">Triwulan I 2025</span>' in html
    assert '<a href="/kinerja/kotak-masuk/">Kinerja</a>' in html


def test_reopen_page_shows_the_frozen_figure_in_danger_style(client, users, changed):
    client.force_login(users["kadis"])
    html = client.get(URL + "reopen/").content.decode()
    assert "Angka beku (disetujui)" in html and "33,33 % (2 / 6)" in html
    assert 'class="button bahaya" type="submit">Buka kembali' in html
    period = client.get(URL).content.decode()
    assert 'class="button bahaya" href="/kinerja/iku/IKU-2/2025-Q1/reopen/"' in period


def test_reopen_refused_to_a_wrong_role(client, users, changed):
    client.force_login(users["kabid_rehabilitasi"])
    assert client.get(URL + "reopen/").status_code == 403


def test_bad_period_is_a_clear_404(client, users, changed):
    client.force_login(users["kadis"])
    response = client.get("/kinerja/iku/IKU-2/2025-Q9/")
    assert response.status_code == 404
