"""The SAKIP cycle end to end through the contract's commands: import targets, compute, approve,
then more services: live_value moves, the frozen value does not, and why-it-changed names the units."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.indicators import engine
from kinerja.indicators.models import UnitBeku
from kinerja.performance.models import Persetujuan, Target
from kinerja.performance.periods import Periode

from .conftest import LAYANAN_1, LAYANAN_2, PPKS, PPKS_2, compute_json, run

TARGETS = """
indikator;tahun;triwulan;jenis;target
IKU-1;2025;;pk;80
IKU-2;2025;;pk;62,5
IKU-2;2025;1;pk;50
IKU-2;2025;2;pk;0
IKU-3A;2025;1;pk;40
IKU-3B;2025;;pk;75
IKU-4;2025;;pk;90
IKU-2;2026;;renstra;95
IKU-2;2025;;renstra;85
"""


def kota(rows: list[dict], kode: str) -> dict:
    return next(r for r in rows if r["indicator"] == kode and r["region"] == "63.72")


@pytest.fixture
def registries(db, users, csv_file):
    assert run("import", "ppks", str(csv_file("ppks.csv", PPKS)))[0] == 0
    assert run("import", "layanan", str(csv_file("layanan.csv", LAYANAN_1)))[0] == 0


@pytest.mark.django_db
def test_targets_from_a_file_give_target_achievement_and_band(registries, csv_file, users):
    code, out = run("import", "target", str(csv_file("target.csv", TARGETS)), "--user", "perencana")
    assert code == 0, out
    assert "accepted: 9" in out and Target.objects.count() == 9

    q1 = compute_json("--year", "2025", "--quarter", "1")
    iku2 = kota(q1, "IKU-2")
    # 1 of 4 served: 25 %; capaian 25 / 50 = 50,00 -> sangat rendah (< 51)
    assert (iku2["numerator"], iku2["denominator"], iku2["value"]) == (1, 4, 25.0)
    assert iku2["target"] == 50.0 and iku2["achievement"] == 50.0
    assert iku2["band"] == "sangat rendah" and iku2["status"] == "draft"
    # IKU-3A Q1 has a target but no value (no children): achievement and band null
    iku3a = kota(q1, "IKU-3A")
    assert iku3a["target"] == 40.0 and iku3a["value"] is None and iku3a["achievement"] is None
    assert iku3a["band"] is None
    # no quarter target for IKU-1: null target
    assert kota(q1, "IKU-1")["target"] is None

    year = compute_json("--year", "2025")
    iku2 = kota(year, "IKU-2")
    # 25 / 62,5 x 100 = 40,00
    assert iku2["target"] == 62.5 and iku2["achievement"] == 40.0
    assert kota(year, "IKU-4")["target"] == 90.0
    # a target of 0 gives no achievement
    q2 = kota(compute_json("--year", "2025", "--quarter", "2"), "IKU-2")
    assert q2["target"] == 0.0 and q2["achievement"] is None and q2["band"] is None
    # every row has a status; only kota rows carry target fields
    rows = compute_json("--year", "2025", "--level", "kecamatan")
    assert all(r["status"] == "draft" for r in rows)
    assert all(("target" in r) == (r["region"] == "63.72") for r in rows)


@pytest.mark.django_db
def test_importing_targets_twice_changes_nothing(registries, csv_file):
    path = str(csv_file("target.csv", TARGETS))
    run("import", "target", path)
    audit = AuditEntry.objects.count()
    code, out = run("import", "target", path)
    assert code == 0 and AuditEntry.objects.count() == audit
    assert Target.objects.get(
        indikator_kode="IKU-2", tahun=2025, triwulan=None, jenis="pk"
    ).nilai == Decimal("62.5")


@pytest.mark.django_db
def test_bad_target_rows_are_rejected_with_reasons(db, csv_file, tmp_path):
    bad = """
indikator,tahun,triwulan,jenis,target
IKU-2,2025,,pk,80
IKU-9,2025,,pk,80
IKU-2,2025,5,pk,80
IKU-2,2025,,rkt,80
IKU-2,2025,,pk,-3
IKU-2,2025,1,renstra,80
"""
    path = csv_file("bad.csv", bad)
    code, out = run("import", "target", str(path))
    assert code == 1 and "accepted: 1" in out and "rejected: 5" in out
    rejects = (tmp_path / "bad.csv.rejected.csv").read_text(encoding="utf-8-sig")
    for reason in (
        "tidak ada dalam katalog",
        "triwulan",
        "jenis",
        "negatif",
        "Renstra hanya tahunan",
    ):
        assert reason in rejects


@pytest.mark.django_db
def test_approval_freezes_value_live_value_moves_and_why_names_the_units(
    registries, csv_file, users
):
    run("import", "target", str(csv_file("target.csv", TARGETS)))
    args = ["--indicator", "IKU-2", "--year", "2025", "--quarter", "1"]
    assert run("workflow", "submit", *args, "--user", "staf_rehabilitasi")[0] == 0
    assert kota(compute_json("--year", "2025", "--quarter", "1"), "IKU-2")["status"] == "submitted"
    assert run("workflow", "verify", *args, "--user", "kabid_rehabilitasi")[0] == 0
    code, out = run("workflow", "approve", *args, "--user", "kadis")
    assert code == 0, out

    approval = Persetujuan.objects.get(indikator_kode="IKU-2", tahun=2025, triwulan=1)
    assert approval.status == "approved"
    assert (approval.beku_pembilang, approval.beku_penyebut, approval.beku_jumlah_unit) == (1, 4, 4)
    assert approval.indikator.keputusan.versi == 1 and len(approval.beku_hash) == 64
    assert engine.unit_list_hash(int(approval.beku_ref)) == (approval.beku_hash, 4)
    # Each step records the kota figure it saw; approval the one it froze (D220), the live one.
    steps = {s.aksi: (s.pembilang, s.penyebut) for s in approval.langkah.all()}
    assert steps == {"submit": (1, 4), "verify": (1, 4), "approve": (1, 4)}
    sesudah = AuditEntry.objects.filter(aksi="persetujuan_approve").get().sesudah
    assert (sesudah["pembilang"], sesudah["penyebut"]) == (1, 4)

    before = kota(compute_json("--year", "2025", "--quarter", "1"), "IKU-2")
    assert (
        before["status"] == "approved" and before["value"] == 25.0 and before["live_value"] == 25.0
    )

    assert run("import", "layanan", str(csv_file("layanan2.csv", LAYANAN_2)))[0] == 0
    assert run("import", "ppks", str(csv_file("ppks2.csv", PPKS_2)))[0] == 0

    rows = compute_json("--year", "2025", "--quarter", "1", "--level", "kelurahan")
    after = kota(rows, "IKU-2")
    assert (after["numerator"], after["denominator"], after["value"]) == (1, 4, 25.0)
    assert after["live_value"] == 40.0  # 2 of 5
    assert after["achievement"] == 50.0  # from the frozen figure
    # frozen per region from the unit list: Banjarbaru Utara kept 1 of 2, Landasan Ulin had none
    utara = next(r for r in rows if r["indicator"] == "IKU-2" and r["region"] == "63.72.04")
    assert (utara["numerator"], utara["denominator"], utara["live_value"]) == (1, 2, 100.0)
    ulin = next(r for r in rows if r["indicator"] == "IKU-2" and r["region"] == "63.72.02")
    assert ulin["denominator"] == 0 and ulin["value"] is None
    # the literal reading is frozen too
    lit = kota(compute_json("--year", "2025", "--quarter", "1", "--reading", "literal"), "IKU-2")
    assert lit["status"] == "approved" and lit["live_value"] != lit["value"]

    from kinerja.registries.models import Orang

    ids = dict(Orang.objects.values_list("id_lokal", "pk"))
    changes, total = engine.why_changed(int(approval.beku_ref), "IKU-2", Periode(2025, 1))
    assert total == 2
    assert {(c.orang_id, c.what) for c in changes} == {
        (ids["R-2"], "masuk_pembilang"),
        (ids["R-5"], "masuk_penyebut_saja"),
    }
    # other indicators stay draft
    assert kota(rows, "IKU-1")["status"] == "draft" and "live_value" not in kota(rows, "IKU-1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aksi", "user", "state_before"),
    [
        ("submit", "staf_linjamsos", None),  # wrong Bidang
        ("submit", "kabid_rehabilitasi", None),  # wrong role
        ("submit", "perencana", None),
        ("submit", "admin", None),
        ("verify", "staf_rehabilitasi", "submit"),
        ("verify", "kabid_pemberdayaan", "submit"),
        ("approve", "kabid_rehabilitasi", "verify"),
        ("approve", "auditor", "verify"),
        ("reopen", "kabid_rehabilitasi", "approve"),
        ("reopen", "perencana", "approve"),
    ],
)
def test_wrong_roles_are_refused_exit_1(registries, users, aksi, user, state_before):
    args = ["--indicator", "IKU-2", "--year", "2025"]
    steps = [
        ("submit", "staf_rehabilitasi"),
        ("verify", "kabid_rehabilitasi"),
        ("approve", "kadis"),
    ]
    if state_before:
        for a, u in steps[: [s[0] for s in steps].index(state_before) + 1]:
            assert run("workflow", a, *args, "--user", u)[0] == 0
    count = AuditEntry.objects.count()
    code, out = run("workflow", aksi, *args, "--user", user, "--reason", "uji")
    assert code == 1 and "Ditolak" in out and "hanya" in out.lower()
    assert AuditEntry.objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aksi", "user", "done"),
    [
        ("verify", "kabid_rehabilitasi", 0),  # draft cannot be verified
        ("approve", "kadis", 0),
        ("approve", "kadis", 1),  # submitted, not verified
        ("submit", "staf_rehabilitasi", 1),  # already submitted
        ("reopen", "kadis", 0),  # draft needs no reopening
        ("verify", "kabid_rehabilitasi", 3),  # approved
    ],
)
def test_wrong_states_are_refused_exit_1(registries, users, aksi, user, done):
    args = ["--indicator", "IKU-2", "--year", "2025", "--quarter", "2"]
    steps = [
        ("submit", "staf_rehabilitasi"),
        ("verify", "kabid_rehabilitasi"),
        ("approve", "kadis"),
    ]
    for a, u in steps[:done]:
        assert run("workflow", a, *args, "--user", u)[0] == 0
    code, out = run("workflow", aksi, *args, "--user", user, "--reason", "uji")
    assert code == 1 and "status saat ini" in out


@pytest.mark.django_db
def test_reopen_needs_a_reason_and_returns_to_draft(registries, users):
    args = ["--indicator", "IKU-2", "--year", "2025"]
    for a, u in [
        ("submit", "staf_rehabilitasi"),
        ("verify", "kabid_rehabilitasi"),
        ("approve", "kadis"),
    ]:
        assert run("workflow", a, *args, "--user", u)[0] == 0
    code, out = run("workflow", "reopen", *args, "--user", "kadis")
    assert code == 1 and "alasan" in out
    code, out = run(
        "workflow", "reopen", *args, "--user", "kadis", "--reason", "Data layanan Maret terlambat"
    )
    assert code == 0, out
    approval = Persetujuan.objects.get(indikator_kode="IKU-2", tahun=2025, triwulan=None)
    assert approval.status == "draft" and approval.beku_hash == ""
    row = kota(compute_json("--year", "2025"), "IKU-2")
    assert row["status"] == "draft" and "live_value" not in row
    # the frozen list of the first approval is kept for the record
    assert UnitBeku.objects.exists()
    entries = list(
        AuditEntry.objects.filter(objek_jenis="persetujuan").values_list("aksi", flat=True)
    )
    assert entries == [
        "persetujuan_submit", "persetujuan_verify", "persetujuan_approve", "persetujuan_reopen",
    ]  # fmt: skip
    reopen = AuditEntry.objects.filter(aksi="persetujuan_reopen").get()
    assert reopen.sesudah["alasan"] == "Data layanan Maret terlambat"
    # and can go round again
    assert run("workflow", "submit", *args, "--user", "staf_rehabilitasi")[0] == 0


@pytest.mark.django_db
def test_unknown_user_and_indicator_are_refused(registries, users):
    assert (
        run("workflow", "submit", "--indicator", "IKU-2", "--year", "2025", "--user", "nobody")[0]
        == 1
    )
    code, out = run(
        "workflow",
        "submit",
        "--indicator",
        "IKU-9",
        "--year",
        "2025",
        "--user",
        "staf_rehabilitasi",
    )
    assert code == 1 and "IKU-9" in out
