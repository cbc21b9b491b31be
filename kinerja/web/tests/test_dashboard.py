"""The dashboard: every role, bad input, chart downloads, freshness after a change."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from kinerja.indicators.engine import Periode, compute_figures
from kinerja.performance.achievement import band_label
from kinerja.performance.models import Target
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
    # Each card shows the engine's kota figure, the PK target of the period and the band of the
    # rounded achievement (exact figures of a hand-built world: test_exact_figures_... below).
    kota = {f.indikator: f for f in compute_figures(2025, 3)}
    for kode, card in cards.items():
        c = card.capaian
        assert (c.reported.numerator, c.reported.denominator) == (
            kota[kode].numerator, kota[kode].denominator,
        )  # fmt: skip
        target = Target.objects.of_period(kode, 2025, 3, "pk").first()
        assert c.target == (target.nilai if target else None)
        assert c.band == band_label(c.achievement)
    c = cards["IKU-2"].capaian
    assert c.reported.denominator > 0 and c.target is not None and c.band is not None
    assert [t.periode.tahun for t in cards["IKU-2"].trend] == [2021, 2022, 2023, 2024, 2025]
    html = r.content.decode()
    assert "<svg" in html and 'role="img"' in html


def test_cards_are_what_capaian_for_gives_one_by_one(client, users, demo):
    """The cards ask the engine and the approvals/targets at once (D220): the same Capaian as
    `capaian_for` per indicator and period, for the period and every year of the trend."""
    from django.core.cache import caches

    from kinerja.performance.selectors import capaian_for

    client.force_login(users["kadis"])
    r = client.get(reverse("beranda"), {"tahun": "2025", "triwulan": "3"})
    caches["figures"].clear()
    for card in r.context["cards"]:
        kode = card.indikator.kode
        assert card.capaian == capaian_for(kode, Periode(2025, 3))
        assert card.trend == [capaian_for(kode, Periode(y)) for y in range(2021, 2026)]


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


def _card_html(html: str, kode: str) -> str:
    """The HTML of one indicator's card, so each figure is checked in its own card."""
    start = html.index(f'aria-labelledby="card-{kode}"')
    end = html.find("<article", start)
    return html[start : end if end != -1 else len(html)]


def _figures_of_card(card: str) -> dict[str, str]:
    """{'Realisasi': '33,33 %', 'Target PK': ..., 'Capaian': ..., 'angka': '2 / 6', 'predikat': ...}"""
    text = {}
    for dt_, dd in re.findall(r"<dt>([^<]+)</dt><dd class=\"big\">(.*?)</dd>", card, re.S):
        text[dt_] = re.sub(r"<[^>]+>", "", dd).strip()
    text["angka"] = re.search(r'<dd class="small">([^<]*)</dd>', card).group(1).strip()
    text["predikat"] = re.search(r'<dd class="small band-label">([^<]*)</dd>', card).group(1)
    return text


@pytest.fixture
def tangan(db, users):
    """A hand-built world, Q1 2025 (1 January - 31 March):
    IKU-1 2 PSKS active, 1 trained -> 1/2; IKU-2 6 persons, 2 served in registration -> 2/6
    (test_drilldown.build_case); IKU-3A one child of 9 (dalam panti, so not in IKU-2) with
    pengasuhan -> 1/1; IKU-3B no DTKS -> no value; IKU-4 3 victims, 1 aided -> 1/3.
    PK targets Q1: IKU-2 40 (capaian 33,33.../40 = 83,33 -> tinggi), IKU-4 50 (66,67 -> sedang)."""
    from decimal import Decimal

    from kinerja.indicators.tests import factories as f
    from kinerja.performance.services.targets import TargetInput, target_set

    from .test_drilldown import build_case

    people = build_case()
    f.pelatihan(f.psks("tksk", daftar="2024-01-01"), "2025-02-10")
    f.psks("lks", daftar="2025-03-31")
    f.pelatihan(f.psks("tagana", daftar="2025-04-01"), "2025-02-10")  # registered after Q1
    child = f.orang("Anak", jk="P", lahir="2016-05-05")
    f.ppks(child, "anak_telantar", "2025-01-10", lokasi="dalam_panti")
    f.layanan(child, "pengasuhan", "2025-03-01")
    b = f.bencana("BJR-1", "2025-02-01")
    for p in (people["ani"], people["budi"], child):
        f.korban(b, p)
    f.layanan(people["budi"], "santunan", "2025-02-03", bencana=b)
    f.layanan(child, "santunan", "2025-04-03", bencana=b)  # after Q1
    for kode, nilai in (("IKU-2", "40"), ("IKU-4", "50")):
        target_set(data=TargetInput(kode, 2025, 1, "pk", Decimal(nilai)), actor=users["perencana"])
    return people


def test_exact_figures_of_a_hand_built_world(client, users, tangan):
    client.force_login(users["kadis"])
    r = client.get(reverse("beranda"), {"tahun": "2025", "triwulan": "1"})
    html = r.content.decode()
    expected = {
        "IKU-1": ("50,00 %", "1 / 2", "–", "–", "belum ada predikat"),
        "IKU-2": ("33,33 %", "2 / 6", "40,00 %", "83,33 %", "tinggi"),
        "IKU-3A": ("100,00 %", "1 / 1", "–", "–", "belum ada predikat"),
        "IKU-3B": ("–", "0 / 0", "–", "–", "belum ada predikat"),
        "IKU-4": ("33,33 %", "1 / 3", "50,00 %", "66,67 %", "sedang"),
    }
    for kode, (realisasi, angka, target, capaian, predikat) in expected.items():
        card = _figures_of_card(_card_html(html, kode))
        assert card == {
            "Realisasi": realisasi, "angka": angka, "Target PK": target, "Capaian": capaian,
            "predikat": predikat,
        }, kode  # fmt: skip
    cards = {c.indikator.kode: c.capaian for c in r.context["cards"]}
    iku2 = cards["IKU-2"]
    assert (iku2.reported.numerator, iku2.reported.denominator) == (2, 6)
    assert (iku2.realisasi, iku2.achievement, iku2.band) == (
        Decimal("33.33"), Decimal("83.33"), "tinggi",
    )  # fmt: skip
    # Q2 is cumulative from 1 January: the tagana unit registered 1 April joins IKU-1 and counts
    # as trained (10 February is in W; the training date alone decides); the child's April aid
    # puts a second victim of IKU-4 in the numerator.
    r = client.get(reverse("beranda"), {"tahun": "2025", "triwulan": "2"})
    q2 = {c.indikator.kode: c.capaian.reported for c in r.context["cards"]}
    assert (q2["IKU-1"].numerator, q2["IKU-1"].denominator) == (2, 3)
    assert (q2["IKU-4"].numerator, q2["IKU-4"].denominator) == (2, 3)
