"""Must show (issue 15): the whole journey in chromium. The Perencana creates the Renstra and
imports its tree, a staf types a quarter's value with a PDF as evidence, the Kepala Bidang verifies,
the Kepala Dinas approves; the frozen value and evidence hash survive a later edit attempt. The tree
page is screenshotted at 1366 and 390 px into docs/img/ for docs/kinerja-sakip.md."""

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PASSWORD
from kinerja.sakip.models import IndikatorKinerja, Realisasi

from .conftest import INDIKATOR, PDF, POHON, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS_IMG = Path(__file__).resolve().parents[3] / "docs" / "img"


def _open_as(browser, live_server, username: str, width: int = 1366):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")
    return page


def test_tree_journey(browser, live_server, seeded_transactional_db, users, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    tree_file = tmp_path / "pohon.xlsx"
    tree_file.write_bytes(xlsx_bytes(POHON, INDIKATOR))
    pdf = tmp_path / "rekap-triwulan-1.pdf"
    pdf.write_bytes(PDF)

    # The Perencana creates the Renstra and imports its tree.
    p = _open_as(browser, live_server, "perencana")
    p.get_by_role("link", name="Pohon kinerja").first.click()
    p.get_by_role("link", name="Kelola Renstra dan impor pohon").click()
    p.get_by_label("Nama", exact=True).fill("Renstra Dinas Sosial")
    p.get_by_label("Tahun awal").fill("2021")
    p.get_by_label("Tahun akhir").fill("2026")
    p.get_by_role("button", name="Buat Renstra").click()
    p.get_by_label("File XLSX").set_input_files(str(tree_file))
    p.get_by_role("button", name="Impor").click()
    assert p.locator("#dibaca").inner_text() == "10" and p.locator("#ditolak").inner_text() == "0"
    p.context.close()

    ip1 = IndikatorKinerja.objects.get(kode="IP-1")
    url = f"/kinerja/pohon/indikator/{ip1.pk}/?tahun=2025"

    # A staf of the responsible Bidang types quarter 1 with a PDF and submits it.
    s = _open_as(browser, live_server, "staf_rehabilitasi")
    s.goto(url)
    q1 = s.locator("#periode-1")
    q1.get_by_label("Realisasi (orang)").fill("150")
    q1.get_by_label("Bukti dukung (PDF, PNG, JPG, XLSX, DOCX)").set_input_files(str(pdf))
    q1.get_by_label("Catatan").fill("Rekap kegiatan triwulan I")
    q1.get_by_role("button", name="Simpan realisasi").click()
    s.locator("#periode-1").get_by_role("button", name="Ajukan").click()
    assert "Diajukan" in s.locator("#periode-1").inner_text()

    # The Kepala Bidang verifies, the Kepala Dinas approves.
    for username, button in (
        ("kabid_rehabilitasi", "Verifikasi"),
        ("kadis", "Setujui dan bekukan"),
    ):
        page = _open_as(browser, live_server, username)
        page.goto(url)
        page.locator("#periode-1").get_by_role("button", name=button).click()
        page.context.close()
    row = Realisasi.objects.get(indikator=ip1, tahun=2025, periode=1)
    assert (row.status, row.beku_nilai) == ("approved", Decimal(150))
    assert row.beku_bukti[0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    frozen_hash = row.beku_hash

    # A later edit attempt: no form any more, and a forged POST is refused.
    s.goto(url)
    section = s.locator("#periode-1")
    assert section.locator(".beku-hash").inner_text() == frozen_hash
    assert section.locator("input[name=nilai]").count() == 0
    token = next(c["value"] for c in s.context.cookies() if c["name"] == "csrftoken")
    forged = s.request.post(
        f"/kinerja/pohon/indikator/{ip1.pk}/2025/1/",
        form={"nilai": "999", "catatan": "ubah"},
        headers={"X-CSRFToken": token, "Referer": live_server.url + url},
    )
    assert forged.status == 400 and "sudah disetujui dan dibekukan" in forged.text()
    row.refresh_from_db()
    assert (row.nilai, row.beku_nilai, row.beku_hash) == (Decimal(150), Decimal(150), frozen_hash)
    s.context.close()

    # The tree page, at desktop and phone width: the tree scrolls inside a focusable region.
    for width, name in ((1366, "pohon-kinerja-desktop.png"), (390, "pohon-kinerja-ponsel.png")):
        page = _open_as(browser, live_server, "auditor", width)
        errors: list[str] = []
        page.on(
            "console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None
        )
        page.goto("/kinerja/pohon/?tahun=2025")
        assert errors == []  # nothing refused by the CSP (no inline style or script)
        assert "IP-1: 75,00 % sedang" in page.locator("svg").inner_html()
        region = page.get_by_role("region", name="Pohon kinerja (dapat digulir)")
        region.focus()
        assert page.evaluate("document.activeElement.classList.contains('pohon-gulir')")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(DOCS_IMG / name), full_page=False)
        if width == 1366:
            page.locator("svg a").nth(2).click()
            page.wait_for_url("**/kinerja/pohon/simpul/**")
            assert "Program Rehabilitasi Sosial" in page.locator("h1").inner_text()
        page.context.close()
