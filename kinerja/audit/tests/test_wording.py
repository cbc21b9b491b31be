"""Every action code the product writes has an Indonesian sentence (D160); values read as words."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from kinerja.audit.wording import (
    AKSI_KALIMAT,
    field_label,
    nilai,
    objek_teks,
    perubahan,
    waktu_indonesia,
)
from kinerja.evaluasi.services.jawaban import SISI_PERAN
from kinerja.performance.services.workflow import TRANSITIONS

ROOT = Path(__file__).resolve().parents[2]


def _codes(node: ast.expr, where: str) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body, where) | _codes(node.orelse, where)
    if isinstance(node, ast.JoinedStr):
        prefix = node.values[0]
        # f"persetujuan_{aksi}": one code per approval step
        if isinstance(prefix, ast.Constant) and prefix.value in ("persetujuan_", "realisasi_"):
            return {f"{prefix.value}{a}" for a in TRANSITIONS}  # the tree's typed values too
        # f"lke_jawab_{sisi}": the two sides of the evaluation worksheet
        if isinstance(prefix, ast.Constant) and prefix.value == "lke_jawab_":
            return {f"lke_jawab_{sisi}" for sisi in SISI_PERAN}
    raise AssertionError(f"{where}: an action code the test cannot read; add it to this test")


def written_codes() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit_record":
                for kw in node.keywords:
                    if kw.arg == "aksi":
                        found |= _codes(kw.value, f"{path}:{node.lineno}")
    return found


def test_every_written_action_code_has_a_sentence():
    codes = written_codes()
    assert {"persetujuan_approve", "ubah_target", "tambah", "reset_sandi"} <= codes
    assert len(codes) >= 25
    missing = sorted(codes - AKSI_KALIMAT.keys())
    assert not missing, f"action codes without an Indonesian sentence: {missing}"


def test_sentences_are_words_not_codes():
    for code, kalimat in AKSI_KALIMAT.items():
        assert "_" not in kalimat and kalimat == kalimat.lower().replace("api", "API").replace(
            "iku", "IKU"
        ).replace("uu pdp", "UU PDP"), code


def test_values_in_words():
    assert nilai("status", "verified") == "Diverifikasi"
    assert nilai("role", "kabid") == "Kepala Bidang"
    assert nilai("putaran", 12345) == "12.345"
    assert nilai("aktif", False) == "Tidak"
    assert nilai("alasan", None) == "—"
    assert nilai("alasan", "NIK 6372041208900001 salah") == "NIK 6372********0001 salah"
    assert nilai("alasan", "6372041208900001", mask=False) == "6372041208900001"
    assert nilai("skala", [["90.00", "Sangat baik"], [None, "Kurang"]]) == (
        "Sangat baik (mulai 90,00%); Kurang"
    )
    assert nilai("kolom", ["nik", "kelurahan_id"], registry_model="registries.orang") == (
        f"{field_label('nik', 'registries.orang')}, "
        f"{field_label('kelurahan_id', 'registries.orang')}"
    )
    assert "_" not in nilai("kolom", ["kelurahan_id"], registry_model="registries.orang")


def test_objects_and_times():
    assert (
        objek_teks("persetujuan", "IKU-2 2025-Q4") == "persetujuan capaian IKU-2 Triwulan IV 2025"
    )
    assert objek_teks("analisis", "IKU-1 2024") == "analisis capaian IKU-1 Tahun 2024"
    assert objek_teks("target", "7") == "target nomor 7"
    assert objek_teks("registries.orang", "5") == "orang nomor 5"
    moment = dt.datetime(2025, 12, 5, 23, 30, 5, tzinfo=dt.UTC)
    assert waktu_indonesia(moment) == "6 Desember 2025 pukul 07.30.05 WITA"
    assert timezone.get_current_timezone_name() == "Asia/Makassar"


def test_before_after_rows():
    rows = perubahan({"status": "verified", "putaran": 0}, {"status": "approved"}, "persetujuan")
    assert [(r.label, r.sebelum, r.sesudah, r.berubah) for r in rows] == [
        ("Status", "Diverifikasi", "Disetujui", True),
        ("Putaran persetujuan", "0", "—", False),
    ]
    assert perubahan(None, None, "uji") == []


@pytest.mark.django_db
def test_bidang_by_its_name():
    from kinerja.organisation.models import Bidang

    nama = Bidang.objects.get(kode="rehabilitasi").nama
    assert nilai("bidang", "rehabilitasi") == nama and nama != "rehabilitasi"


@pytest.mark.django_db
def test_unknown_code_still_reads_as_words(client):
    from kinerja.audit.wording import aksi_kalimat

    assert aksi_kalimat("kode_baru") == "melakukan perubahan lain"
