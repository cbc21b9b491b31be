"""In chromium: the Perencana uploads a file to a criterion through the page's form, sees it verified,
downloads it; once the file is altered on disk the page says so and the download is refused; the
Perencana then withdraws it with a reason.
The criterion page is screenshotted into docs/img/ for docs/evaluasi-sakip.md."""

import hashlib
from pathlib import Path

import pytest

from conftest import PASSWORD
from kinerja.evaluasi.models import Bukti, Kriteria, Lke
from kinerja.evaluasi.services.jawaban import evaluasi_tahun
from kinerja.evaluasi.services.lke_data import lke_bawaan, lke_muat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS_IMG = Path(__file__).resolve().parents[3] / "docs" / "img"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_upload_verify_download_and_tampering(
    browser, live_server, seeded_transactional_db, users, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    if not Lke.objects.exists():  # an earlier transactional test's flush took the worksheet
        lke_muat(lke_bawaan())
    evaluasi = evaluasi_tahun(2025)
    kriteria = Kriteria.objects.get(
        sub_komponen__kode="3.a", nomor=1, sub_komponen__komponen__lke=evaluasi.lke
    )
    pdf = tmp_path / "LKjIP 2025.pdf"
    pdf.write_bytes(PDF)

    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 1366, "height": 900}
    )
    p = context.new_page()
    p.goto("/masuk/")
    p.get_by_label("Nama pengguna").fill("perencana")
    p.get_by_label("Kata sandi").fill(PASSWORD)
    p.get_by_role("button", name="Masuk").last.click()
    p.wait_for_url("**/beranda/")
    p.goto(f"/evaluasi/2025/kriteria/{kriteria.pk}/")
    p.get_by_label("Berkas bukti (PDF, PNG, JPG, XLSX, DOCX; paling besar 10 MB)").set_input_files(
        str(pdf)
    )
    p.get_by_role("button", name="Unggah berkas", exact=True).click()
    assert "Berkas LKjIP 2025.pdf diunggah sebagai bukti." in p.content()
    item = p.locator("ul.bukti li").first
    assert "terverifikasi" in item.inner_text()
    assert hashlib.sha256(PDF).hexdigest() in item.inner_text()
    p.screenshot(path=str(DOCS_IMG / "lke-bukti-berkas.png"), full_page=True)

    with p.expect_download() as info:
        item.get_by_role("link", name="LKjIP 2025.pdf").click()
    download = info.value
    assert download.suggested_filename == "LKjIP 2025.pdf"
    assert Path(download.path()).read_bytes() == PDF

    bukti = Bukti.objects.get()
    (settings.MEDIA_ROOT / "bukti" / bukti.berkas).write_bytes(PDF + b"% diubah\n")
    p.reload()
    text = p.locator("ul.bukti li").first.inner_text()
    assert "tidak terverifikasi" in text and "isi berkas telah berubah" in text
    assert p.locator("ul.bukti li").first.get_by_role("link").count() == 0
    response = p.goto(f"/evaluasi/bukti/{bukti.pk}/unduh/")
    assert response is not None and response.status == 409
    assert "tidak dapat diunduh" in p.content()

    # The altered file is withdrawn with a reason (D273); the trail keeps it, the list is empty.
    p.goto(f"/evaluasi/2025/kriteria/{kriteria.pk}/")
    p.get_by_label("Alasan pencabutan").fill("berkas di server berubah")
    p.get_by_role("button", name="Cabut bukti").click()
    assert "Bukti dicabut" in p.content() and "Belum ada bukti." in p.content()
    assert not Bukti.objects.exists()
    context.close()
