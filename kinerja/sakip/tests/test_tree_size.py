"""Item 6: the tree of the issue's size (bench/tree_data.py) draws, once warm, in a number of queries
that does not grow with the tree: a handful for the nodes, indicators, values and targets, and the
stamps of the cached IKU figures behind the computed indicators."""

import sys
import time
from pathlib import Path

import pytest
from django.db.models import Count

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from tree_data import build_tree  # noqa: E402

MAX_QUERIES = 25  # warm: the session, the tree's own reads, the IKU figures' cache stamps


@pytest.fixture
def big(db):
    return build_tree(2025)


def test_generator_builds_the_issue_size(big):
    counts = dict(big.simpul.values_list("tingkat").annotate(n=Count("id")))
    assert counts == {
        "tujuan": 5,
        "sasaran": 15,
        "program": 40,
        "kegiatan": 150,
        "sub_kegiatan": 400,
    }
    assert big.indikator.count() == 610
    assert build_tree(2025) == big  # idempotent


def test_tree_and_node_pages_at_size(client, users, big, django_assert_max_num_queries):
    client.force_login(users["kadis"])
    r = client.get("/kinerja/pohon/?tahun=2025")  # cold: the engine builds its summaries
    html = r.content.decode()
    assert r.status_code == 200 and html.count('<a href="/kinerja/pohon/simpul/') == 610
    with django_assert_max_num_queries(MAX_QUERIES):
        t0 = time.perf_counter()
        client.get("/kinerja/pohon/?tahun=2025")
        seconds = time.perf_counter() - t0
    assert seconds < 2  # warm; generous: the bench (20 users, gunicorn) is the real measure
    node = big.simpul.get(kode="PRO001")
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(f"/kinerja/pohon/simpul/{node.pk}/?tahun=2025").content.decode()
    assert "Program 1 uji beban pohon kinerja" in page and page.count("/kinerja/pohon/simpul/") >= 4


def test_renstra_perubahan_at_size(big, users, django_assert_max_num_queries):
    """D250 at the issue's size: 610 nodes, 610 indicators and their targets copied in batches
    (75 queries on SQLite, whose backend binds at most 999 parameters a query; fewer on
    PostgreSQL), never row by row; the time is printed with the load."""
    import os

    from kinerja.sakip.services.perubahan import renstra_perubahan

    start = time.perf_counter()
    with django_assert_max_num_queries(100):
        new = renstra_perubahan(
            renstra=big, berlaku_mulai=2026, alasan="uji beban", user=users["perencana"]
        )
    took = time.perf_counter() - start
    print(f"Renstra Perubahan of 610 nodes: {took * 1000:.0f} ms, loadavg {os.getloadavg()}")
    levels = dict(new.simpul.values_list("tingkat").annotate(n=Count("id")))
    assert levels == dict(big.simpul.values_list("tingkat").annotate(n=Count("id")))
    assert new.indikator.count() == 610
