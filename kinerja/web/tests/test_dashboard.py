"""The dashboard: every role, bad input, chart downloads, freshness after a change."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kinerja.indicators.engine import Periode
from kinerja.performance.periods import periode_nama
from kinerja.web.selectors import latest_data_periode, periode_from_query

ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
BIDANG_IKU = {
    "pemberdayaan": {"IKU-1"},
    "rehabilitasi": {"IKU-2"},
    "linjamsos": {"IKU-3A", "IKU-3B", "IKU-4"},
}
ALL_IKU = {"IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"}


@pytest.fixture
def demo(db, tmp_path):
    call_command("demo", "--scale", "0.02", "--dir", str(tmp_path), stdout=io.StringIO())


def _codes(response) -> set[str]:
    return {c.indikator.kode for c in response.context["cards"]}


def test_anonymous_is_sent_to_login(client, db):
    r = client.get(reverse("beranda"))
    assert r.status_code == 302 and reverse("login") in r["Location"]
    r = client.get(reverse("grafik", args=["IKU-1", "svg"]))
    assert r.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_indicators(client, users, role):
    client.force_login(users[role])
    r = client.get(reverse("beranda"), {"tahun": "2025", "triwulan": "2"})
    assert r.status_code == 200
    bidang = role.split("_", 1)[1] if "_" in role else None
    assert _codes(r) == (BIDANG_IKU[bidang] if bidang else ALL_IKU)
    html = r.content.decode()
    assert "Triwulan II 2025" in html
    assert ("Jejak audit" in html) == (role in ("auditor", "admin", "kadis"))


def test_bad_period_input_falls_back_with_a_message(client, users):
    client.force_login(users["kadis"])
    for params in ({"tahun": "abc"}, {"tahun": "1999"}, {"tahun": "2025", "triwulan": "7"}):
        r = client.get(reverse("beranda"), params)
        assert r.status_code == 200
        assert "Periode tidak valid" in r.content.decode()


def test_figures_targets_and_band_from_the_registries(client, users, demo):
    client.force_login(users["kadis"])
    r = client.get(reverse("beranda"), {"tahun": "2025", "triwulan": "3"})
    cards = {c.indikator.kode: c for c in r.context["cards"]}
    c = cards["IKU-2"].capaian
    assert c.reported.denominator > 0 and c.target is not None and c.band
    assert [t.periode.tahun for t in cards["IKU-2"].trend] == [2021, 2022, 2023, 2024, 2025]
    html = r.content.decode()
    assert "<svg" in html and 'role="img"' in html


def test_a_registry_change_shows_at_once(client, users, demo):
    from kinerja.registries.models import Layanan

    client.force_login(users["kadis"])
    params = {"tahun": "2025", "triwulan": "4"}
    before = {
        c.indikator.kode: c.capaian.reported
        for c in client.get(reverse("beranda"), params).context["cards"]
    }
    Layanan.objects.filter(tanggal__year=2025, jenis__kelompok="bansos").delete()
    after = {
        c.indikator.kode: c.capaian.reported
        for c in client.get(reverse("beranda"), params).context["cards"]
    }
    assert before["IKU-3B"].numerator > 0 and after["IKU-3B"].numerator == 0
    assert after["IKU-3B"].denominator == before["IKU-3B"].denominator
    assert after["IKU-2"] == before["IKU-2"]


@pytest.mark.parametrize(
    "fmt, ctype", [("svg", "image/svg+xml"), ("png", "image/png"), ("csv", "text/csv")]
)
def test_chart_downloads(client, users, demo, fmt, ctype):
    client.force_login(users["auditor"])
    r = client.get(reverse("grafik", args=["IKU-4", fmt]), {"tahun": "2025"})
    assert r.status_code == 200 and r["Content-Type"].startswith(ctype)
    assert "attachment" in r["Content-Disposition"]
    if fmt == "csv":
        text = r.content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("tahun,pembilang,penyebut,realisasi")
        assert len(text.splitlines()) == 6


def test_chart_of_another_bidang_or_unknown_is_404(client, users):
    client.force_login(users["staf_rehabilitasi"])
    assert (
        client.get(reverse("grafik", args=["IKU-1", "svg"]), {"tahun": "2025"}).status_code == 404
    )
    assert (
        client.get(reverse("grafik", args=["IKU-2", "gif"]), {"tahun": "2025"}).status_code == 404
    )
    assert (
        client.get(reverse("grafik", args=["IKU-9", "svg"]), {"tahun": "2025"}).status_code == 404
    )


def test_period_helpers(db):
    assert periode_nama(Periode(2025, 2)) == "Triwulan II 2025"
    assert periode_nama(Periode(2025)) == "Tahun 2025"
    assert periode_from_query("2025", "") == Periode(2025)
    assert periode_from_query("2025", "5") is None
    assert isinstance(latest_data_periode(), Periode)


def test_a_target_change_shows_at_once_on_the_cached_dashboard(client, users, db):
    from decimal import Decimal

    from kinerja.performance.services.targets import TargetInput, target_set

    client.force_login(users["kadis"])
    params = {"tahun": "2025", "triwulan": "2"}

    def target():
        cards = client.get(reverse("beranda"), params).context["cards"]
        return {c.indikator.kode: c.capaian.target for c in cards}["IKU-2"]

    assert target() is None
    target_set(data=TargetInput("IKU-2", 2025, 2, "pk", Decimal("70")), actor=users["perencana"])
    assert target() == Decimal("70")
    target_set(data=TargetInput("IKU-2", 2025, 2, "pk", Decimal("72.5")), actor=users["perencana"])
    assert target() == Decimal("72.5")
