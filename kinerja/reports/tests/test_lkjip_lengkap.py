"""The LKjIP per the PermenPAN-RB 53/2014 outline: foreword, table of contents, Bab I texts written
on screen, the national standard, the last LHE's follow-up, the Lampiran; the texts page's rights."""

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from kinerja.audit.models import AuditEntry
from kinerja.evaluasi.services.jawaban import evaluasi_tahun, tutup
from kinerja.evaluasi.services.tindak_lanjut import lhe_simpan, rekomendasi_tambah
from kinerja.reports.models import TeksLkjip
from kinerja.reports.services import render_document

URL = "/dokumen/lkjip/2025/teks/"


def _pdf_pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def isi(db, users):
    TeksLkjip.objects.create(
        tahun=2025, struktur_organisasi="Kepala Dinas, Sekretariat dan tiga Bidang.",
        sdm="48 pegawai: 30 PNS dan 18 PPPK.", isu_strategis="Data PPKS belum terpadu.",
    )  # fmt: skip
    evaluasi = tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2024))
    import datetime as dt

    lhe = lhe_simpan(
        user=users["auditor"],
        evaluasi=evaluasi,
        nomor="700/5/ITKO",
        tanggal=dt.date(2025, 3, 1),
        ringkasan="",
    )
    rekomendasi_tambah(
        user=users["auditor"],
        lhe=lhe,
        teks="Agar IKU dipantau triwulanan",
        bidang_kode_="linjamsos",
        batas_waktu=dt.date(2025, 9, 30),
    )


def test_the_pdf_holds_every_part_of_the_outline_with_page_numbers(isi):
    texts = _pdf_pages(render_document("lkjip", "pdf", year=2025))
    text = "\n".join(texts)
    flat = re.sub(r"\s+", " ", text)
    for part in ("KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
                 "C. Struktur Organisasi", "Kepala Dinas, Sekretariat dan tiga Bidang.",
                 "48 pegawai: 30 PNS dan 18 PPPK.", "Data PPKS belum terpadu.", "BAB II", "BAB III",
                 "standar nasional (SPM Bidang Sosial)", "C. Tindak Lanjut Hasil Evaluasi",
                 "Agar IKU dipantau triwulanan", "700/5/ITKO", "BAB IV PENUTUP", "LAMPIRAN"):  # fmt: skip
        assert part in flat, part
    toc = text[
        text.index("DAFTAR ISI") : text.index("IKHTISAR EKSEKUTIF\n", text.index("DAFTAR ISI"))
    ]
    pages = dict(re.findall(r"^(BAB [IV]+ [A-Z ]+?)\s+(\d+)$", toc, re.M))
    assert set(pages) >= {"BAB I PENDAHULUAN", "BAB IV PENUTUP"}
    assert int(pages["BAB I PENDAHULUAN"]) < int(pages["BAB IV PENUTUP"])
    # Each number is the page the chapter starts on (D275: a table, no dot leaders).
    for bab, nomor in pages.items():
        starts = [i + 1 for i, t in enumerate(texts) if re.search(rf"^{bab}$", t, re.M)]
        assert starts[-1] == int(nomor), (bab, starts, nomor)
    assert not re.search(r"\d%", text)  # percentages are written 98,17 %


def test_the_docx_has_a_real_table_of_contents_field(isi):
    data = render_document("lkjip", "docx", year=2025)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    assert "w:updateFields" in settings


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("role", ["staf_rehabilitasi", "kabid_linjamsos"])
def test_bidang_roles_cannot_open_the_texts(client, users, role):
    client.force_login(users[role])
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("role", ["kadis", "auditor"])
def test_readers_see_but_cannot_write(client, users, role):
    client.force_login(users[role])
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"sdm": "x"}).status_code == 403
    assert not TeksLkjip.objects.exists()


def test_the_perencana_writes_the_texts_and_it_is_audited(client, users):
    client.force_login(users["perencana"])
    assert client.post(URL, {"sdm": "  48 pegawai  ", "isu_strategis": "Isu"}).status_code == 302
    row = TeksLkjip.objects.get(tahun=2025)
    assert (row.sdm, row.isu_strategis, row.kata_pengantar) == ("48 pegawai", "Isu", "")
    client.post(URL, {"kata_pengantar": "Pengantar"})  # a field not sent stays as it is
    row.refresh_from_db()
    assert (row.sdm, row.kata_pengantar) == ("48 pegawai", "Pengantar")
    assert AuditEntry.objects.filter(aksi="teks_lkjip_ubah").count() == 2


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, users):
    client.force_login(users["perencana"])
    response = client.post(URL, {"sdm": "x" * 20_001})
    assert response.status_code == 400 and "Teks terlalu panjang" in response.content.decode()
    assert not TeksLkjip.objects.exists()
    assert client.get("/dokumen/lkjip/1999/teks/").status_code == 404
