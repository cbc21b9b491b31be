"""Item 2: typed values with evidence, submit -> verify -> approve, and the freeze."""

import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.sakip.models import BuktiDukung, IndikatorKinerja, Realisasi
from kinerja.sakip.services.bukti import BuktiRefused, bukti_path, bukti_upload
from kinerja.sakip.services.realisasi import (
    RealisasiRefused,
    realisasi_save,
    realisasi_transition,
)

from .conftest import PDF


@pytest.fixture
def ip1(tree):
    return IndikatorKinerja.objects.get(renstra=tree, kode="IP-1")


def _value(ip1, users, nilai="150", periode=2):
    return realisasi_save(
        indikator=ip1,
        tahun=2025,
        periode=periode,
        nilai=Decimal(nilai),
        catatan="rekap",
        user=users["staf_rehabilitasi"],
    )


def _zip(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(part, "<x/>")
    return out.getvalue()


def test_the_whole_cycle_freezes_value_and_evidence_hashes(ip1, users, media):
    row = _value(ip1, users)
    bukti = bukti_upload(
        realisasi=row, name="rekap.pdf", chunks=[PDF], user=users["staf_rehabilitasi"]
    )
    assert bukti.sha256 == hashlib.sha256(PDF).hexdigest() and bukti.ukuran == len(PDF)
    assert (
        bukti_path(bukti).read_bytes() == PDF
        and oct(bukti_path(bukti).stat().st_mode)[-3:] == "600"
    )
    for aksi, user in (
        ("submit", "staf_rehabilitasi"),
        ("verify", "kabid_rehabilitasi"),
        ("approve", "kadis"),
    ):
        row = realisasi_transition(aksi=aksi, realisasi=row, user=users[user])
    assert row.status == "approved" and row.beku_nilai == Decimal("150")
    assert row.beku_bukti == [
        {"id": bukti.pk, "nama": "rekap.pdf", "sha256": bukti.sha256, "ukuran": len(PDF)}
    ]
    expected = hashlib.sha256(
        json.dumps({"bukti": [bukti.sha256], "nilai": "150.0000"}, sort_keys=True).encode()
    ).hexdigest()
    assert row.beku_hash == expected
    assert list(row.langkah.values_list("aksi", flat=True)) == ["submit", "verify", "approve"]
    # A later edit attempt is refused; value and hash survive.
    with pytest.raises(RealisasiRefused, match="sudah disetujui dan dibekukan"):
        _value(ip1, users, nilai="999")
    with pytest.raises(RealisasiRefused, match="sudah disetujui dan dibekukan"):
        from kinerja.sakip.services.realisasi import bukti_remove

        bukti_remove(bukti=bukti, user=users["staf_rehabilitasi"])
    row.refresh_from_db()
    assert (row.nilai, row.beku_nilai, row.beku_hash) == (Decimal("150"), Decimal("150"), expected)
    assert (
        AuditEntry.objects.filter(aksi="realisasi_approve", sesudah__beku_hash=expected).count()
        == 1
    )


def test_roles_are_the_iku_roles(ip1, users, media):
    with pytest.raises(RealisasiRefused, match="bidang lain"):
        realisasi_save(
            indikator=ip1,
            tahun=2025,
            periode=1,
            nilai=Decimal(1),
            catatan="",
            user=users["staf_linjamsos"],
        )
    with pytest.raises(RealisasiRefused, match="Hanya staf Bidang"):
        realisasi_save(
            indikator=ip1,
            tahun=2025,
            periode=1,
            nilai=Decimal(1),
            catatan="",
            user=users["perencana"],
        )
    row = _value(ip1, users)
    bukti_upload(realisasi=row, name="a.pdf", chunks=[PDF], user=users["staf_rehabilitasi"])
    with pytest.raises(RealisasiRefused, match="Kepala Bidang penanggung jawab"):
        realisasi_transition(aksi="verify", realisasi=row, user=users["kadis"])
    row = realisasi_transition(aksi="submit", realisasi=row, user=users["staf_rehabilitasi"])
    with pytest.raises(RealisasiRefused, match="bidang lain"):
        realisasi_transition(aksi="verify", realisasi=row, user=users["kabid_linjamsos"])
    with pytest.raises(RealisasiRefused, match="status saat ini Diajukan"):
        realisasi_transition(aksi="approve", realisasi=row, user=users["kadis"])
    with pytest.raises(RealisasiRefused, match="berstatus Diajukan"):
        _value(ip1, users, nilai="151")


def test_submit_needs_evidence_and_reopen_a_reason(ip1, users, media):
    row = _value(ip1, users)
    with pytest.raises(RealisasiRefused, match="sedikitnya satu bukti dukung"):
        realisasi_transition(aksi="submit", realisasi=row, user=users["staf_rehabilitasi"])
    bukti_upload(realisasi=row, name="a.pdf", chunks=[PDF], user=users["staf_rehabilitasi"])
    row = realisasi_transition(aksi="submit", realisasi=row, user=users["staf_rehabilitasi"])
    with pytest.raises(RealisasiRefused, match="wajib disertai alasan"):
        realisasi_transition(aksi="reopen", realisasi=row, user=users["kadis"], alasan="  ")
    row = realisasi_transition(
        aksi="reopen", realisasi=row, user=users["kadis"], alasan="angka salah ketik"
    )
    assert row.status == "draft"
    assert _value(ip1, users, nilai="149").nilai == Decimal("149")


def test_periods_outside_the_indicator_or_not_begun_are_refused(ip1, users, monkeypatch):
    with pytest.raises(RealisasiRefused, match="Periode di luar"):
        _value(ip1, users, periode=5)  # quarterly: 1-4
    monkeypatch.setattr("kinerja.sakip.services.realisasi.today", lambda: dt.date(2025, 5, 10))
    with pytest.raises(RealisasiRefused, match="Triwulan 3 2025 belum dimulai"):
        _value(ip1, users, periode=3)
    assert _value(ip1, users, periode=2).periode == 2


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("skrip.exe", b"MZ\x90\x00", "Jenis file '.exe' tidak diterima"),
        ("tanpa-ekstensi", PDF, "File tanpa ekstensi"),
        ("palsu.pdf", b"#!/bin/sh\nrm -rf /\n", "tidak sesuai dengan ekstensinya"),
        ("foto.png", PDF, "tidak sesuai dengan ekstensinya"),
        ("tabel.xlsx", _zip("word/document.xml"), "tidak sesuai dengan ekstensinya"),
        ("kosong.pdf", b"", "File kosong"),
    ],
)
def test_evidence_refused_by_type_or_content(ip1, users, media, name, body, message):
    row = _value(ip1, users)
    with pytest.raises(BuktiRefused, match=message):
        bukti_upload(realisasi=row, name=name, chunks=[body], user=users["staf_rehabilitasi"])
    assert BuktiDukung.objects.count() == 0
    assert list((media / "bukti").glob("*")) == []


def test_evidence_too_large_is_refused(ip1, users, media, settings):
    settings.KINERJA_BUKTI_MAKS_MB = 1
    row = _value(ip1, users)
    chunks = [PDF, b"0" * (1024 * 1024)]
    with pytest.raises(BuktiRefused, match="lebih dari 1 MB"):
        bukti_upload(
            realisasi=row, name="besar.pdf", chunks=chunks, user=users["staf_rehabilitasi"]
        )
    assert BuktiDukung.objects.count() == 0


def test_office_files_and_images_are_accepted(ip1, users, media):
    row = _value(ip1, users)
    for name, body in (
        ("t.xlsx", _zip("xl/workbook.xml")),
        ("d.docx", _zip("word/document.xml")),
        ("f.jpg", b"\xff\xd8\xff\xe0rest"),
        ("g.png", b"\x89PNG\r\n\x1a\nrest"),
    ):
        bukti_upload(realisasi=row, name=name, chunks=[body], user=users["staf_rehabilitasi"])
    assert sorted(BuktiDukung.objects.values_list("jenis", flat=True)) == [
        "docx",
        "jpeg",
        "png",
        "xlsx",
    ]
    assert Realisasi.objects.get().bukti.count() == 4
