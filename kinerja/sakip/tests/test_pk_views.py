"""The PK and monitoring pages as anonymous, wrong role, right role and with bad input."""

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.sakip.models import IndikatorKinerja, PerjanjianKinerja, Realisasi, TindakLanjut
from kinerja.sakip.services.pk import pk_approve, pk_draft

from .pk_data import jabatan_fixture  # noqa: F401


def _login(client, users, role):
    client.force_login(users[role])
    return client


@pytest.fixture
def kabid_pk(jabatan, users):
    return pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])


def test_list_and_draft(client, users, jabatan):
    r = client.get("/kinerja/pohon/pk/?tahun=2025")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")
    html = _login(client, users, "auditor").get("/kinerja/pohon/pk/?tahun=2025").content.decode()
    assert html.count("<tr>") == 6 and "Buat draf" not in html and "Rina Marlina" in html
    assert client.get("/kinerja/pohon/pk/?tahun=20x5").status_code == 400
    data = {"jabatan": jabatan["kabid"].pk, "tahun": 2025}
    assert client.post("/kinerja/pohon/pk/draf/", data).status_code == 403  # auditor
    _login(client, users, "perencana")
    assert "Buat draf" in client.get("/kinerja/pohon/pk/?tahun=2025").content.decode()
    assert (
        client.post("/kinerja/pohon/pk/draf/", {"jabatan": "x", "tahun": 2025}).status_code == 400
    )
    r = client.post("/kinerja/pohon/pk/draf/", data)
    doc = PerjanjianKinerja.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kinerja/pohon/pk/{doc.pk}/"
    assert client.post("/kinerja/pohon/pk/draf/", data).status_code == 409


def test_targets_form(client, users, kabid_pk):
    row = kabid_pk.indikator.get()
    url = f"/kinerja/pohon/pk/{kabid_pk.pk}/target/"
    good = {f"target_tw1-{row.pk}": "45,5", f"target_tahun-{row.pk}": "200"}
    assert client.post(url, good)["Location"].startswith("/masuk/")
    assert _login(client, users, "kabid_rehabilitasi").post(url, good).status_code == 403
    _login(client, users, "perencana")
    r = client.post(url, {f"target_tw1-{row.pk}": "banyak"})
    assert r.status_code == 400 and "bukan angka" in r.content.decode()
    row.refresh_from_db()
    assert row.target_tw1 == 40
    assert client.post(url, good).status_code == 302
    row.refresh_from_db()
    assert (row.target_tw1, row.target_tahun) == (Decimal("45.5"), 200)
    assert AuditEntry.objects.filter(aksi="pk_target").count() == 1
    assert client.get(f"/kinerja/pohon/pk/{kabid_pk.pk + 99}/").status_code == 404


def test_approve_revise_download(client, users, kabid_pk):
    url = f"/kinerja/pohon/pk/{kabid_pk.pk}/"
    assert client.post(url + "setujui/")["Location"].startswith("/masuk/")
    assert _login(client, users, "perencana").post(url + "setujui/").status_code == 403
    html = _login(client, users, "kadis").get(url).content.decode()
    assert "Setujui dan tandatangani" in html and "Simpan target" not in html
    assert client.post(url + "setujui/").status_code == 302
    assert client.post(url + "setujui/").status_code == 409
    assert client.post(url + "perubahan/", {"alasan": "APBD-P"}).status_code == 403  # kadis
    _login(client, users, "perencana")
    assert client.post(url + "perubahan/", {"alasan": " "}).status_code == 400
    r = client.post(url + "perubahan/", {"alasan": "APBD-P 2025"})
    new = PerjanjianKinerja.objects.get(versi=2)
    assert r["Location"] == f"/kinerja/pohon/pk/{new.pk}/"
    _login(client, users, "auditor")
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        r = client.get(f"/kinerja/pohon/pk/{new.pk}/unduh.{fmt}")
        assert r.status_code == 200 and r.content.startswith(magic)
        assert f"pk-kabid-rehabilitasi-2025-v2.{fmt}" in r["Content-Disposition"]
    assert client.get(f"/kinerja/pohon/pk/{new.pk}/unduh.exe").status_code == 404


@pytest.fixture
def approved_pks(jabatan, users):
    out = {}
    for key in ("kadis", "kabid", "kasi"):
        out[key] = pk_approve(
            pk=pk_draft(jabatan=jabatan[key], tahun=2025, user=users["perencana"]),
            user=users["kadis"],
        )
    return out


def test_monitoring_pages(client, users, approved_pks, tree):
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    # TW1 on track (40 of 40), TW2 off track (50 of 90: 55,56 %), TW3 and TW4 late (2025 has ended)
    for q, v in ((1, 40), (2, 50)):
        Realisasi.objects.create(indikator=ip1, tahun=2025, periode=q, nilai=Decimal(v))
    assert client.get("/kinerja/pohon/monitoring/?tahun=2025")["Location"].startswith("/masuk/")
    _login(client, users, "staf_rehabilitasi")
    assert client.get("/kinerja/pohon/monitoring/?tahun=2025").status_code == 403
    assert client.get("/kinerja/pohon/monitoring/?tahun=2025&bidang=linjamsos").status_code == 403
    assert client.get("/kinerja/pohon/monitoring/?tahun=2025&bidang=tidakada").status_code == 400
    html = client.get("/kinerja/pohon/monitoring/?tahun=2025&bidang=rehabilitasi").content.decode()
    assert "Kepala Bidang Rehabilitasi Sosial" in html and "Kepala Seksi Rehabilitasi" in html
    assert "Kepala Dinas Sosial Kota" not in html
    assert "40 / 40 / 100,00 %" in html and "90 / 50 / 55,56 %" in html
    assert html.count('<td class="meleset">') == 1
    # IP-1 TW3, TW4 and IK-1's four quarters (its monthly values are empty) are late
    assert html.count('<td class="terlambat">') == 6 and "<strong>6</strong>" in html
    assert html.count('name="uraian"') == 8  # the staf types the actions of its own Bidang
    html = (
        _login(client, users, "kadis").get("/kinerja/pohon/monitoring/?tahun=2025").content.decode()
    )
    assert "Kepala Dinas Sosial Kota" in html and "Kepala Seksi Rehabilitasi" not in html
    assert 'name="uraian"' not in html


def test_tindak_lanjut(client, users, approved_pks, tree):
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    url = f"/kinerja/pohon/monitoring/{ip1.pk}/2025/2/"
    data = {"uraian": "Penjangkauan ditambah di dua kecamatan"}
    assert client.post(url, data)["Location"].startswith("/masuk/")
    for who in ("staf_linjamsos", "kadis", "auditor"):
        assert _login(client, users, who).post(url, data).status_code == 403
    _login(client, users, "staf_rehabilitasi")
    assert client.post(f"/kinerja/pohon/monitoring/{ip1.pk}/2025/5/", data).status_code == 400
    assert client.post(url, {"uraian": "x" * 2001}).status_code == 400
    r = client.post(url, data)
    assert r.status_code == 302 and r["Location"].endswith("bidang=rehabilitasi")
    assert TindakLanjut.objects.get().uraian == data["uraian"]
    assert AuditEntry.objects.filter(aksi="tindak_lanjut").count() == 1
    html = (
        _login(client, users, "kadis").get("/kinerja/pohon/monitoring/?tahun=2025").content.decode()
    )
    assert "Penjangkauan ditambah di dua kecamatan" in html


def test_monitoring_cache_is_never_stale(
    client, users, approved_pks, tree, monkeypatch, django_assert_num_queries
):
    """The page's lines are cached (D211) under history stamps and the date: a value, an action,
    a renamed Bidang or a quarter that ends show on the next request."""
    from kinerja.organisation.models import Bidang
    from kinerja.sakip import monitoring as mod
    from kinerja.sakip.selectors import history_stamp

    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    url = "/kinerja/pohon/monitoring/?tahun=2025&bidang=rehabilitasi"
    monkeypatch.setattr(mod, "today", lambda: dt.date(2025, 5, 15))  # TW1 has ended, TW2 not
    _login(client, users, "staf_rehabilitasi")
    html = client.get(url).content.decode()
    assert "40 / – / –" in html and html.count('<td class="terlambat">') == 2  # IP-1, IK-1 TW1
    with django_assert_num_queries(1):
        before = history_stamp(Realisasi, TindakLanjut, IndikatorKinerja)
    Realisasi.objects.create(indikator=ip1, tahun=2025, periode=1, nilai=Decimal(40))
    assert history_stamp(Realisasi, TindakLanjut, IndikatorKinerja) != before
    TindakLanjut.objects.create(
        indikator=ip1,
        tahun=2025,
        triwulan=2,
        uraian="Jangkauan diperluas",
        diisi_oleh=users["kabid_rehabilitasi"],
    )
    Bidang.objects.filter(kode="rehabilitasi").update(nama="Bidang Rehsos Baru")
    html = client.get(url).content.decode()
    assert "40 / 40 / 100,00 %" in html and html.count('<td class="terlambat">') == 1
    assert "Jangkauan diperluas</textarea>" in html and "Bidang Rehsos Baru" in html
    monkeypatch.setattr(mod, "today", lambda: dt.date(2025, 7, 15))  # TW2 has ended too
    html = client.get(url).content.decode()
    assert html.count('<td class="terlambat">') == 3


def test_delete_a_draft_with_a_reason(client, users, kabid_pk):
    """D274: anonymous to sign-in, the wrong roles refused, no reason refused, the Perencana
    deletes the draft; the audit entry keeps its content; a signed PK is never deleted."""
    url = f"/kinerja/pohon/pk/{kabid_pk.pk}/hapus/"
    assert client.post(url, {"alasan": "salah jabatan"})["Location"].startswith("/masuk/")
    for role in ("kadis", "kabid_rehabilitasi", "auditor"):
        assert _login(client, users, role).post(url, {"alasan": "x"}).status_code == 403
    _login(client, users, "perencana")
    assert "Hapus draf PK" in client.get(f"/kinerja/pohon/pk/{kabid_pk.pk}/").content.decode()
    r = client.post(url, {"alasan": "  "})
    assert r.status_code == 400 and "Tuliskan alasan menghapus draf PK." in r.content.decode()
    assert client.post(url, {"alasan": "x" * 501}).status_code == 400
    assert client.post("/kinerja/pohon/pk/999999/hapus/", {"alasan": "x"}).status_code == 404
    assert PerjanjianKinerja.objects.filter(pk=kabid_pk.pk).exists()
    r = client.post(url, {"alasan": "salah jabatan"})
    assert r.status_code == 302 and r["Location"] == "/kinerja/pohon/pk/?tahun=2025"
    assert not PerjanjianKinerja.objects.filter(pk=kabid_pk.pk).exists()
    entry = AuditEntry.objects.get(aksi="pk_hapus_draf")
    assert entry.sesudah == {"alasan": "salah jabatan"}
    assert (
        entry.sebelum["tahun"] == 2025
        and entry.sebelum["versi"] == 1
        and entry.sebelum["indikator"]
    )


def test_a_signed_pk_is_not_deleted_and_a_mistaken_revision_can_be(client, users, kabid_pk):
    pk_approve(pk=kabid_pk, user=users["kadis"])
    _login(client, users, "perencana")
    url = f"/kinerja/pohon/pk/{kabid_pk.pk}/"
    assert "Hapus draf PK" not in client.get(url).content.decode()
    r = client.post(url + "hapus/", {"alasan": "salah"})
    assert r.status_code == 409 and "tidak dapat dihapus" in r.content.decode()
    client.post(url + "perubahan/", {"alasan": "APBD-P"})
    revisi = PerjanjianKinerja.objects.get(menggantikan=kabid_pk)
    assert client.post(url + "perubahan/", {"alasan": "lagi"}).status_code == 409
    assert (
        client.post(f"/kinerja/pohon/pk/{revisi.pk}/hapus/", {"alasan": "keliru"}).status_code
        == 302
    )
    assert (
        client.post(url + "perubahan/", {"alasan": "APBD-P"}).status_code == 302
    )  # possible again
    assert PerjanjianKinerja.objects.filter(pk=kabid_pk.pk, status="disetujui").exists()
