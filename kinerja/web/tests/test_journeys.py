"""The journeys of issue 6 in a real chromium (Playwright): one test per journey, each screenshotted.

(a) a clerk uploads an Excel file with bad rows, saves the good ones and downloads the rejects;
(b) a clerk opens a figure on the dashboard and drills to its records, then filters them;
(c) a Kepala Bidang verifies a submitted figure; (d) the Kepala Dinas approves it and sees it frozen
while the registry moves on; (e) the public page shows approved figures only; (f) a wrong role is
turned away. Journeys (b)-(f) run on the demo dataset (`kinerja demo`, small scale) loaded through
the importer, so the pages see the same kind of data as the Dinas.
"""

import importlib
import io
import re

import openpyxl
import pytest
from django.core.management import call_command

from conftest import PASSWORD
from kinerja.indicators.engine import Periode, drilldown
from kinerja.performance.models import Persetujuan, Status
from kinerja.performance.periods import periode_nama
from kinerja.performance.services.workflow import workflow_transition
from kinerja.registries.models import Impor, Layanan, Ppks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_SCALE = "0.02"
KODE = "IKU-2"  # Bidang Rehabilitasi Sosial
NIK_SITI = "6372044501900001"  # perempuan, 5 Januari 1990, Komet
NIK_BUDI = "6372040501900002"  # laki-laki, 5 Januari 1990, Komet
HEADER = [
    "nik", "id_lokal", "nama", "jenis_kelamin", "tanggal_lahir", "no_kk", "kode_wilayah",
    "jenis_layanan", "tanggal", "program", "nilai_rp", "sumber_dana", "kode_kejadian", "keterangan",
]  # fmt: skip


def person(nik: str, nama: str, jk: str) -> list[str]:
    return [nik, "", nama, jk, "1990-01-05", "6372041234567890", "63.72.04.1003"]


# Sheet rows 2..6: two good rows and three bad ones, each with its reason in the rejects file.
ROWS = [
    [*person(NIK_SITI, "Siti Aminah", "P"), "permakanan", "2025-02-01", "", "", "", "", ""],
    [*person("1234", "Nik Pendek", "L"), "permakanan", "2025-02-01", "", "", "", "", ""],
    [*person(NIK_BUDI, "Budi Santoso", "L"), "pijat", "2025-02-01", "", "", "", "", ""],
    [*person(NIK_BUDI, "Budi Santoso", "L"), "sandang", "01/01/2099", "", "", "", "", ""],
    [*person(NIK_BUDI, "Budi Santoso", "L"), "sandang", "2025-03-01", "", "", "", "", ""],
]
REASONS = {
    3: "harus 16 digit angka",
    4: "jenis_layanan 'pijat' tidak ada dalam daftar kode",
    5: "setelah hari ini",
}


# -- helpers ---------------------------------------------------------------------------------------
def login(page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")


def shot(page, artifacts_dir: str, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=f"{artifacts_dir}/jalur-{name}.png", full_page=full_page)


def xlsx_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for c in cells:
            c.number_format = "@"  # NIK and dates as text, the way the template asks
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def demo(page, tmp_path):
    """The demo dataset at a small scale, through the importer; returns the dashboard's period.

    conftest's reseed() (after a transactional flush) leaves out the IKU definitions and the
    default band scale, so their data migrations' loaders (idempotent) run here first.
    """
    from django.apps import apps

    for module in (
        "kinerja.indicators.migrations.0005_definisi_iku_keputusan_061",
        "kinerja.performance.migrations.0002_default_band_scale",
    ):
        importlib.import_module(module).load(apps, None)
    call_command(
        "demo", "--scale", DEMO_SCALE, "--dir", str(tmp_path / "demo"), stdout=io.StringIO()
    )
    from kinerja.web.selectors import latest_data_periode

    return latest_data_periode()


def advance(users, periode: Periode, *steps: str) -> None:
    who = {"submit": "staf_rehabilitasi", "verify": "kabid_rehabilitasi", "approve": "kadis"}
    for aksi in steps:
        workflow_transition(aksi=aksi, kode=KODE, periode=periode, user=users[who[aksi]])


def confirm(page, tombol: str) -> None:
    """Follow an approval button to its confirmation page, tick the box, confirm."""
    page.get_by_role("link", name=tombol).click()
    page.wait_for_url(re.compile(r".*/kinerja/iku/.+/(submit|verify|approve|reopen)/$"))
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=tombol).click()
    page.wait_for_url(re.compile(r".*/kinerja/iku/[^/]+/[^/]+/$"))


# -- (a) upload an Excel file with bad rows, save, download the rejects ----------------------------
def test_clerk_uploads_excel_with_bad_rows_and_downloads_the_rejects(
    page, users, settings, tmp_path, artifacts_dir
):
    # The save runs as a django-tasks task; the immediate backend runs it inside the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "layanan februari.xlsx"
    upload.write_bytes(xlsx_bytes(HEADER, ROWS))

    login(page, "staf_rehabilitasi")
    page.goto("/registri/unggah/layanan/")
    page.get_by_label("File CSV atau XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_url("**/pratinjau/")

    main = page.locator("main")
    assert "Belum ada yang disimpan" in main.inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert re.search(r"Baris dibaca\s+5", facts) and re.search(r"Akan ditolak\s+3", facts)
    problems = page.locator("table", has=page.get_by_role("columnheader", name="Alasan"))
    text = problems.inner_text()
    for row, reason in REASONS.items():
        assert re.search(rf"{row}\s+.*{re.escape(reason)}", text), (row, text)
    assert NIK_SITI not in page.content()  # NIK masked in the preview
    assert not Layanan.objects.exists() and not Impor.objects.filter(uji_coba=False).exists()
    shot(page, artifacts_dir, "a1-pratinjau")

    page.get_by_role("button", name="Simpan baris yang diterima").click()
    page.wait_for_url("**/proses/")
    assert "Impor selesai." in main.inner_text()
    facts = page.locator("dl.facts").inner_text()
    assert re.search(r"Diterima\s+2", facts) and re.search(r"Ditolak\s+3", facts)
    assert Layanan.objects.count() == 2
    shot(page, artifacts_dir, "a2-hasil")

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Unduh baris yang ditolak")).click()
    download = info.value
    # An XLSX upload's rejects come back as XLSX, every cell text (D131).
    assert download.suggested_filename == "layanan februari.rejected.xlsx"
    import openpyxl

    with open(download.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header, body = [str(h) for h in rows[0]], rows[1:]
    records = [dict(zip(header, (v or "" for v in r), strict=False)) for r in body]
    assert len(records) == 3, records
    by_row = {_row_number(r): r for r in records}
    assert set(by_row) == set(REASONS), records
    for row, reason in REASONS.items():
        assert reason in " ".join(by_row[row].values()), (row, by_row[row])
    assert by_row[4]["nama"] == "Budi Santoso"  # the clerk's own columns come back to be fixed


def _delimiter(body: str) -> str:
    first = body.splitlines()[0]
    return ";" if first.count(";") > first.count(",") else ","


def _row_number(record: dict) -> int:
    for key in ("baris", "_baris", "row", "nomor_baris"):
        if record.get(key):
            return int(record[key])
    raise AssertionError(f"no row number column in {list(record)}")


# -- (b) dashboard -> drill-down -> filter ---------------------------------------------------------
def test_clerk_opens_a_figure_and_drills_to_the_records(page, users, demo, artifacts_dir):
    periode = demo
    login(page, "staf_rehabilitasi")
    # The period form keeps the year as digits (not "2.025") and the choice in the URL.
    page.get_by_label("Tahun", exact=True).select_option(str(periode.tahun - 1))
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(f"**tahun={periode.tahun - 1}**")
    assert f"Triwulan IV {periode.tahun - 1}" in page.locator(".lead").first.inner_text()
    assert page.get_by_role("status").count() == 0  # no "Periode tidak valid" warning
    page.goto("/beranda/")
    card = page.locator(f"article:has(#card-{KODE})")
    figure = card.locator("dd.big a").first
    shown = figure.inner_text().strip()
    assert shown.endswith(" %") and "," in shown, shown  # 12,34 %
    shot(page, artifacts_dir, "b1-dasbor")

    figure.click()
    page.wait_for_url(f"**/angka/{KODE}/{periode.label}/")
    assert shown in page.locator("#angka").locator("xpath=..").inner_text()
    table = page.get_by_role("table", name="Unit penyebut")
    total = table.locator("tbody tr").count()
    assert total > 0

    page.get_by_label("Status").select_option(label="Bukan pembilang")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**status=bukan**")
    rows = page.get_by_role("table", name="Unit penyebut").locator("tbody tr")
    texts = rows.all_inner_texts()
    expected = drilldown(KODE, periode, "default", pembilang=False)
    assert 0 < len(texts) <= min(len(expected), 50)
    assert not any("✓ Ya" in t for t in texts)
    assert all(any(r.alasan_label in t for r in expected) for t in texts)
    assert "Hapus saringan" in page.locator("main").inner_text()
    shot(page, artifacts_dir, "b2-rincian-tersaring")


# -- (c) Kepala Bidang verifies --------------------------------------------------------------------
def test_kepala_bidang_verifies_a_submitted_figure(page, users, demo, artifacts_dir):
    periode = demo
    advance(users, periode, "submit")
    login(page, "kabid_rehabilitasi")
    pending = page.locator("section.pending")
    link = pending.get_by_role("link", name=re.compile(rf"{KODE}\s+{periode_nama(periode)}"))
    link.click()
    page.wait_for_url(f"**/kinerja/iku/{KODE}/{periode.label}/")
    assert page.get_by_role("link", name="Setujui dan bekukan").count() == 0
    confirm(page, "Verifikasi")

    assert "status kini" in page.locator("main").inner_text()
    row = Persetujuan.objects.of_period(KODE, periode.tahun, periode.triwulan).get()
    assert row.status == Status.VERIFIED
    assert row.get_status_display() in page.locator("dl.facts").inner_text()
    shot(page, artifacts_dir, "c-kabid-verifikasi")


# -- (d) Kepala Dinas approves; the figure stays frozen while the registry moves on -----------------
def test_kepala_dinas_approves_and_sees_the_figure_frozen(page, users, demo, artifacts_dir):
    periode = demo
    advance(users, periode, "submit", "verify")
    login(page, "kadis")
    page.goto(f"/kinerja/iku/{KODE}/{periode.label}/")
    confirm(page, "Setujui dan bekukan")
    row = Persetujuan.objects.of_period(KODE, periode.tahun, periode.triwulan).get()
    assert row.status == Status.APPROVED and row.beku_hash
    frozen = page.locator("section[aria-labelledby=beku] table")
    beku, kini = _frozen_and_live(frozen)
    assert beku == kini
    assert "Tidak ada unit yang berubah" in page.locator("main").inner_text()

    # A service recorded after approval: the live figure moves, the frozen one does not.
    added = add_counted_services(periode)
    assert added
    page.reload()
    beku2, kini2 = _frozen_and_live(frozen)
    assert beku2 == beku
    assert kini2 != kini and int(kini2[0].replace(".", "")) == int(kini[0].replace(".", "")) + added
    assert re.search(r"\d+ unit berubah sejak dibekukan", page.locator("main").inner_text())
    shot(page, artifacts_dir, "d1-kadis-beku-vs-kini")

    page.goto("/beranda/")
    card = page.locator(f"article:has(#card-{KODE})")
    assert "Disetujui" in card.locator(".badge").inner_text()
    assert "Angka beku berbeda dengan angka terkini" in card.inner_text()
    shot(page, artifacts_dir, "d2-kadis-dasbor")


def _frozen_and_live(table) -> tuple[list[str], list[str]]:
    rows = table.locator("tbody tr")
    beku = [c.strip() for c in rows.nth(0).locator("td").all_inner_texts()]
    kini = [c.strip() for c in rows.nth(1).locator("td").all_inner_texts()]
    return beku, kini


def add_counted_services(periode: Periode, limit: int = 3) -> int:
    """Serve up to `limit` people of the denominator who had no service, inside their registration."""
    added = 0
    for r in drilldown(KODE, periode, "default", pembilang=False):
        if r.alasan != "tanpa_layanan" or r.orang_id is None:
            continue
        reg = Ppks.objects.filter(orang_id=r.orang_id).order_by("-tanggal_daftar").first()
        start = max(reg.tanggal_daftar, periode.mulai)
        end = min(reg.tanggal_selesai or periode.akhir, periode.akhir)
        if start > end:
            continue
        Layanan.objects.create(orang_id=r.orang_id, jenis_id="permakanan", tanggal=start)
        added += 1
        if added == limit:
            break
    return added


# -- (e) the public page shows approved figures only ---------------------------------------------
def test_public_page_shows_only_approved_figures(page, users, demo, artifacts_dir):
    periode = demo
    advance(users, periode, "submit", "verify", "approve")
    workflow_transition(aksi="submit", kode="IKU-3A", periode=periode, user=users["staf_linjamsos"])

    page.goto(f"/publik/?tahun={periode.tahun}")
    main = page.locator("main")
    headings = [h.strip() for h in main.locator("section.publik-iku h3 .kode").all_inner_texts()]
    assert headings == [KODE]  # IKU-3A was only submitted; the others are drafts
    section = main.locator(
        f"section#iku-{KODE.lower()}, section[aria-labelledby=iku-{KODE.lower()}]"
    )
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[periode.triwulan]
    assert f"Triwulan {roman}: disetujui" in section.inner_text()
    html = page.content()
    for nik in Ppks.objects.values_list("orang__nik", flat=True)[:200]:
        assert not nik or nik not in html
    for nama in Ppks.objects.values_list("orang__nama", flat=True)[:200]:
        assert f">{nama}<" not in html
    shot(page, artifacts_dir, "e-publik")

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, artifacts_dir, "e-publik-ponsel")


# -- (f) a wrong role is turned away --------------------------------------------------------------
def test_wrong_role_is_turned_away(page, users, demo, artifacts_dir):
    periode = demo
    login(page, "staf_pemberdayaan")
    response = page.goto("/registri/unggah/layanan/")
    assert response.status == 403
    assert "Akses ditolak" in page.title()
    assert "Jenis data ini milik bidang lain." in page.get_by_role("alert").inner_text()
    shot(page, artifacts_dir, "f1-403-unggah")

    advance(users, periode, "submit")
    page.context.clear_cookies()
    login(page, "auditor")
    page.goto(f"/kinerja/iku/{KODE}/{periode.label}/")
    main = page.locator("main")
    assert KODE in main.inner_text()
    assert (
        main.locator("a.button", has_text=re.compile("Ajukan|Verifikasi|Setujui|Buka")).count() == 0
    )
    response = page.goto(f"/kinerja/iku/{KODE}/{periode.label}/verify/")
    assert response.status == 403
    shot(page, artifacts_dir, "f2-auditor-403")
    assert Persetujuan.objects.of_period(KODE, periode.tahun, periode.triwulan).get().status == (
        Status.SUBMITTED
    )
