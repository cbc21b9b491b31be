"""Issue 12 row 8: the drill-down XLSX, the chart CSVs and the dashboard CSV never write a live
formula. Each gets names typed as `=HYPERLINK(...)`, `+1`, `-1+2`, `@SUM(A1)` and `\\t=1` and must
write them as text behind an apostrophe (`kinerja.lib.cells.safe_text`)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.indicators.engine import DrillRow, export_xlsx
from kinerja.indicators.tests.factories import KEL, layanan, ppks
from kinerja.lib.cells import FORMULA_START
from kinerja.performance.services.bands import band_scale_set
from kinerja.performance.services.targets import target_clean, target_set
from kinerja.regions.models import Wilayah
from kinerja.registries.models import Layanan, Orang, Ppks

ATTACKS = ['=HYPERLINK("http://x","klik")', "+1", "-1+2", "@SUM(A1)", "\t=1"]


def _assert_xlsx_text_only(content: bytes) -> list[list]:
    """No cell is a formula; every string that would start one carries the apostrophe."""
    wb = load_workbook(io.BytesIO(content))
    rows = []
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (c.coordinate, c.value)
                assert not (isinstance(c.value, str) and c.value.startswith(FORMULA_START))
            rows.append([c.value for c in row])
    return rows


def _assert_csv_text_only(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    for row in rows:
        for field in row:
            assert not field.startswith(FORMULA_START), field
    return rows


# -- drill-down XLSX -------------------------------------------------------------------------------
@pytest.fixture
def attackers(db):
    people = []
    for i, name in enumerate(ATTACKS):
        o = Orang.objects.create(
            nama=name, id_lokal=ATTACKS[-1 - i], kelurahan_id=KEL, jenis_kelamin="L",
            tanggal_lahir=dt.date(1980, 1, 1),
        )  # fmt: skip
        ppks(o, "penyandang_disabilitas", "2024-06-01")
        layanan(o, "permakanan", "2025-02-01")
        people.append(o)
    return people


def test_drilldown_xlsx_writes_typed_names_as_text(client, users, attackers):
    client.force_login(users["admin"])
    r = client.get("/angka/IKU-2/2025-Q1/", {"format": "xlsx"})
    assert r.status_code == 200
    rows = _assert_xlsx_text_only(r.content)
    names = sorted(row[3] for row in rows[2:])
    assert names == sorted("'" + a for a in ATTACKS)
    id_lokal = sorted(row[5] for row in rows[2:])
    assert id_lokal == sorted("'" + a for a in ATTACKS)
    assert all(isinstance(row[0], int) for row in rows[2:])  # numbers stay numbers


def test_drilldown_writer_neutralises_every_text_column(tmp_path):
    row = DrillRow(
        unit_id=1, orang_id=1, kode="=1+1", nama="@SUM(A1)", nik="", id_lokal="-1+2",
        tanggal_lahir=None, kelurahan="+kel", kecamatan="=kec", jenis_kelamin="\t=1",
        kelompok_umur="\r=1", kode_kejadian='=HYPERLINK("http://x","klik")', pembilang=False,
        alasan="=alasan", jenis=["=a", "b"],
    )  # fmt: skip
    out = tmp_path / "x.xlsx"
    export_xlsx([row], str(out), mask_nik=False, title="=judul")
    rows = _assert_xlsx_text_only(out.read_bytes())
    assert rows[0][0] == "'=judul"
    assert rows[2][2] == "'=1+1" and rows[2][12] == '\'=HYPERLINK("http://x","klik")'
    assert rows[2][14] == "'=alasan" and rows[2][11] == "'=a, b"


# -- chart and dashboard CSV -----------------------------------------------------------------------
@pytest.fixture
def served(db):
    o = Orang.objects.create(id_lokal="G-7", nama="Orang Tujuh", kelurahan_id=KEL)
    Ppks.objects.create(orang=o, jenis_id="pengemis", tanggal_daftar=dt.date(2024, 1, 1))
    Layanan.objects.create(orang=o, jenis_id="sandang", tanggal=dt.date(2025, 5, 2))
    return o


@pytest.mark.parametrize("attack", ATTACKS)
def test_chart_csv_writes_region_names_as_text(client, users, served, attack):
    Wilayah.objects.filter(kode="63.72.04").update(nama=attack)  # Banjarbaru Utara
    Wilayah.objects.filter(kode=KEL).update(nama=attack)  # Komet
    client.force_login(users["perencana"])
    for unduh in ("kecamatan", "kelurahan", "triwulan", "tahunan"):
        params = {"tahun": "2025", "unduh": unduh, "format": "csv"}
        r = client.get(reverse("grafik_iku", args=["IKU-2"]), params)
        assert r.status_code == 200
        rows = _assert_csv_text_only(r.content.decode("utf-8"))
        if unduh in ("kecamatan", "kelurahan"):
            assert ["'" + attack, "1", "1", "100.00"] in rows


@pytest.mark.parametrize("attack", ATTACKS)
def test_dashboard_csv_writes_band_labels_as_text(client, users, served, attack):
    band_scale_set(scale=[(Decimal(90), attack), (None, "=kurang")], actor=users["perencana"])
    data = target_clean(indikator="IKU-2", tahun=2025, triwulan=None, jenis="pk", target="50")
    target_set(data=data, actor=users["perencana"])
    client.force_login(users["auditor"])
    r = client.get(reverse("grafik", args=["IKU-2", "csv"]), {"tahun": "2025"})
    assert r.status_code == 200
    rows = _assert_csv_text_only(r.content.decode("utf-8"))
    header, last = rows[0], rows[-1]
    assert last[0] == "2025" and last[header.index("predikat")] == "'" + attack
