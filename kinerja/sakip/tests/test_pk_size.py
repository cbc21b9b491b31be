"""Item 4 at the issue's size: the monitoring pages of the bench tree (bench/tree_data.py) with the
PKs of bench/pk_data.py, once warm, in a number of queries that does not grow with the tree."""

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from pk_data import build_pk  # noqa: E402
from tree_data import build_tree  # noqa: E402

MAX_QUERIES = 20


@pytest.fixture
def big(db):
    renstra = build_tree(2025)
    assert build_pk(renstra, 2025) == 9  # Kepala Dinas, a Kepala Bidang and Seksi per Bidang
    return renstra


def test_monitoring_at_size(client, users, big, django_assert_max_num_queries):
    client.force_login(users["kadis"])
    for url, rows in (
        ("/kinerja/pohon/monitoring/?tahun=2025&bidang=rehabilitasi", 160),
        ("/kinerja/pohon/monitoring/?tahun=2025", 55),
    ):
        assert client.get(url).status_code == 200  # cold: the engine's IKU figures
        with django_assert_max_num_queries(MAX_QUERIES):
            t0 = time.perf_counter()
            html = client.get(url).content.decode()
            seconds = time.perf_counter() - t0
        assert html.count('<th scope="row">') == rows
        assert seconds < 2  # warm; generous: the bench (20 users, gunicorn) is the real measure
