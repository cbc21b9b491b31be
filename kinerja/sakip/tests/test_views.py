"""Every view of the tree as anonymous, wrong role, right role and with bad input."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from kinerja.audit.models import AksesDataPribadi, AuditEntry
from kinerja.sakip.models import BuktiDukung, IndikatorKinerja, Realisasi, Renstra, Simpul
from kinerja.sakip.services.bukti import bukti_upload
from kinerja.sakip.services.realisasi import realisasi_save, realisasi_transition

from .conftest import INDIKATOR, PDF, POHON, xlsx_bytes


def _as(client, users, role):
    client.force_login(users[role])
    return client


def _anonymous_goes_to_login(client, url, method="get"):
    r = getattr(client, method)(url)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.fixture
def ip1(tree):
    return IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")


@pytest.fixture
def approved(ip1, users, media):
    row = realisasi_save(
        indikator=ip1,
        tahun=2025,
        periode=1,
        nilai=Decimal(50),
        catatan="",
        user=users["staf_rehabilitasi"],
    )
    bukti = bukti_upload(
        realisasi=row, name="rekap.pdf", chunks=[PDF], user=users["staf_rehabilitasi"]
    )
    for aksi, who in (
        ("submit", "staf_rehabilitasi"),
        ("verify", "kabid_rehabilitasi"),
        ("approve", "kadis"),
    ):
        row = realisasi_transition(aksi=aksi, realisasi=row, user=users[who])
    return row, bukti


# --- tree page and node page -------------------------------------------------------------------
def test_tree_page(client, users, tree, ip1, approved):
    _anonymous_goes_to_login(client, "/kinerja/pohon/")
    html = _as(client, users, "auditor").get("/kinerja/pohon/?tahun=2025").content.decode()
    assert html.count('<a href="/kinerja/pohon/simpul/') == 6
    assert 'tabindex="0" role="region"' in html
    # IP-1: 50 of a year target of 200 in its latest quarter (1) -> 25,00 % sangat rendah.
    assert "IP-1: 25,00 % sangat rendah" in html
    down_to_program = client.get("/kinerja/pohon/?tahun=2025&sampai=program").content.decode()
    assert down_to_program.count('<a href="/kinerja/pohon/simpul/') == 4
    # The drawing is cached, never stale: a new quarter's value shows at once.
    realisasi_save(
        indikator=ip1,
        tahun=2025,
        periode=2,
        nilai=Decimal(180),
        catatan="",
        user=users["staf_rehabilitasi"],
    )
    assert "IP-1: 90,00 % tinggi" in client.get("/kinerja/pohon/?tahun=2025").content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [("tahun=20x5", 400), ("sampai=seksi", 400), ("renstra=abc", 400), ("renstra=999", 404)],
)
def test_tree_page_bad_input(client, users, tree, query, status):
    r = _as(client, users, "kadis").get(f"/kinerja/pohon/?{query}")
    assert r.status_code == status


def test_tree_page_without_a_renstra_for_the_year(client, users, tree):
    html = _as(client, users, "staf_linjamsos").get("/kinerja/pohon/?tahun=2040").content.decode()
    assert "Belum ada Renstra dengan pohon kinerja untuk tahun ini." in html


def test_node_page(client, users, tree, approved):
    node = Simpul.objects.get(renstra=tree, kode="1.06.02")
    url = f"/kinerja/pohon/simpul/{node.pk}/?tahun=2025"
    _anonymous_goes_to_login(client, url)
    html = _as(client, users, "staf_pemberdayaan").get(url).content.decode()
    assert "Program Rehabilitasi Sosial" in html and "Jumlah PPKS yang direhabilitasi" in html
    assert "25,00" in html and "Ubah simpul" not in html
    assert "Ubah simpul" in _as(client, users, "perencana").get(url).content.decode()
    assert client.get(f"/kinerja/pohon/simpul/{node.pk}/?tahun=abc").status_code == 400
    assert client.get("/kinerja/pohon/simpul/99999/").status_code == 404


def test_node_edit(client, users, tree):
    node = Simpul.objects.get(renstra=tree, kode="1.06.02")
    url = f"/kinerja/pohon/simpul/{node.pk}/ubah/"
    _anonymous_goes_to_login(client, url)
    assert _as(client, users, "kabid_rehabilitasi").post(url, {"uraian": "x"}).status_code == 403
    c = _as(client, users, "perencana")
    bad = c.post(url, {"uraian": "", "bidang": "keuangan"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Uraian wajib diisi." in text and "Bidang &#x27;keuangan&#x27; tidak dikenal." in text
    assert (
        c.post(url, {"uraian": "Program X", "bidang": ""}).status_code == 400
    )  # program needs one
    ok = c.post(
        url,
        {
            "uraian": "Program Rehabilitasi Sosial Dasar",
            "bidang": "rehabilitasi",
            "seksi": "",
            "sasaran": "PPKS terlayani",
        },
    )
    assert ok.status_code == 302
    node.refresh_from_db()
    assert node.uraian == "Program Rehabilitasi Sosial Dasar"
    entry = AuditEntry.objects.get(aksi="simpul_ubah")
    assert entry.sebelum == {"uraian": "Program Rehabilitasi Sosial"}


# --- the Perencana's pages -----------------------------------------------------------------------
def test_renstra_page_creates_the_next_period(client, users, tree):
    _anonymous_goes_to_login(client, "/kinerja/pohon/renstra/")
    assert _as(client, users, "kadis").get("/kinerja/pohon/renstra/").status_code == 403
    c = _as(client, users, "perencana")
    for data, message in (
        ({"nama": "R", "periode_awal": "2031", "periode_akhir": "2027"}, "sebelum tahun awal"),
        ({"nama": "R", "periode_awal": "2025", "periode_akhir": "2029"}, "bertumpang tindih"),
        (
            {"nama": "", "periode_awal": "dua", "periode_akhir": "2031"},
            "Tahun awal harus tahun empat angka.",
        ),
    ):
        r = c.post("/kinerja/pohon/renstra/", data)
        assert r.status_code == 400 and message in r.content.decode()
    assert Renstra.objects.count() == 1
    r = c.post(
        "/kinerja/pohon/renstra/",
        {"nama": "Renstra 2027-2031", "periode_awal": "2027", "periode_akhir": "2031"},
    )
    new = Renstra.objects.get(periode_awal=2027)
    assert r.status_code == 302 and r["Location"] == f"/kinerja/pohon/renstra/{new.pk}/impor/"


def test_template_download(client, users, tree):
    _anonymous_goes_to_login(client, "/kinerja/pohon/templat.xlsx")
    assert _as(client, users, "auditor").get("/kinerja/pohon/templat.xlsx").status_code == 403
    r = _as(client, users, "perencana").get(f"/kinerja/pohon/templat.xlsx?renstra={tree.pk}")
    assert r["Content-Disposition"] == 'attachment; filename="pohon-kinerja-2021-2026.xlsx"'
    wb = load_workbook(BytesIO(r.content))
    assert wb.sheetnames == ["Pohon", "Indikator", "Petunjuk"]
    assert wb["Pohon"].max_row == 7 and wb["Indikator"].max_row == 5
    assert [c.value for c in wb["Indikator"][1]][-6:] == [f"target {y}" for y in range(2021, 2027)]
    assert client.get("/kinerja/pohon/templat.xlsx?renstra=999").status_code == 404


def test_import_page(client, users, renstra):
    url = f"/kinerja/pohon/renstra/{renstra.pk}/impor/"
    _anonymous_goes_to_login(client, url)
    assert _as(client, users, "staf_rehabilitasi").get(url).status_code == 403
    c = _as(client, users, "perencana")
    assert c.post(url, {}).status_code == 400
    r = c.post(url, {"berkas": SimpleUploadedFile("pohon.csv", b"a,b\n")})
    assert r.status_code == 400 and "File harus XLSX" in r.content.decode()
    r = c.post(url, {"berkas": SimpleUploadedFile("pohon.xlsx", b"bukan zip")})
    assert r.status_code == 400 and "Tidak ada yang disimpan." in r.content.decode()
    body = xlsx_bytes([*POHON, ["kegiatan", "9.01", "9", "Tanpa program", "", "", ""]], INDIKATOR)
    r = c.post(url, {"berkas": SimpleUploadedFile("pohon.xlsx", body)})
    html = r.content.decode()
    assert r.status_code == 200
    assert '<strong id="dibaca">11</strong>' in html and '<strong id="ditolak">1</strong>' in html
    assert "kegiatan tanpa program: induk 9 tidak ada" in html
    assert Simpul.objects.filter(renstra=renstra).count() == 6


def test_lock(client, users, tree):
    url = f"/kinerja/pohon/renstra/{tree.pk}/kunci/"
    _anonymous_goes_to_login(client, url, "post")
    assert _as(client, users, "kadis").post(url, {"konfirmasi": "kunci"}).status_code == 403
    c = _as(client, users, "perencana")
    c.post(url, {})
    assert not Renstra.objects.get(pk=tree.pk).dikunci
    assert c.post(url, {"konfirmasi": "kunci"}).status_code == 302
    assert Renstra.objects.get(pk=tree.pk).dikunci
    assert AuditEntry.objects.filter(aksi="renstra_kunci").count() == 1


# --- typed values, evidence, approval ------------------------------------------------------------
def test_indicator_page(client, users, ip1):
    url = f"/kinerja/pohon/indikator/{ip1.pk}/?tahun=2025"
    _anonymous_goes_to_login(client, url)
    assert 'name="nilai"' not in _as(client, users, "staf_linjamsos").get(url).content.decode()
    assert (
        _as(client, users, "staf_rehabilitasi").get(url).content.decode().count('name="nilai"') == 4
    )
    assert client.get(f"/kinerja/pohon/indikator/{ip1.pk}/?tahun=x").status_code == 400
    assert client.get("/kinerja/pohon/indikator/9999/").status_code == 404


def test_typing_a_value_with_evidence(client, users, ip1, media):
    url = f"/kinerja/pohon/indikator/{ip1.pk}/2025/2/"
    _anonymous_goes_to_login(client, url, "post")
    r = _as(client, users, "staf_linjamsos").post(url, {"nilai": "10"})
    assert r.status_code == 403
    c = _as(client, users, "staf_rehabilitasi")
    r = c.post(url, {"nilai": "sepuluh", "catatan": "rekap"})
    assert (
        r.status_code == 400 and "Realisasi &#x27;sepuluh&#x27; bukan angka." in r.content.decode()
    )
    fake = SimpleUploadedFile("rekap.pdf", b"<html>not a pdf</html>")
    r = c.post(url, {"nilai": "87,5", "catatan": "rekap", "bukti": fake})
    assert r.status_code == 400 and "tidak sesuai dengan ekstensinya" in r.content.decode()
    assert 'value="87,5"' in r.content.decode()  # the typed value stays in the form
    assert Realisasi.objects.count() == 0 and BuktiDukung.objects.count() == 0
    r = c.post(
        url, {"nilai": "87,5", "catatan": "rekap", "bukti": SimpleUploadedFile("rekap.pdf", PDF)}
    )
    assert r.status_code == 302
    row = Realisasi.objects.get()
    assert (row.nilai, row.periode, row.bukti.get().nama_file) == (Decimal("87.5"), 2, "rekap.pdf")


def test_approval_steps_through_the_web(client, users, ip1, media):
    row = realisasi_save(
        indikator=ip1,
        tahun=2025,
        periode=1,
        nilai=Decimal(50),
        catatan="",
        user=users["staf_rehabilitasi"],
    )
    url = f"/kinerja/pohon/realisasi/{row.pk}/submit/"
    _anonymous_goes_to_login(client, url, "post")
    assert _as(client, users, "kadis").post(url).status_code == 403
    r = _as(client, users, "staf_rehabilitasi").post(url)
    assert r.status_code == 400 and "sedikitnya satu bukti dukung" in r.content.decode()
    assert client.post(f"/kinerja/pohon/realisasi/{row.pk}/hapus/").status_code == 400
    bukti_upload(realisasi=row, name="a.pdf", chunks=[PDF], user=users["staf_rehabilitasi"])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 409  # already submitted
    assert Realisasi.objects.get().status == "submitted"


def test_evidence_download(client, users, approved):
    _, bukti = approved
    url = f"/kinerja/pohon/bukti/{bukti.pk}/"
    _anonymous_goes_to_login(client, url)
    assert _as(client, users, "staf_linjamsos").get(url).status_code == 403
    r = _as(client, users, "auditor").get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Disposition"] == 'attachment; filename="rekap.pdf"'
    assert r["X-Content-Type-Options"] == "nosniff" and r["Content-Type"] == "application/pdf"
    log = AksesDataPribadi.objects.get(jenis="unduh_bukti")
    assert log.nama_pengguna == "auditor" and f"bukti {bukti.pk} rekap.pdf" in log.objek
    assert client.get("/kinerja/pohon/bukti/9999/").status_code == 404


def test_evidence_remove(client, users, ip1, approved, media):
    _, frozen = approved
    url = f"/kinerja/pohon/bukti/{frozen.pk}/lepas/"
    _anonymous_goes_to_login(client, url, "post")
    assert _as(client, users, "staf_rehabilitasi").post(url).status_code == 403  # frozen
    row = realisasi_save(
        indikator=ip1,
        tahun=2025,
        periode=2,
        nilai=Decimal(5),
        catatan="",
        user=users["staf_rehabilitasi"],
    )
    draft = bukti_upload(realisasi=row, name="b.pdf", chunks=[PDF], user=users["staf_rehabilitasi"])
    assert (
        _as(client, users, "kabid_rehabilitasi")
        .post(f"/kinerja/pohon/bukti/{draft.pk}/lepas/")
        .status_code
        == 403
    )
    assert (
        _as(client, users, "staf_rehabilitasi")
        .post(f"/kinerja/pohon/bukti/{draft.pk}/lepas/")
        .status_code
        == 302
    )
    assert list(BuktiDukung.objects.filter(aktif=True).values_list("pk", flat=True)) == [frozen.pk]
    assert client.post("/kinerja/pohon/bukti/9999/lepas/").status_code == 404


def test_node_page_shows_the_budget_lines_of_its_codes(client, users, tree):
    from kinerja.performance.models import Anggaran

    common = {"tahun": 2025, "kode_program": "1.06.02", "nama_program": "Rehabilitasi"}
    Anggaran.objects.create(**common, pagu=1_000_000, realisasi=800_000)
    Anggaran.objects.create(
        **common, kode_kegiatan="1.06.02.2.01", nama_kegiatan="RSD", pagu=600_000, realisasi=300_000
    )
    Anggaran.objects.create(
        tahun=2025, kode_program="1.06.04", nama_program="Linjamsos", pagu=5_000, realisasi=0
    )
    client.force_login(users["auditor"])
    program = Simpul.objects.get(renstra=tree, kode="1.06.02")
    html = client.get(f"/kinerja/pohon/simpul/{program.pk}/?tahun=2025").content.decode()
    assert "1.000.000" in html and "80,00" in html and "600.000" in html and "5.000" not in html
    kegiatan = Simpul.objects.get(renstra=tree, kode="1.06.02.2.01")
    html = client.get(f"/kinerja/pohon/simpul/{kegiatan.pk}/?tahun=2025").content.decode()
    assert "600.000" in html and "50,00" in html and "1.000.000" not in html
