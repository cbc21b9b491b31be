"""The period page's "mengapa berubah" list names regions with one query per page, not one per unit
(issue 13 item 7: a page of 500 changed units issued about 1,000 queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import run

KELURAHAN = ["63.72.04.1003", "63.72.05.1001", "63.72.02.1003", "63.72.03.1001", "63.72.06.1002"]


def _ppks(csv_file, name: str, first: int, count: int):
    head = "id_lokal,nama,kode_wilayah,jenis_ppks,tanggal_daftar,lokasi"
    rows = [
        f"R-{i},Orang {i},{KELURAHAN[i % 5]},penyandang_disabilitas,2025-01-10,luar_panti"
        for i in range(first, first + count)
    ]
    return csv_file(name, "\n".join([head, *rows]))


def _page_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/kinerja/iku/IKU-2/2025-Q1/").content.decode()
    return len(ctx.captured_queries), html


@pytest.mark.django_db
def test_region_names_cost_one_query_whatever_the_number_of_changes(csv_file, users, client):
    assert run("import", "ppks", str(_ppks(csv_file, "a.csv", 1, 3)))[0] == 0
    args = ["--indicator", "IKU-2", "--year", "2025", "--quarter", "1"]
    for step, user in (("submit", "staf_rehabilitasi"), ("verify", "kabid_rehabilitasi")):
        assert run("workflow", step, *args, "--user", user)[0] == 0
    assert run("workflow", "approve", *args, "--user", "kadis")[0] == 0
    client.force_login(users["kadis"])

    assert run("import", "ppks", str(_ppks(csv_file, "b.csv", 100, 4)))[0] == 0
    _page_queries(client)  # warm the figure caches
    few, html = _page_queries(client)
    assert "Komet (63.72.04.1003)" in html

    assert run("import", "ppks", str(_ppks(csv_file, "c.csv", 200, 40)))[0] == 0
    _page_queries(client)
    many, html = _page_queries(client)
    assert html.count("Sungai Besar (63.72.05.1001)") >= 8
    assert many == few
