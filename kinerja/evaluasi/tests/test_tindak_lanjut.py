"""The LHE and the follow-up of its recommendations, through the pages and the dashboard."""

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.evaluasi.models import Lhe, Rekomendasi, StatusTindakLanjut
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, tutup
from kinerja.web.tests.test_drilldown import approve, build_case

LHE = "/evaluasi/2025/lhe/"


@pytest.fixture
def ditutup(db, users):
    return tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2025))


@pytest.fixture
def rekomendasi(client, users, ditutup):
    client.force_login(users["auditor"])
    client.post(LHE, {"nomor": "700/12/ITKO/2026", "tanggal": "2026-03-10", "ringkasan": "Nilai B"})
    client.post(
        LHE,
        {"bagian": "rekomendasi", "teks": "Agar rencana aksi dipantau tiap triwulan",
         "bidang": "rehabilitasi", "batas_waktu": "2026-09-30"},
    )  # fmt: skip
    client.logout()
    return Rekomendasi.objects.get()


def test_anonymous_is_sent_to_login(client, rekomendasi):
    for path in (LHE, f"/evaluasi/rekomendasi/{rekomendasi.pk}/"):
        assert client.get(path).status_code == 302
    assert (
        client.post(f"/evaluasi/rekomendasi/{rekomendasi.pk}/", {"status": "selesai"}).status_code
        == 302
    )
    assert Rekomendasi.objects.get().status == StatusTindakLanjut.BELUM


def test_only_the_evaluator_records_the_lhe(client, users, ditutup):
    client.force_login(users["perencana"])
    assert client.post(LHE, {"nomor": "1", "tanggal": "2026-03-10"}).status_code == 403
    client.force_login(users["auditor"])
    response = client.post(LHE, {"nomor": "1", "tanggal": "10/03/2026"})
    assert (
        response.status_code == 400
        and "Tanggal LHE bukan tanggal yang sah" in response.content.decode()
    )
    assert not Lhe.objects.exists()


def test_the_lhe_waits_for_the_closed_evaluation(client, users, db):
    client.force_login(users["auditor"])
    response = client.post(LHE, {"nomor": "1", "tanggal": "2026-03-10"})
    assert "setelah evaluator menutup" in response.content.decode()
    assert not Lhe.objects.exists()


def test_the_lhe_and_its_recommendation_are_recorded_and_audited(rekomendasi):
    assert (rekomendasi.nomor, rekomendasi.bidang.kode, str(rekomendasi.batas_waktu)) == (
        1, "rehabilitasi", "2026-09-30",
    )  # fmt: skip
    assert set(AuditEntry.objects.values_list("aksi", flat=True)) >= {
        "lhe_catat",
        "rekomendasi_tambah",
    }


@pytest.mark.parametrize("role", ["staf_linjamsos", "kabid_pemberdayaan", "kadis", "auditor"])
def test_another_bidang_or_role_cannot_follow_up(client, users, rekomendasi, role):
    client.force_login(users[role])
    url = f"/evaluasi/rekomendasi/{rekomendasi.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"rencana": "x", "status": "proses"}).status_code == 403
    assert Rekomendasi.objects.get().status == StatusTindakLanjut.BELUM


def test_a_follow_up_is_closed_only_with_evidence(client, users, rekomendasi):
    build_case()
    approve(users)
    from kinerja.performance.models import LangkahPersetujuan

    step = LangkahPersetujuan.objects.get(aksi="approve")
    client.force_login(users["staf_rehabilitasi"])
    url = f"/evaluasi/rekomendasi/{rekomendasi.pk}/"
    response = client.post(url, {"rencana": "Rapat monev tiap triwulan", "status": "selesai"})
    assert response.status_code == 400
    assert "tidak dapat dinyatakan selesai tanpa bukti" in response.content.decode()
    assert Rekomendasi.objects.get().status == StatusTindakLanjut.BELUM
    client.post(url, {"bagian": "bukti", "jenis": "angka_beku", "acuan": str(step.pk)})
    assert (
        client.post(url, {"rencana": "Rapat monev tiap triwulan", "status": "selesai"}).status_code
        == 302
    )
    row = Rekomendasi.objects.get()
    assert row.status == StatusTindakLanjut.SELESAI and row.diselesaikan_pada is not None
    assert "terverifikasi" in client.get(url).content.decode()


def test_bad_status_is_refused(client, users, rekomendasi):
    client.force_login(users["kabid_rehabilitasi"])
    response = client.post(f"/evaluasi/rekomendasi/{rekomendasi.pk}/", {"status": "beres"})
    assert response.status_code == 400 and "tidak dikenal" in response.content.decode()


def test_open_follow_ups_show_on_the_dashboard_of_those_who_act(client, users, rekomendasi):
    for role, shown in (("staf_rehabilitasi", True), ("kadis", True), ("staf_linjamsos", False)):
        client.force_login(users[role])
        page = client.get("/beranda/").content.decode()
        assert ("Agar rencana aksi dipantau" in page) is shown, role


def test_the_navigation_counts_open_follow_ups_for_those_who_act(client, users, rekomendasi):
    shown = "1 tindak lanjut terbuka"
    for role, visible in (
        ("staf_rehabilitasi", True),
        ("perencana", True),
        ("kabid_linjamsos", False),
        ("kadis", False),
    ):
        client.force_login(users[role])
        assert (shown in client.get("/beranda/").content.decode()) is visible, role
    rekomendasi.status = StatusTindakLanjut.SELESAI
    rekomendasi.save()
    client.force_login(users["staf_rehabilitasi"])
    assert shown not in client.get("/beranda/").content.decode()
