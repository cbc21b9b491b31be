"""Breadcrumbs read as words: a year as it is, the evaluation's segments named, and no link to an
address that is no page (issue 16's criterion page showed "Nomor 2025 › kriteria")."""

from kinerja.web.templatetags.kinerja_nav import remah_roti


def test_the_criterion_page_breadcrumb(db):
    crumbs = remah_roti("/evaluasi/2025/kriteria/46/")
    assert [c["label"] for c in crumbs] == [
        "Depan",
        "Evaluasi SAKIP",
        "2025",
        "Kriteria",
        "Nomor 46",
    ]
    assert [c["href"] for c in crumbs] == ["/", "/evaluasi/", "/evaluasi/2025/", None, None]


def test_a_pk_page_breadcrumb(db):
    labels = [c["label"] for c in remah_roti("/kinerja/pohon/pk/7/")]
    assert labels == ["Depan", "Kinerja", "Pohon kinerja", "Perjanjian Kinerja", "Nomor 7"]


def test_a_four_digit_number_that_is_no_year_stays_a_number(db):
    labels = [c["label"] for c in remah_roti("/kinerja/pohon/pk/2025/")]
    assert labels[-1] == "Nomor 2025"
