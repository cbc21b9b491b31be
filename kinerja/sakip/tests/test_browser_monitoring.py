"""Must show (issue 15 item 4): the monitoring page of a Bidang in chromium, as its staf sees it (one
action form per quarter), at 1366 and 390 px, screenshotted into docs/img/ for docs/kinerja-sakip.md.
A quarter on track, one off track, late ones and an action already typed."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PASSWORD
from kinerja.sakip.models import IndikatorKinerja, Realisasi, TindakLanjut
from kinerja.sakip.services.pk import pk_approve, pk_draft

from .pk_data import jabatan_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS_IMG = Path(__file__).resolve().parents[3] / "docs" / "img"


def test_monitoring_page_in_the_browser(
    browser, live_server, seeded_transactional_db, users, jabatan, tree
):
    for key in ("kadis", "kabid", "kasi"):
        pk_approve(
            pk=pk_draft(jabatan=jabatan[key], tahun=2025, user=users["perencana"]),
            user=users["kadis"],
        )
    ip1 = IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")
    for q, v in ((1, 40), (2, 50)):
        Realisasi.objects.create(indikator=ip1, tahun=2025, periode=q, nilai=Decimal(v))
    TindakLanjut.objects.create(
        indikator=ip1, tahun=2025, triwulan=2, diisi_oleh=users["staf_rehabilitasi"],
        uraian="Penjangkauan PPKS ditambah di Landasan Ulin dan Liang Anggang",
    )  # fmt: skip

    for width, name in ((1366, "pemantauan-desktop.png"), (390, "pemantauan-ponsel.png")):
        context = browser.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill("staf_rehabilitasi")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").last.click()
        page.wait_for_url("**/beranda/")
        errors: list[str] = []
        page.on(
            "console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None
        )
        page.goto("/kinerja/pohon/monitoring/?tahun=2025&bidang=rehabilitasi")
        assert errors == []  # nothing refused by the CSP
        assert page.locator("td.meleset").count() == 1 and page.locator("td.terlambat").count() == 6
        assert page.locator("textarea[name=uraian]").count() == 8
        assert "Liang Anggang" in page.locator("#tl-" + _pk_dom(page) + "-2").input_value()
        region = page.get_by_role("region", name="Kepala Bidang Rehabilitasi Sosial")
        region.focus()
        assert page.evaluate("document.activeElement.classList.contains('tabel-gulir')")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the box scrolls
        page.evaluate("document.activeElement.blur()")
        page.screenshot(path=str(DOCS_IMG / name), full_page=True)
        if width == 1366:  # the action is saved from the page, its own quarter only
            box = page.locator(f"#tl-{_pk_dom(page)}-1")
            box.fill("Rapat koordinasi dengan kecamatan")
            box.locator("xpath=..").get_by_role("button", name="Simpan").click()
            page.wait_for_url("**/monitoring/?tahun=2025&bidang=rehabilitasi")
            assert "Tindak lanjut IP-1 triwulan 1 disimpan." in page.locator("body").inner_text()
            saved = dict(TindakLanjut.objects.values_list("triwulan", "uraian"))
            assert saved[1] == "Rapat koordinasi dengan kecamatan"
            assert "Liang Anggang" in saved[2]
        context.close()


def _pk_dom(page) -> str:
    """`<PK id>-<indicator id>` of IP-1's row in the Kepala Bidang's block (the first form)."""
    first = page.locator("textarea[name=uraian]").first.get_attribute("id") or ""
    return first.removeprefix("tl-").rsplit("-", 1)[0]
