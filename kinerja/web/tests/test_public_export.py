"""The public page's target and capaian beside the realisation, and its open-data download (CSV,
XLSX) with the same suppression of small cells. Anonymous (open), signed in, bad input."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kinerja.performance.models import JenisTarget, Target

from .test_drilldown import approve, build_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(users):
    build_case()
    approve(users)  # IKU-2 Triwulan I 2025: kota 2 / 6 = 33,33 %
    Target.objects.create(
        indikator_kode="IKU-2", tahun=2025, triwulan=1, jenis=JenisTarget.PK, nilai=Decimal("40")
    )


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_page_shows_target_and_capaian_beside_the_kota_figure(client, approved):
    html = client.get("/publik/", {"tahun": 2025, "triwulan": "1"}).content.decode()
    assert "Target PK kota" in html and "40,00 %" in html
    assert "Capaian kota" in html and "83,33 %" in html  # 33,33 / 40 x 100
    assert 'href="/publik/unduh.csv?tahun=2025&amp;triwulan=1"' in html


def test_csv_holds_what_the_page_shows_with_small_cells_hidden(client, approved):
    rows = csv_rows(client.get("/publik/unduh.csv", {"tahun": 2025, "triwulan": "1"}))
    assert rows[0][:3] == ["kode_iku", "indikator", "tahun"]
    kota = rows[1]
    assert kota[0] == "IKU-2" and kota[3] == "Triwulan I" and kota[5] == "Kota"
    assert kota[6:11] == ["2", "6", "33.33", "40.00", "83.33"]
    kecamatan = rows[2:]
    assert kecamatan and all(
        r[6] in ("< 5", "*", "") for r in kecamatan if r[7] != "" and r[7] != "6"
    )
    hidden = [r for r in kecamatan if r[6] == "< 5"]
    assert hidden and all(r[7] == "< 5" and r[8] == "< 5" for r in hidden)
    assert all(r[9] == "" and r[10] == "" for r in kecamatan)  # target/capaian: the kota's only


def test_xlsx_is_the_same_table(client, approved):
    response = client.get("/publik/unduh.xlsx", {"tahun": 2025, "triwulan": "1"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    csv_version = csv_rows(client.get("/publik/unduh.csv", {"tahun": 2025, "triwulan": "1"}))
    assert len(values) == len(csv_version)
    assert list(values[1][6:11]) == [2, 6, 33.33, 40.0, 83.33]


def test_signed_in_user_gets_the_same_file(client, users, approved):
    anon = client.get("/publik/unduh.csv", {"tahun": 2025}).content
    client.force_login(users["staf_rehabilitasi"])
    assert client.get("/publik/unduh.csv", {"tahun": 2025}).content == anon


def test_bad_format_and_bad_year(client, approved):
    assert client.get("/publik/unduh.pdf").status_code == 404
    rows = csv_rows(client.get("/publik/unduh.csv", {"tahun": "abc"}))
    assert rows[1][2] == "2025"  # unknown year: the latest year with approved figures


def test_nothing_approved_gives_only_the_header(client, users):
    build_case()
    rows = csv_rows(client.get("/publik/unduh.csv"))
    assert len(rows) == 1
