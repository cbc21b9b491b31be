"""Uploaded files as LKE evidence (D230): the shared evidence-file store, verified on every opening.

Each new view as anonymous, wrong role, right role and with bad input; a file altered on disk no
longer verifies and is not served; a closed year refuses the upload.
"""

import base64
import hashlib
import io
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AksesDataPribadi, AuditEntry
from kinerja.evaluasi.models import Bukti, Jawaban, JenisBukti, Kriteria, Rekomendasi
from kinerja.evaluasi.services.bukti import tautkan
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, tutup
from kinerja.evaluasi.services.tindak_lanjut import lhe_simpan, rekomendasi_tambah
from kinerja.reports.services import render_document

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


def _zip(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(part, "<x/>")
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def kriteria(db, media):
    evaluasi = evaluasi_tahun(2025)
    return Kriteria.objects.get(
        sub_komponen__kode="3.a", nomor=1, sub_komponen__komponen__lke=evaluasi.lke
    )


def unggah_url(k) -> str:
    return f"/evaluasi/2025/kriteria/{k.pk}/berkas/"


def unduh_url(b) -> str:
    return f"/evaluasi/bukti/{b.pk}/unduh/"


def files(media: Path) -> list[Path]:
    return list((media / "bukti").glob("*")) if (media / "bukti").exists() else []


@pytest.fixture
def diunggah(client, users, kriteria):
    client.force_login(users["perencana"])
    response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile("lkjip.pdf", PDF)})
    assert response.status_code == 302
    client.logout()
    return Bukti.objects.get()


def test_anonymous_can_neither_upload_nor_download(client, kriteria, diunggah, media):
    response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile("b.pdf", PDF)})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.get(unduh_url(diunggah))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Bukti.objects.count() == 1 and len(files(media)) == 1
    assert not AksesDataPribadi.objects.filter(jenis="unduh_bukti").exists()


@pytest.mark.parametrize("role", ["kadis", "staf_rehabilitasi", "kabid_linjamsos", "admin"])
def test_readers_cannot_upload(client, users, kriteria, media, role):
    client.force_login(users[role])
    response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile("b.pdf", PDF)})
    assert response.status_code == 403
    assert not Bukti.objects.exists() and not Jawaban.objects.exists() and files(media) == []


@pytest.mark.parametrize("role", ["perencana", "auditor"])
def test_the_sides_upload_and_it_is_recorded_hashed_and_audited(
    client, users, kriteria, media, role
):
    client.force_login(users[role])
    response = client.post(
        unggah_url(kriteria), {"berkas": SimpleUploadedFile("LKjIP 2025.pdf", PDF)}, follow=True
    )
    page = response.content.decode()
    assert "Berkas LKjIP 2025.pdf diunggah sebagai bukti." in page
    bukti = Bukti.objects.get()
    assert (bukti.jenis, bukti.nama_berkas, bukti.hash_tercatat, bukti.ukuran) == (
        JenisBukti.BERKAS,
        "LKjIP 2025.pdf",
        SHA,
        len(PDF),
    )
    assert bukti.jawaban.kriteria == kriteria and bukti.dibuat_oleh == users[role]
    (stored,) = files(media)
    assert stored.name == bukti.berkas and stored.read_bytes() == PDF
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    entry = AuditEntry.objects.get(aksi="lke_bukti_unggah")
    assert entry.objek_id == str(bukti.pk) and entry.sesudah["sha256"] == SHA
    assert entry.nama_pengguna == role
    assert SHA in page and "terverifikasi</strong>: SHA-256 berkas cocok" in page
    assert unduh_url(bukti) in page


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("skrip.exe", b"MZ\x90\x00", "Jenis file &#x27;.exe&#x27; tidak diterima"),
        ("tanpa-ekstensi", PDF, "File tanpa ekstensi tidak diterima"),
        ("palsu.pdf", b"#!/bin/sh\nrm -rf /\n", "tidak sesuai dengan ekstensinya"),
        ("foto.png", PDF, "tidak sesuai dengan ekstensinya"),
        ("tabel.xlsx", _zip("word/document.xml"), "tidak sesuai dengan ekstensinya"),
        ("kosong.pdf", b"", "File kosong tidak diterima"),
        ("besar.pdf", PDF + b"0" * (1024 * 1024), "File terlalu besar: lebih dari 1 MB"),
        (None, None, "Pilih berkas yang akan diunggah"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_kept(
    client, users, kriteria, media, settings, name, body, message
):
    settings.KINERJA_BUKTI_MAKS_MB = 1
    client.force_login(users["perencana"])
    data = {"berkas": SimpleUploadedFile(name, body)} if name else {}
    response = client.post(unggah_url(kriteria), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Bukti.objects.exists() and not Jawaban.objects.exists()
    assert files(media) == [] and not AuditEntry.objects.filter(aksi="lke_bukti_unggah").exists()


def test_office_files_and_images_are_accepted(client, users, kriteria, media):
    client.force_login(users["auditor"])
    for name, body in (
        ("t.xlsx", _zip("xl/workbook.xml")),
        ("d.docx", _zip("word/document.xml")),
        ("f.jpg", b"\xff\xd8\xff\xe0rest"),
        ("g.png", b"\x89PNG\r\n\x1a\nrest"),
    ):
        response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile(name, body)})
        assert response.status_code == 302
    assert sorted(Bukti.objects.values_list("acuan", flat=True)) == ["docx", "jpeg", "png", "xlsx"]


def test_a_bad_year_or_criterion_is_not_found(client, users, kriteria):
    client.force_login(users["perencana"])
    for path in ("/evaluasi/2999/kriteria/1/berkas/", "/evaluasi/2025/kriteria/999999/berkas/"):
        assert client.post(path, {"berkas": SimpleUploadedFile("b.pdf", PDF)}).status_code == 404
    assert client.get(unggah_url(kriteria)).status_code == 405


def test_a_closed_year_refuses_the_upload_until_reopened_with_a_reason(
    client, users, kriteria, media
):
    tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2025))
    for role in ("perencana", "auditor"):
        client.force_login(users[role])
        response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile("b.pdf", PDF)})
        assert response.status_code == 400
        assert "sudah ditutup evaluator" in response.content.decode()
    assert not Bukti.objects.exists() and files(media) == []
    client.post("/evaluasi/2025/buka/", {"alasan": "Dinas menyusulkan bukti LKjIP"})
    client.force_login(users["perencana"])
    response = client.post(unggah_url(kriteria), {"berkas": SimpleUploadedFile("b.pdf", PDF)})
    assert response.status_code == 302 and Bukti.objects.count() == 1


@pytest.mark.parametrize("role", ["perencana", "kadis", "auditor", "admin"])
def test_download_is_verified_an_attachment_and_logged(client, users, diunggah, role):
    client.force_login(users[role])
    response = client.get(unduh_url(diunggah))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="lkjip.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Bukti-Verifikasi"] == "terverifikasi"
    digest = base64.b64encode(hashlib.sha256(PDF).digest()).decode()
    assert response["Repr-Digest"] == f"sha-256=:{digest}:"
    log = AksesDataPribadi.objects.get(jenis="unduh_bukti")
    assert log.nama_pengguna == role
    assert log.objek == f"bukti {diunggah.pk} lkjip.pdf (LKE 2025 3.a.1), SHA-256 terverifikasi"


@pytest.mark.parametrize("role", ["staf_rehabilitasi", "kabid_pemberdayaan"])
def test_bidang_roles_do_not_download_the_worksheets_files(client, users, diunggah, role):
    client.force_login(users[role])
    assert client.get(unduh_url(diunggah)).status_code == 403
    page = client.get(f"/evaluasi/2025/kriteria/{diunggah.jawaban.kriteria_id}/").content.decode()
    assert "lkjip.pdf" in page and unduh_url(diunggah) not in page
    assert not AksesDataPribadi.objects.exists()


def test_download_of_what_is_not_an_uploaded_file_is_not_found(client, users, kriteria):
    client.force_login(users["perencana"])
    client.post(f"/evaluasi/2025/kriteria/{kriteria.pk}/", {"jawaban": "Ya"})  # an audit entry
    link = tautkan(
        user=users["perencana"],
        jawaban=Jawaban.objects.get(),
        jenis=JenisBukti.RANTAI_AUDIT,
        acuan=timezone.localdate().isoformat(),
    )
    assert client.get(unduh_url(link)).status_code == 404
    assert client.get("/evaluasi/bukti/999999/unduh/").status_code == 404


def test_a_file_altered_on_disk_fails_verification_and_is_not_served(
    client, users, diunggah, media
):
    path = media / "bukti" / diunggah.berkas
    path.write_bytes(PDF.replace(b"1.4", b"1.7"))  # same size, other bytes
    client.force_login(users["auditor"])
    page = client.get(f"/evaluasi/2025/kriteria/{diunggah.jawaban.kriteria_id}/").content.decode()
    assert "tidak terverifikasi</strong>: isi berkas telah berubah: SHA-256 tidak lagi sama" in page
    assert unduh_url(diunggah) not in page
    response = client.get(unduh_url(diunggah))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Berkas lkjip.pdf (LKE 2025 3.a.1) tidak dapat diunduh" in body
    assert "isi berkas telah berubah" in body and SHA in body
    assert response["Content-Type"].startswith("text/html")
    assert not AksesDataPribadi.objects.exists()
    path.unlink()
    page = client.get(f"/evaluasi/2025/kriteria/{diunggah.jawaban.kriteria_id}/").content.decode()
    assert "berkas tidak ditemukan lagi di server" in page
    response = client.get(unduh_url(diunggah))
    assert response.status_code == 404
    assert "berkas tidak ditemukan lagi di server" in response.content.decode()


# The follow-up of a recommendation takes files the same way (its Bidang and the Perencana).


@pytest.fixture
def rekomendasi(db, users, media):
    evaluasi = tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2025))
    lhe = lhe_simpan(
        user=users["auditor"],
        evaluasi=evaluasi,
        nomor="700/12/ITKO/2026",
        tanggal=evaluasi.ditutup_pada.date(),
        ringkasan="",
    )
    return rekomendasi_tambah(
        user=users["auditor"],
        lhe=lhe,
        teks="Rencana aksi dipantau tiap triwulan",
        bidang_kode_="rehabilitasi",
        batas_waktu=evaluasi.ditutup_pada.date(),
    )


def test_a_follow_up_takes_a_file_from_its_bidang_and_closes_with_it(
    client, users, rekomendasi, media
):
    url = f"/evaluasi/rekomendasi/{rekomendasi.pk}/"
    upload = {"bagian": "berkas", "berkas": SimpleUploadedFile("notulen.pdf", PDF)}
    assert client.post(url, upload).status_code == 302  # anonymous: to the login
    client.force_login(users["staf_linjamsos"])
    assert client.post(url, upload).status_code == 403
    client.force_login(users["staf_rehabilitasi"])
    response = client.post(url, {"bagian": "berkas", "berkas": SimpleUploadedFile("x.pdf", b"")})
    assert response.status_code == 400 and "File kosong" in response.content.decode()
    assert not Bukti.objects.exists() and files(media) == []
    upload["berkas"] = SimpleUploadedFile("notulen.pdf", PDF)
    assert client.post(url, upload).status_code == 302
    bukti = Bukti.objects.get()
    assert (bukti.rekomendasi, bukti.hash_tercatat) == (rekomendasi, SHA)
    page = client.get(url).content.decode()
    assert unduh_url(bukti) in page and "terverifikasi" in page
    response = client.get(unduh_url(bukti))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "LHE 2025 rekomendasi 1" in AksesDataPribadi.objects.get().objek
    client.force_login(users["kabid_linjamsos"])
    assert client.get(unduh_url(bukti)).status_code == 403  # another Bidang's evidence (D144)
    client.force_login(users["staf_rehabilitasi"])
    client.post(url, {"rencana": "Pemantauan triwulanan", "status": "selesai"})
    assert Rekomendasi.objects.get().status == "selesai"


def test_the_lke_document_lists_file_evidence_beside_link_evidence(
    client, users, diunggah, kriteria
):
    tautkan(
        user=users["auditor"],
        jawaban=diunggah.jawaban,
        jenis=JenisBukti.RANTAI_AUDIT,
        acuan=timezone.localdate().isoformat(),
    )
    wb = openpyxl.load_workbook(io.BytesIO(render_document("lke", "xlsx", year=2025)))
    rows = [r for r in wb["Bukti"].iter_rows(values_only=True) if any(r)]
    assert ("3.a.1", "Berkas unggahan", f"lkjip.pdf ({len(PDF)} bita)", SHA) in rows
    (rantai,) = [r for r in rows if r[1] == "Pemeriksaan rantai jejak audit per tanggal"]
    assert rantai[0] == "3.a.1" and len(rantai[3]) == 64
    for fmt in ("pdf", "docx"):
        assert render_document("lke", fmt, year=2025)[:4] in (b"%PDF", b"PK\x03\x04")
