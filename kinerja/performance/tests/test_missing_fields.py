"""Issue 12 row 11: a POST without a field never deletes. The target grid applies only the cells it
received (sent empty = delete, not sent = unchanged), the band scale refuses an incomplete form and
the analysis keeps the parts a request did not carry. Each as anonymous, wrong role, right role and
with bad input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.performance.models import Analisis, Target
from kinerja.performance.services.bands import band_scale, band_scale_set
from kinerja.performance.services.targets import target_clean, target_set

pytestmark = pytest.mark.django_db

GRID = reverse("performance:target_grid")
SCALE = reverse("performance:band_scale")
ANALYSIS = reverse("performance:analysis", args=["IKU-2", "2025"])
STORED = {
    ("IKU-1", 2025, None, "pk"): "70",
    ("IKU-2", 2025, None, "pk"): "80",
    ("IKU-2", 2025, 1, "pk"): "20",
    ("IKU-2", 2026, None, "renstra"): "95",
}


@pytest.fixture
def targets(users):
    for (kode, tahun, tw, jenis), nilai in STORED.items():
        data = target_clean(indikator=kode, tahun=tahun, triwulan=tw, jenis=jenis, target=nilai)
        target_set(data=data, actor=users["perencana"])


def _targets() -> dict:
    return {
        (t.indikator_kode, t.tahun, t.triwulan, t.jenis): format(t.nilai.normalize(), "f")
        for t in Target.objects.all()
    }


# -- target grid -----------------------------------------------------------------------------------
def test_grid_anonymous_is_sent_to_login_and_nothing_changes(client, targets):
    r = client.post(GRID, {})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert _targets() == STORED


@pytest.mark.parametrize("role", ["auditor", "kadis", "staf_rehabilitasi"])
def test_grid_wrong_role_is_refused_and_nothing_changes(client, users, targets, role):
    client.force_login(users[role])
    for data in ({}, {"t-IKU-2-2025-pk-0": ""}):
        assert client.post(GRID, data).status_code == 403
    assert _targets() == STORED


@pytest.mark.parametrize("role", ["perencana", "admin"])
def test_grid_empty_post_changes_nothing(client, users, targets, role):
    client.force_login(users[role])
    audit_before = AuditEntry.objects.count()
    r = client.post(GRID, {})
    assert r.status_code == 302
    assert _targets() == STORED
    assert AuditEntry.objects.count() == audit_before


def test_grid_partial_post_changes_only_its_cells(client, users, targets):
    client.force_login(users["perencana"])
    r = client.post(
        GRID,
        {
            "t-IKU-2-2025-pk-0": "85,5",  # changed
            "t-IKU-2-2025-pk-1": "",  # sent empty: deleted
            "t-IKU-3A-2024-pk-2": "30",  # new
            "t-IKU-1-2025-pk-0": "70",  # same value: unchanged
        },
    )
    assert r.status_code == 302
    assert _targets() == {
        ("IKU-1", 2025, None, "pk"): "70",
        ("IKU-2", 2025, None, "pk"): "85.5",
        ("IKU-3A", 2024, 2, "pk"): "30",
        ("IKU-2", 2026, None, "renstra"): "95",
    }
    aksi = AuditEntry.objects.filter(objek_jenis="target").order_by("id").values_list("aksi")
    assert [a for (a,) in aksi][len(STORED) :] == ["ubah_target", "hapus_target", "buat_target"]


def test_grid_bad_input_changes_nothing_and_says_so(client, users, targets):
    client.force_login(users["perencana"])
    r = client.post(GRID, {"t-IKU-2-2025-pk-0": "abc", "t-IKU-2-2025-pk-1": ""})
    assert r.status_code == 400
    html = r.content.decode()
    assert "bukan angka" in html and "tidak ada yang disimpan" in html
    assert 'value="abc"' in html and 'value="70"' in html  # a cell not sent shows what is stored
    assert _targets() == STORED


# -- band scale ------------------------------------------------------------------------------------
def _full(filled: dict[str, str]) -> dict[str, str]:
    return {f"{part}-{i}": "" for i in range(7) for part in ("batas", "label")} | filled


@pytest.fixture
def scale(users):
    band_scale_set(
        scale=[(Decimal(90), "Sangat baik"), (Decimal(70), "Baik"), (None, "Kurang")],
        actor=users["perencana"],
    )
    return band_scale()


def test_scale_anonymous_and_wrong_role_change_nothing(client, users, scale):
    r = client.post(SCALE, {})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(users["auditor"])
    assert client.post(SCALE, _full({"batas-0": "", "label-0": "X"})).status_code == 403
    assert band_scale() == scale


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"batas-0": "90", "label-0": "A", "batas-1": "", "label-1": "B"},  # two of seven slots
        {k: v for k, v in _full({"batas-0": "", "label-0": "A"}).items() if k != "label-6"},
    ],
)
def test_scale_incomplete_post_is_refused_and_changes_nothing(client, users, scale, data):
    client.force_login(users["perencana"])
    r = client.post(SCALE, data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "Formulir skala tidak lengkap" in html and "Tidak ada yang disimpan" in html
    assert 'value="Sangat baik"' in html  # the stored scale is shown again
    assert band_scale() == scale


def test_scale_full_form_replaces_the_scale(client, users, scale):
    client.force_login(users["perencana"])
    r = client.post(SCALE, _full({"batas-0": "80", "label-0": "A", "label-1": "B"}))
    assert r.status_code == 302
    assert band_scale() == [(Decimal(80), "A"), (None, "B")]


def test_scale_bad_input_changes_nothing(client, users, scale):
    client.force_login(users["perencana"])
    r = client.post(SCALE, _full({"batas-0": "delapan", "label-0": "A", "label-1": "B"}))
    assert r.status_code == 400 and "bukan angka" in r.content.decode()
    assert band_scale() == scale


# -- analysis --------------------------------------------------------------------------------------
PARTS = {
    "penyebab": "Sebab lama",
    "upaya": "Upaya lama",
    "alternatif": "Alt",
    "tindak_lanjut": "TL",
}


@pytest.fixture
def analisis(db):
    return Analisis.objects.create(indikator_kode="IKU-2", tahun=2025, **PARTS)


def _parts() -> dict[str, str]:
    a = Analisis.objects.get()
    return {f: getattr(a, f) for f in PARTS}


def test_analysis_anonymous_and_wrong_role_change_nothing(client, users, analisis):
    r = client.post(ANALYSIS, {"penyebab": ""})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(users["staf_linjamsos"])  # IKU-2 belongs to Rehabilitasi Sosial
    assert client.post(ANALYSIS, {"penyebab": "x"}).status_code == 403
    assert _parts() == PARTS


def test_analysis_empty_post_changes_nothing(client, users, analisis):
    client.force_login(users["staf_rehabilitasi"])
    r = client.post(ANALYSIS, {}, follow=True)
    assert r.status_code == 200 and "Tidak ada perubahan" in r.content.decode()
    assert _parts() == PARTS


def test_analysis_partial_post_changes_only_its_parts(client, users, analisis):
    client.force_login(users["kabid_rehabilitasi"])
    r = client.post(ANALYSIS, {"penyebab": "Sebab baru", "alternatif": ""})
    assert r.status_code == 302
    assert _parts() == PARTS | {"penyebab": "Sebab baru", "alternatif": ""}


def test_analysis_all_parts_sent_empty_is_refused(client, users, analisis):
    client.force_login(users["perencana"])
    r = client.post(ANALYSIS, dict.fromkeys(PARTS, " "), follow=True)
    assert "Analisis kosong tidak disimpan" in r.content.decode()
    assert _parts() == PARTS
