"""The Renstra Perubahan in chromium (D253): the Perencana makes it from the Renstra page, the tree
page then shows the old version for the years before and the new one from its first year; both pages
pass axe at 1366 and 390 px."""

from io import BytesIO

import pytest

from kinerja.sakip.models import Renstra
from kinerja.sakip.services.impor import pohon_impor
from kinerja.sakip.services.renstra import renstra_create
from kinerja.web.tests.test_browser_axe import WIDTHS, audit, axe_page, login, overflow

from .conftest import INDIKATOR, POHON, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["axe_page"]  # the fixture, used by name


def test_renstra_perubahan_in_the_browser(axe_page, users):
    v1 = renstra_create(
        nama="Renstra Dinas Sosial", periode_awal=2021, periode_akhir=2026, user=users["perencana"]
    )
    pohon_impor(renstra=v1, source=BytesIO(xlsx_bytes(POHON, INDIKATOR)), user=users["perencana"])
    page = axe_page
    login(page, "perencana")
    page.goto("/kinerja/pohon/renstra/")
    page.get_by_text("Buat Renstra Perubahan", exact=True).first.click()
    page.get_by_label("Berlaku mulai tahun").fill("2025")
    page.get_by_label("Alasan perubahan").fill("Perubahan RPJMD")
    page.get_by_role("button", name="Buat Renstra Perubahan").click()
    page.wait_for_url("**/kinerja/pohon/renstra/")
    assert "berlaku mulai 2025" in page.content()
    v2 = Renstra.objects.get(versi=2)
    assert v2.menggantikan == v1 and v2.simpul.count() == 6

    page.goto("/kinerja/pohon/?tahun=2024")
    assert "Renstra Dinas Sosial (2021–2026)" in page.locator("h1").inner_text()
    page.goto("/kinerja/pohon/?tahun=2025")
    assert "(Perubahan, versi 2)" in page.locator("h1").inner_text()

    failures = []
    paths = [
        "/kinerja/pohon/renstra/",
        "/kinerja/pohon/?tahun=2025",
        f"/kinerja/pohon/?renstra={v1.pk}&tahun=2025",
    ]
    for path in paths:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(path)
            for details in page.locator("details").all():
                details.evaluate("e => { e.open = true; }")
            failures += [f"{path} @{width}: {v}" for v in audit(page)]
            if width == 390 and (dx := overflow(page)) > 0:
                failures.append(f"{path} @390: scrolls {dx} px sideways")
    assert failures == [], "\n".join(failures)
