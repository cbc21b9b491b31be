"""Uploads: XLSX template, preview (nothing saved), background import, result and rejects download."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AksesDataPribadi
from kinerja.registries.models import Impor, Layanan, Orang, Ppks
from kinerja.registries.tests.web_fixtures import ROLES, data  # noqa: F401

PPKS_CSV = (
    "nik;nama;jenis_ppks;tanggal_daftar;kode_wilayah\n"
    "6372046304920005;Rina;anak_telantar;05/01/2024;6372041003\n"
    "1234;Salah;anak_telantar;2024-01-05;63.72.04.1003\n"
    "6372041208900009;Tono;bukan_jenis;2024-01-05;63.72.04.1003\n"
)
NIK_KK = re.compile(r"\b\d{16}\b")
UPLOADERS = {
    "ppks": {"admin", "staf_rehabilitasi", "kabid_rehabilitasi"},
    "psks": {"admin", "staf_pemberdayaan", "kabid_pemberdayaan"},
    "korban": {"admin", "staf_linjamsos", "kabid_linjamsos"},
    "layanan": {"admin", "staf_rehabilitasi", "kabid_rehabilitasi", "staf_linjamsos",
                "kabid_linjamsos"},
}  # fmt: skip


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def _file(text: str, name: str = "ppks.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def _upload(client, kind: str, text: str, name: str = "data.csv"):
    r = client.post(reverse("registri:unggah_form", args=[kind]), {"file": _file(text, name)})
    assert r.status_code == 302, r.content.decode()[:2000]
    return r["Location"]


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for url in (
        reverse("registri:unggah_index"),
        reverse("registri:unggah_form", args=["ppks"]),
        reverse("registri:unggah_template", args=["ppks"]),
        reverse("registri:unggah_pratinjau", args=["ppks", "abc"]),
        reverse("registri:unggah_proses", args=["ppks", "abc"]),
    ):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert client.post(reverse("registri:unggah_tolakan", args=[1])).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(UPLOADERS))
def test_upload_form_per_role(client, users, kind):
    url = reverse("registri:unggah_form", args=[kind])
    for role in ROLES:
        client.force_login(users[role])
        r = client.get(url)
        assert r.status_code == (200 if role in UPLOADERS[kind] else 403), (role, kind)
        if r.status_code == 200:
            assert "Unduh templat XLSX" in r.content.decode()


@pytest.mark.django_db
def test_index_lists_the_kinds_of_the_bidang(client, users):
    client.force_login(users["staf_linjamsos"])
    html = client.get(reverse("registri:unggah_index")).content.decode()
    for kind in ("dtks", "layanan", "bencana", "korban"):
        assert reverse("registri:unggah_form", args=[kind]) in html
    assert reverse("registri:unggah_form", args=["ppks"]) not in html
    client.force_login(users["auditor"])
    assert "tidak mengunggah" in client.get(reverse("registri:unggah_index")).content.decode()


@pytest.mark.django_db
def test_unknown_kind_is_404(client, users):
    client.force_login(users["admin"])
    assert client.get(reverse("registri:unggah_form", args=["target"])).status_code == 404
    assert client.get(reverse("registri:unggah_form", args=["apa"])).status_code == 404


@pytest.mark.django_db
def test_xlsx_template_has_header_example_dropdowns_and_explanation(client, users):
    client.force_login(users["staf_rehabilitasi"])
    r = client.get(reverse("registri:unggah_template", args=["ppks"]))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="templat-ppks.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["data", "kode", "penjelasan"]
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert {"nik", "id_lokal", "nama", "jenis_ppks", "tanggal_daftar", "lokasi"} <= set(header)
    example = dict(zip(header, [c.value for c in sheet[2]], strict=False))
    assert example["jenis_ppks"] == "penyandang_disabilitas"
    assert example["nik"] == "6372041208900001"  # text, not a number
    validations = sheet.data_validations.dataValidation
    assert any(v.type == "list" and "kode!" in v.formula1 for v in validations)
    codes = [c.value for c in book["kode"]["A"] if c.value] + [
        c.value for row in book["kode"].iter_cols() for c in row if c.value
    ]
    assert "anak_telantar" in codes
    info = book["penjelasan"]
    assert info["A1"].value == "Kolom" and info["C1"].value == "Penjelasan"
    assert any(row[0].value == "jenis_ppks" for row in info.iter_rows())
    # Reading the template is a view right: auditors may download it, other Bidang may not.
    client.force_login(users["auditor"])
    assert client.get(reverse("registri:unggah_template", args=["ppks"])).status_code == 200
    client.force_login(users["staf_pemberdayaan"])
    assert client.get(reverse("registri:unggah_template", args=["ppks"])).status_code == 403


@pytest.mark.django_db
def test_preview_saves_nothing_then_import_runs_and_rejects_are_downloadable(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "ppks", PPKS_CSV, "ppks maret.csv")
    r = client.get(pratinjau)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Belum ada yang disimpan" in html
    assert "Rina" in html and "6372********0005" in html and "6372046304920005" not in html
    assert "harus 16 digit angka" in html
    assert r.context["preview"]["accepted"] == 1
    assert r.context["preview"]["rejected"] == 2
    assert not NIK_KK.search(html)
    assert not Orang.objects.exists() and not Impor.objects.exists()

    r = client.post(pratinjau)
    proses = r["Location"]
    assert proses.endswith("/proses/")
    r = client.get(proses)
    html = r.content.decode()
    assert "Impor selesai." in html
    impor = Impor.objects.get()
    assert (impor.baris_dibaca, impor.diterima, impor.ditolak) == (3, 1, 2)
    assert impor.nama_file == "ppks maret.csv" and impor.pengguna == users["staf_rehabilitasi"]
    assert Ppks.objects.get().orang.nama == "Rina"

    # Posting the preview again does not import twice.
    client.post(pratinjau)
    assert Impor.objects.count() == 1

    r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))
    body = b"".join(r.streaming_content).decode("utf-8-sig")
    assert r["Content-Disposition"].startswith('attachment; filename="ppks maret.rejected.csv"')
    assert "harus 16 digit angka" in body and "Tono" in body
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "ekspor" and log.jumlah == 2


@pytest.mark.django_db
def test_progress_fragment_for_htmx(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "ppks", PPKS_CSV)
    proses = client.post(pratinjau)["Location"]
    r = client.get(proses, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert r["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_unusable_file_is_explained_and_cannot_be_saved(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "ppks", "nama;tanggal_daftar\nRina;2024-01-01\n")
    html = client.get(pratinjau).content.decode()
    assert "File tidak dapat dipakai" in html
    assert "jenis_ppks" in html
    assert "Simpan" not in html


@pytest.mark.django_db
def test_bad_upload_input(client, users):
    client.force_login(users["staf_rehabilitasi"])
    url = reverse("registri:unggah_form", args=["ppks"])
    r = client.post(url, {})
    assert "Pilih file untuk diunggah." in r.content.decode()
    r = client.post(url, {"file": SimpleUploadedFile("data.pdf", b"%PDF-1.4")})
    assert "File harus berformat CSV atau XLSX." in r.content.decode()
    assert not Impor.objects.exists()


@pytest.mark.django_db
def test_someone_elses_upload_token_is_404(client, users):
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "ppks", PPKS_CSV)
    client.force_login(users["kabid_rehabilitasi"])  # a new session
    assert client.get(pratinjau).status_code == 404


@pytest.mark.django_db
def test_layanan_file_with_another_bidang_rows_is_refused(client, users, data):  # noqa: F811
    text = (
        "nik,jenis_layanan,tanggal,kode_kejadian\n"
        "6372041208900001,permakanan,2024-05-01,\n"
        "6372041208900001,bansos_keluarga,2024-05-01,\n"
        "6372045502850002,permakanan,2024-01-11,BJR-2024-01\n"
    )
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "layanan", text)
    r = client.get(pratinjau)
    html = r.content.decode()
    assert "milik bidang lain (baris 3, 4)" in html
    assert not r.context["can_save"]
    before = Layanan.objects.count()
    client.force_login(users["admin"])
    pratinjau = _upload(client, "layanan", text)
    assert client.get(pratinjau).context["can_save"]
    client.post(pratinjau)
    assert Layanan.objects.count() == before + 2  # the third row is already registered
