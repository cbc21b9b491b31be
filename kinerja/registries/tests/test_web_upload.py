"""Uploads: XLSX template, preview (nothing saved), background import, result and rejects download."""

import io
import re
from pathlib import Path

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


# -- issue 12: the POST that acts checks again; rejects only for their uploader, kabid, admin ------
LAYANAN_MIXED = (
    "nik,jenis_layanan,tanggal,kode_kejadian\n"
    "6372041208900001,permakanan,2024-05-01,\n"
    "6372041208900001,bansos_keluarga,2024-05-01,\n"
)
LAYANAN_REHAB = (
    "nik,nama,jenis_kelamin,tanggal_lahir,no_kk,kode_wilayah,jenis_layanan,tanggal\n"
    "6372046304920005,Rina,P,1992-04-23,6372041234567890,63.72.04.1003,permakanan,2024-05-01\n"
    "6372041208900009,Tono,L,1990-08-12,6372049876543210,63.72.04.1003,pijat,2024-05-01\n"
)


@pytest.mark.django_db
def test_direct_post_of_another_bidangs_layanan_rows_is_refused(client, users, data):  # noqa: F811
    """Issue 12 row 2: the save URL posted without opening the preview imports nothing (D22, D69)."""
    client.force_login(users["staf_rehabilitasi"])
    before = Layanan.objects.count()
    pratinjau = _upload(client, "layanan", LAYANAN_MIXED)
    r = client.post(pratinjau)  # straight to "Simpan", no GET of the preview
    assert r.status_code == 403
    assert "milik bidang lain" in r.content.decode()
    assert Layanan.objects.count() == before
    assert not Impor.objects.filter(uji_coba=False).exists()
    # The same file from the Bidang-less admin is saved (both rows are its to write).
    client.force_login(users["admin"])
    pratinjau = _upload(client, "layanan", LAYANAN_MIXED)
    assert client.post(pratinjau).status_code == 302
    assert Layanan.objects.count() == before + 2


@pytest.mark.django_db
def test_worker_checks_d22_itself_before_importing(users, data, tmp_path):  # noqa: F811
    """The task that writes refuses another Bidang's rows even when no page checked them."""
    from kinerja.registries.tasks import import_file

    path = tmp_path / "layanan.csv"
    path.write_text(LAYANAN_MIXED, encoding="utf-8")
    before = Layanan.objects.count()
    out = import_file.call(
        "layanan", str(path), users["staf_rehabilitasi"].pk, "layanan.csv", str(tmp_path / "t.csv")
    )
    impor = Impor.objects.get(pk=out["impor_id"])
    assert impor.status == Impor.Status.GAGAL and impor.diterima == 0
    assert "milik bidang lain (baris 3)" in impor.pesan
    assert Layanan.objects.count() == before


@pytest.mark.django_db
def test_post_to_save_rechecks_the_upload_right(client, users):
    """A role that may not upload the kind is refused on the POST, as on the GET."""
    client.force_login(users["staf_rehabilitasi"])
    pratinjau = _upload(client, "ppks", PPKS_CSV)
    users["staf_rehabilitasi"].role = "auditor"
    users["staf_rehabilitasi"].save()
    assert client.post(pratinjau).status_code == 403
    assert not Impor.objects.filter(uji_coba=False).exists()


def _import_with_rejects(client, user, kind: str = "layanan", text: str = LAYANAN_REHAB) -> Impor:
    client.force_login(user)
    pratinjau = _upload(client, kind, text, "layanan mei.csv")
    client.post(pratinjau)
    impor = Impor.objects.get(uji_coba=False)
    assert impor.ditolak == 1 and impor.file_tolakan
    return impor


def _download(client, impor: Impor):
    return client.post(reverse("registri:unggah_tolakan", args=[impor.pk]))


def _body(r) -> str:
    raw = b"".join(r.streaming_content) if r.streaming else r.content
    return raw.decode("utf-8-sig")


@pytest.mark.django_db
def test_rejects_reachable_only_by_uploader_kabid_and_admin(client, users, make_user):
    """Issue 12 rows 3 and 4: rejects are the uploader's, their Bidang's kabid's and the admin's;
    everyone else gets 404 by id (no hint that the id exists), and nothing with a NIK."""
    impor = _import_with_rejects(client, users["staf_rehabilitasi"])
    colleague = make_user("staf_rehabilitasi_2", "staf", "rehabilitasi")
    for role in ROLES:
        client.force_login(users[role])
        r = _download(client, impor)
        body = _body(r)
        if role in ("staf_rehabilitasi", "kabid_rehabilitasi", "admin"):
            assert r.status_code == 200, role
            assert "6372041208900009" in body and "Tono" in body  # D3: the uploader fixes rows
        else:
            assert r.status_code == 404, role
            assert not NIK_KK.search(body) and "Tono" not in body, role
    client.force_login(colleague)
    r = _download(client, impor)
    assert r.status_code == 404 and not NIK_KK.search(_body(r))
    assert AksesDataPribadi.objects.filter(jenis="ekspor").count() == 3  # every download logged


@pytest.mark.django_db
def test_rejects_of_another_bidangs_layanan_upload_by_id_is_404(client, users):
    """Issue 12 row 4: on main, staf and kabid of Linjamsos (who read layanan) downloaded the
    rejects of Rehabilitasi's layanan upload by its sequential id."""
    impor = _import_with_rejects(client, users["staf_rehabilitasi"])
    for role in ("staf_linjamsos", "kabid_linjamsos"):
        client.force_login(users[role])
        r = _download(client, impor)
        assert r.status_code == 404, role
        assert not NIK_KK.search(_body(r))
    assert not AksesDataPribadi.objects.exists()
    html = client.get(reverse("registri:unggah_index")).content.decode()
    assert "layanan mei.csv" in html  # the import is listed (counts are not personal)...
    assert reverse("registri:unggah_tolakan", args=[impor.pk]) not in html  # ...its file is not
    client.force_login(users["kabid_rehabilitasi"])
    html = client.get(reverse("registri:unggah_index")).content.decode()
    assert reverse("registri:unggah_tolakan", args=[impor.pk]) in html  # the uploader's kabid


@pytest.mark.django_db
def test_rejects_masked_for_a_reachable_reader_without_d3(client, users):
    """The uploader who has since become perencana (no D3) gets the rows with NIK and KK masked."""
    impor = _import_with_rejects(client, users["staf_rehabilitasi"])
    user = users["staf_rehabilitasi"]
    user.role = "perencana"
    user.save()
    client.force_login(user)
    r = _download(client, impor)
    body = _body(r)
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith('attachment; filename="layanan mei.rejected.csv"')
    assert not NIK_KK.search(body), body
    assert "6372********0009" in body and "6372********3210" in body and "Tono" in body
    assert "pijat" in body  # the reason is still there
    log = AksesDataPribadi.objects.get()
    assert log.jenis == "ekspor" and log.jumlah == 1 and "disamarkan" in log.objek


@pytest.mark.django_db
def test_rejects_download_bad_input(client, users):
    client.force_login(users["admin"])
    assert client.post(reverse("registri:unggah_tolakan", args=[999999])).status_code == 404
    impor = _import_with_rejects(client, users["staf_rehabilitasi"])
    client.force_login(users["staf_rehabilitasi"])
    assert client.get(reverse("registri:unggah_tolakan", args=[impor.pk])).status_code == 405
    Path(impor.file_tolakan).unlink()  # gone after the retention period
    r = client.post(reverse("registri:unggah_tolakan", args=[impor.pk]), follow=True)
    assert "sudah dihapus" in r.content.decode()
    assert not AksesDataPribadi.objects.exists()


def test_upload_form_refuses_a_file_beyond_the_import_limit(client, users, settings):
    """The web form and `kinerja import` share one size limit (KINERJA_IMPOR_MAKS_MB)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.KINERJA_IMPOR_MAKS_MB = 0
    client.force_login(users["staf_rehabilitasi"])
    f = SimpleUploadedFile("ppks.csv", b"id_lokal,nama\nR-1,Ani\n", content_type="text/csv")
    html = client.post("/registri/unggah/ppks/", {"file": f}).content.decode()
    assert "File terlalu besar (maksimal 0 MB" in html
