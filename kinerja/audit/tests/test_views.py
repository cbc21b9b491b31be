"""The audit log page as an auditor reads it: who may read it, words, filters, export, chain check."""

import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.audit.models import AksesDataPribadi, AuditEntry, PemeriksaanRantai
from kinerja.audit.services import audit_record

ALL_ROLES = [
    "perencana", "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
    "kabid_rehabilitasi", "kabid_linjamsos", "kadis", "auditor", "admin",
]  # fmt: skip
URL = reverse("performance:audit_log")
CHECK = reverse("performance:audit_check")
NIK = "6372041208900001"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _worker(settings):
    settings.TASKS = IMMEDIATE  # the chain check runs in the worker (D161)


def _approve(users):
    return audit_record(
        user=users["kadis"],
        aksi="persetujuan_approve",
        objek_jenis="persetujuan",
        objek_id="IKU-2 2025-Q4",
        sebelum={"status": "verified", "putaran": 0},
        sesudah={"status": "approved", "putaran": 1, "pembilang": 1244},
    )


@pytest.mark.django_db
def test_anonymous_redirects(client):
    assert client.get(URL).status_code == 302
    assert client.post(CHECK).status_code == 302
    assert not PemeriksaanRantai.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_roles(client, users, role):
    client.force_login(users[role])
    allowed = role in ("auditor", "kadis", "admin")
    assert client.get(URL).status_code == (200 if allowed else 403)
    assert client.post(CHECK).status_code == (302 if allowed else 403)
    assert PemeriksaanRantai.objects.count() == (1 if allowed else 0)


@pytest.mark.django_db
def test_entry_in_words_not_codes(client, users):
    _approve(users)
    client.force_login(users["auditor"])
    html = client.get(URL).content.decode()
    assert "Menyetujui dan membekukan capaian" in html
    assert "persetujuan capaian IKU-2 Triwulan IV 2025" in html
    assert "Kepala Dinas" in html  # the role of who did it
    # before/after as a table of fields with Indonesian names and values
    assert '<th scope="row">Status</th><td>Diverifikasi</td><td>Disetujui</td>' in html
    assert '<th scope="row">Putaran persetujuan</th><td>0</td><td>1</td>' in html
    assert '<th scope="row">Pembilang</th><td>—</td><td>1.244</td>' in html
    table = html.split('<table class="audit">')[1]  # option values of the filter are not shown
    for code in ("persetujuan_approve", "{'status'", "verified", "approved", "2025-Q4"):
        assert code not in table
    # the time in words, in the deployment's zone (WITA)
    assert " pukul " in html and "WITA" in html


@pytest.mark.django_db
def test_nik_in_values_masked_on_the_page(client, users):
    audit_record(user=users["admin"], aksi="uji", objek_jenis="uji", sesudah={"alasan": NIK})
    client.force_login(users["admin"])
    html = client.get(URL).content.decode()
    assert NIK not in html and "6372********0001" in html


@pytest.mark.django_db
def test_filters(client, users):
    audit_record(user=users["perencana"], aksi="ubah_target", objek_jenis="target", objek_id="7")
    _approve(users)
    client.force_login(users["auditor"])

    def table(params: dict) -> str:
        return client.get(URL, params).content.decode().split('<table class="audit">')[1]

    html = table({"pengguna": "kadis"})
    assert "Menyetujui dan membekukan" in html and "Mengubah target" not in html
    html = table({"aksi": "ubah_target"})
    assert "Mengubah target" in html and "Menyetujui dan" not in html
    html = table({"objek": "IKU-2"})
    assert "Menyetujui dan" in html and "Mengubah target" not in html
    html = client.get(URL, {"dari": "2000-01-01", "sampai": "2000-12-31"}).content.decode()
    assert "Tidak ada entri" in html
    assert "Mengubah target" in table({"objek": "target"})
    assert 'type="date"' in html and 'value="2000-01-01"' in html


@pytest.mark.django_db
def test_date_bounds_follow_the_deployment_zone(client, users):
    """An entry at 23:30 UTC on 5 Dec is 6 Dec 07:30 WITA: it belongs to 6 Dec."""
    e = _approve(users)
    with connection.cursor() as cur:  # moving the time breaks the chain; only the filter is tested
        cur.execute(
            "UPDATE audit_auditentry SET waktu = %s WHERE id = %s",
            ["2025-12-05 23:30:00" if connection.vendor == "sqlite" else "2025-12-05T23:30:00Z",
             e.pk],
        )  # fmt: skip
    client.force_login(users["auditor"])
    on_6 = client.get(URL, {"dari": "2025-12-06", "sampai": "2025-12-06"}).content.decode()
    on_5 = client.get(URL, {"dari": "2025-12-05", "sampai": "2025-12-05"}).content.decode()
    assert "6 Desember 2025 pukul 07.30.00 WITA" in on_6 and "Tidak ada entri" in on_5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"dari": "31/02/2025"}, "Dari tanggal bukan tanggal yang benar"),
        ({"sampai": "besok"}, "Sampai tanggal bukan tanggal yang benar"),
        (
            {"dari": "2025-03-01", "sampai": "2025-01-01"},
            "Tanggal awal jatuh sesudah tanggal akhir",
        ),
        ({"pengguna": "tidak-ada"}, "Pilihan pengguna tidak dikenal"),
        ({"aksi": "palsu"}, "Pilihan kegiatan tidak dikenal"),
    ],
)
def test_bad_filters(client, users, params, message):
    _approve(users)
    client.force_login(users["auditor"])
    r = client.get(URL, params)
    html = r.content.decode()
    assert r.status_code == 400 and message in html and "Tidak ada entri" in html


@pytest.mark.django_db
def test_bad_page_number_shows_the_first_page(client, users):
    _approve(users)
    client.force_login(users["auditor"])
    r = client.get(URL, {"hal": "x"})
    assert r.status_code == 200 and "Menyetujui dan" in r.content.decode()


@pytest.mark.django_db
def test_pagination_counts(client, users):
    AuditEntry.objects.all().delete()
    for i in range(55):
        audit_record(user=users["perencana"], aksi="ubah_target", objek_jenis="target", objek_id=i)
    client.force_login(users["auditor"])
    html = client.get(URL).content.decode()
    assert "55 entri." in html and "Halaman 1 dari 2" in html
    html = client.get(URL, {"hal": 2}).content.decode()
    assert html.split('<table class="audit">')[1].count("Mengubah target") == 5


@pytest.mark.django_db
@pytest.mark.parametrize("role, shown", [("auditor", "6372********0001"), ("admin", NIK)])
def test_export_xlsx(client, users, role, shown):
    _approve(users)
    audit_record(user=users["admin"], aksi="uji", objek_jenis="uji", sesudah={"alasan": NIK})
    audit_record(user=users["admin"], aksi="uji", objek_jenis="uji", objek_id="=HYPERLINK(1)")
    client.force_login(users[role])
    before = AksesDataPribadi.objects.count()
    r = client.get(URL, {"ekspor": "xlsx", "pengguna": "admin"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "Nomor entri" and len(rows) == 2 + 2  # title, header, 2 admin entries
    texts = [str(c) for row in rows for c in row if c is not None]
    assert any(f"Alasan: {shown}" in t for t in texts)
    assert any(t.startswith("'uji =HYPERLINK") or t == "uji =HYPERLINK(1)" for t in texts)
    assert not any(t.startswith("=") for t in texts)
    log = AksesDataPribadi.objects.order_by("-id").first()
    assert AksesDataPribadi.objects.count() == before + 1
    assert log.jenis == "ekspor" and log.jumlah == 2 and log.nama_pengguna == role


@pytest.mark.django_db
def test_export_with_bad_filter_is_refused(client, users):
    client.force_login(users["auditor"])
    r = client.get(URL, {"ekspor": "xlsx", "dari": "kemarin"})
    assert r.status_code == 400 and r["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_export_too_big_asks_for_a_narrower_filter(client, users, monkeypatch):
    from kinerja.audit import views

    for _ in range(3):
        _approve(users)
    monkeypatch.setattr(views, "EXPORT_MAX", 2)
    client.force_login(users["auditor"])
    r = client.get(URL, {"ekspor": "xlsx", "pengguna": "kadis"})
    html = r.content.decode()
    assert r.status_code == 400 and r["Content-Type"].startswith("text/html")
    assert "Hasil saringan berisi 3 entri; unduhan XLSX paling banyak 2 entri" in html
    assert not AksesDataPribadi.objects.exists()
    assert client.get(URL, {"ekspor": "xlsx", "aksi": "uji"}).status_code == 200


@pytest.mark.django_db
def test_chain_check_shown_on_the_page(client, users):
    e = audit_record(user=users["perencana"], aksi="uji", objek_jenis="uji")
    client.force_login(users["auditor"])
    assert "Rantai belum pernah diperiksa" in client.get(URL).content.decode()
    r = client.post(CHECK, {"kembali": "aksi=uji"})
    assert r.status_code == 302 and r["Location"] == URL + "?aksi=uji"
    html = client.get(URL).content.decode()
    assert "Jejak audit utuh" in html and "Log akses data pribadi utuh" in html
    assert "oleh auditor" in html
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET aksi = 'palsu' WHERE id = %s", [e.pk])
    client.post(CHECK)
    html = client.get(URL).content.decode()
    assert "Jejak audit TIDAK utuh" in html and f"#{e.pk} telah diubah" in html


@pytest.mark.django_db
def test_check_is_queued_for_the_worker(client, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(users["auditor"])
    html = client.post(CHECK, follow=True).content.decode()
    assert "berjalan di latar belakang" in html and "Rantai belum pernah diperiksa" in html
    assert not PemeriksaanRantai.objects.exists()


@pytest.mark.django_db
def test_check_needs_post(client, users):
    client.force_login(users["auditor"])
    assert client.get(CHECK).status_code == 405
