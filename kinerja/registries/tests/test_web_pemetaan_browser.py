"""Real chromium (issue 14 "Must show"): a clerk of Rehabilitasi Sosial uploads a SIKS-NG PPKS export
with two JENIS PPKS labels the built-in mapping does not know, codes them on screen, saves the mapping,
imports, and opens the XLSX rejects. The mapping screens are photographed at 1366 and 390 px (the
pictures of docs/impor.md, "Mengunggah lewat web", are these files)."""

import io
import re

import openpyxl
import pytest

from conftest import PASSWORD
from kinerja.registries.models import Impor, Pemetaan, Ppks
from kinerja.registries.tests.pemetaan_files import CODES, SIKS_HEADER, nik_terbuka, siks_ppks_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _shots(page, path_wide: str, path_phone: str) -> None:
    page.set_viewport_size(PHONE)
    page.screenshot(path=path_phone, full_page=True)
    page.set_viewport_size(WIDE)
    page.screenshot(path=path_wide, full_page=True)


def test_clerk_maps_two_unknown_labels_saves_the_mapping_imports_and_opens_the_rejects(
    page, users, settings, tmp_path, artifacts_dir
):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    export = tmp_path / "siks-ng ppks maret.xlsx"
    export.write_bytes(siks_ppks_xlsx())
    page.set_viewport_size(WIDE)
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("staf_rehabilitasi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_url("**/beranda/")

    page.goto("/registri/unggah/ppks/")
    page.get_by_label("File CSV atau XLSX").set_input_files(str(export))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.wait_for_url("**/pemetaan/")  # not the template's header: the mapping screen
    main = page.locator("main")
    assert "Judul kolom file ini cocok dengan pemetaan siks-ppks" in main.inner_text()
    assert page.get_by_role("radio", name=re.compile("Daftar PPKS")).is_checked()
    assert "KOMET · PALAM · GUNTUNG PAYUNG" in main.inner_text()
    assert not nik_terbuka(page.content())
    _shots(
        page, f"{artifacts_dir}/unggah-pemetaan.png", f"{artifacts_dir}/unggah-pemetaan-ponsel.png"
    )

    page.get_by_role("button", name="Pakai pemetaan ini").click()
    page.wait_for_url("**/label/")
    rows = page.locator("table.label-table tbody tr")
    assert rows.count() == 2
    for label, code in CODES.items():
        page.get_by_label(label, exact=True).select_option(code)
    assert page.get_by_label("Simpan sebagai pemetaan bernama").input_value() == "siks-ppks"
    _shots(page, f"{artifacts_dir}/unggah-label.png", f"{artifacts_dir}/unggah-label-ponsel.png")
    assert not Pemetaan.objects.exists() and not Ppks.objects.exists()

    page.get_by_role("button", name="Simpan pemetaan dan periksa file").click()
    page.wait_for_url("**/pratinjau/")
    page.get_by_text("Pemetaan siks-ppks versi 1 tersimpan.").wait_for()
    text = page.locator("main").inner_text()
    assert "Dibaca melalui pemetaan" in text and "Akan ditolak\n3" in text
    assert page.locator("table.dipetakan tr.ditolak").count() == 3
    assert not nik_terbuka(page.content())
    page.screenshot(path=f"{artifacts_dir}/unggah-pratinjau-pemetaan.png", full_page=True)

    page.get_by_role("button", name="Simpan baris yang diterima").click()
    page.wait_for_url("**/proses/")
    page.get_by_text("Impor selesai.").wait_for()
    impor = Impor.objects.get(uji_coba=False)
    assert (impor.pemetaan, impor.pemetaan_versi) == ("siks-ppks", 1)
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (7, 4, 3)
    assert Ppks.objects.count() == 4

    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh baris yang ditolak (dengan alasannya)").click()
    download = info.value
    assert download.suggested_filename == "siks-ng ppks maret.rejected.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes())).active
    table = list(sheet.iter_rows())
    assert [c.value for c in table[0]] == [*SIKS_HEADER, "baris", "alasan_ditolak"]
    assert [(r[1].value, r[10].value) for r in table[1:]] == [
        ("1234", "5"), ("6372041506800013", "6"), ("6372042007750015", "7")
    ]  # fmt: skip
    assert all(r[1].data_type == "s" and r[2].data_type == "s" for r in table[1:])  # text cells
    reasons = [r[11].value for r in table[1:]]
    assert "NIK" in reasons[0] and "SUKAMAJU" in reasons[1] and "TANGGAL PENDATAAN" in reasons[2]
