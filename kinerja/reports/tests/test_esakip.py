"""The e-SAKIP ZIP: every document with a manifest whose SHA-256 and dates check."""

import hashlib
import json
import zipfile

from django.core.management import call_command
from django.utils import timezone

from kinerja.evaluasi.services.jawaban import evaluasi_tahun, tutup


def test_the_zip_holds_each_document_and_a_manifest_that_checks(db, users, tmp_path):
    evaluasi = tutup(user=users["auditor"], evaluasi=evaluasi_tahun(2025))
    out = tmp_path / "esakip.zip"
    call_command("esakip", "--year", "2025", "--output", str(out))
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert manifest["tahun"] == 2025
        kode = [d["kode"] for d in manifest["dokumen"]]
        assert kode == ["iku", "pk", "lkjip", "lke"]
        for d in manifest["dokumen"]:
            data = z.read(d["nama_berkas"])
            assert data[:4] == b"%PDF"
            assert hashlib.sha256(data).hexdigest() == d["sha256"]
        assert sorted(z.namelist()) == sorted(
            [*(d["nama_berkas"] for d in manifest["dokumen"]), "manifest.json"]
        )
    tanggal = {d["kode"]: d["tanggal_disetujui"] for d in manifest["dokumen"]}
    assert tanggal["iku"] == "2023-01-31"  # Keputusan 061/2023, ditetapkan 31 Januari 2023
    assert tanggal["lke"] == timezone.localdate(evaluasi.ditutup_pada).isoformat()
    assert tanggal["lkjip"] is None and tanggal["pk"] is None  # nothing of 2025 approved here
