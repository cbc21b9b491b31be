"""Item 1: the tree from the XLSX template; rows that break the tree are rejected with row and reason."""

from io import BytesIO

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.sakip.models import IndikatorKinerja, Simpul, TargetIndikator
from kinerja.sakip.services.impor import FileUnusable, pohon_impor
from kinerja.sakip.services.renstra import renstra_lock

from .conftest import INDIKATOR, POHON, xlsx_bytes


def _import(renstra, user, pohon, indikator=None, **kw):
    return pohon_impor(
        renstra=renstra, source=BytesIO(xlsx_bytes(pohon, indikator)), user=user, **kw
    )


def test_import_builds_the_tree_with_bidang_inherited(tree):
    assert Simpul.objects.filter(renstra=tree).count() == 6
    sub = Simpul.objects.get(renstra=tree, kode="1.06.02.2.01.0001")
    assert sub.induk.kode == "1.06.02.2.01" and sub.induk.induk.kode == "1.06.02"
    assert Simpul.objects.get(kode="1.06.02.2.01").seksi == "Seksi RSD"
    ik = IndikatorKinerja.objects.get(renstra=tree, kode="IK-1")
    assert (ik.jenis, ik.satuan, ik.frekuensi, ik.bidang.kode) == (
        "diketik",
        "paket",
        "bulan",
        "rehabilitasi",
    )
    assert IndikatorKinerja.objects.get(kode="IP-2").polaritas == "turun"
    assert IndikatorKinerja.objects.get(kode="IT-1").iku_kode == "IKU-2"
    assert TargetIndikator.objects.get(indikator=ik, tahun=2025, periode=None).nilai == 1200
    entry = AuditEntry.objects.filter(aksi="pohon_impor").get()
    assert (
        entry.sesudah["diterima"] == 10 and len(entry.sesudah["dibuat"]) == 13
    )  # 6 + 4 + 3 targets


def test_reimport_changes_nothing_and_an_edit_is_audited(tree, users):
    again = _import(tree, users["perencana"], POHON, INDIKATOR)
    assert (again.accepted, again.rejected, again.dibuat, again.diubah) == (10, 0, [], {})
    changed = [r[:] for r in POHON]
    changed[1][3] = "Meningkatnya kualitas pelayanan PPKS"
    result = _import(tree, users["perencana"], changed)
    assert result.diubah == {
        "simpul S1": {
            "uraian": ["Meningkatnya pelayanan PPKS", "Meningkatnya kualitas pelayanan PPKS"]
        }
    }
    assert Simpul.objects.get(renstra=tree, kode="S1").history.count() == 2


def test_rows_that_break_the_tree_are_rejected_with_row_and_reason(renstra, users):
    pohon = [
        *POHON,
        ["kegiatan", "9.99.01", "9.99", "Kegiatan tanpa program", "", "", ""],  # row 8
        ["program", "1.06.02", "S1", "Kode kembar", "", "rehabilitasi", ""],  # row 9
        ["kegiatan", "1.06.02.2.02", "S1", "Induk salah tingkat", "", "", ""],  # row 10
        ["bagian", "X1", "", "Tingkat tak dikenal", "", "", ""],  # row 11
        ["program", "1.06.05", "S1", "Program tanpa bidang", "", "", ""],  # row 12
        ["tujuan", "T2", "", "", "", "", ""],  # row 13
    ]
    indikator = [
        *INDIKATOR,
        ["1.06.02", "IP-9", "Tanpa satuan", "diketik", "", "", "", "", "", ""],  # row 6
        ["1.06.02", "IP-1", "Kode kembar", "diketik", "", "orang", "", "", "", ""],  # row 7
        ["9.99.01", "IK-9", "Simpul ditolak", "diketik", "", "orang", "", "", "", ""],  # row 8
        ["T1", "IT-9", "IKU tak ada", "dihitung", "IKU-9", "%", "", "", "", ""],  # row 9
        ["T1", "IT-8", "Tujuan tanpa bidang", "diketik", "", "%", "", "", "", ""],  # row 10
        [
            "1.06.02",
            "IP-8",
            "Target bukan angka",
            "diketik",
            "",
            "orang",
            "",
            "",
            "",
            "dua ratus",
        ],  # row 11
    ]
    result = _import(renstra, users["perencana"], pohon, indikator)
    reasons = {(t.lembar, t.baris): t.alasan for t in result.tolakan}
    assert reasons == {
        ("Pohon", 8): "kegiatan tanpa program: induk 9.99 tidak ada",
        ("Pohon", 9): "kode 1.06.02 sudah dipakai di baris 4",
        ("Pohon", 10): "induk S1 adalah sasaran strategis, padahal induk kegiatan harus program",
        (
            "Pohon",
            11,
        ): "tingkat 'bagian' tidak dikenal (pakai: tujuan, sasaran, program, kegiatan, sub_kegiatan)",
        ("Pohon", 12): "program wajib punya bidang penanggung jawab",
        ("Pohon", 13): "uraian wajib diisi",
        ("Indikator", 6): "indikator tanpa satuan: isi kolom satuan",
        ("Indikator", 7): "kode IP-1 sudah dipakai di baris 3",
        ("Indikator", 8): "simpul '9.99.01' tidak ada di lembar Pohon atau di Renstra ini",
        (
            "Indikator",
            9,
        ): "indikator dihitung perlu kode IKU katalog periode ini; 'IKU-9' tidak ada",
        ("Indikator", 10): "indikator diketik perlu bidang penanggung jawab (kolom bidang)",
        ("Indikator", 11): "target 2025 'dua ratus' bukan angka",
    }
    assert (result.rows_read, result.accepted, result.rejected) == (22, 10, 12)
    assert result.accepted + result.rejected == result.rows_read
    assert Simpul.objects.filter(renstra=renstra).count() == 6
    assert (
        Simpul.objects.get(renstra=renstra, kode="1.06.02").uraian == "Program Rehabilitasi Sosial"
    )
    assert IndikatorKinerja.objects.filter(renstra=renstra).count() == 4


def test_dry_run_saves_nothing(renstra, users):
    result = _import(renstra, users["perencana"], POHON, INDIKATOR, dry_run=True)
    assert (result.accepted, result.rejected) == (10, 0)
    assert Simpul.objects.count() == 0 and IndikatorKinerja.objects.count() == 0
    assert not AuditEntry.objects.filter(aksi="pohon_impor").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"kode,uraian\nT1,x\n", "File bukan XLSX yang dapat dibaca"),
        (xlsx_bytes(POHON, sheets=("Lembar1", "x")), "Lembar 'Pohon' tidak ada"),
    ],
)
def test_unusable_files_save_nothing(renstra, users, body, message):
    with pytest.raises(FileUnusable, match=message):
        pohon_impor(renstra=renstra, source=BytesIO(body), user=users["perencana"])
    assert Simpul.objects.count() == 0


def test_a_locked_renstra_refuses_an_import(tree, users):
    renstra_lock(renstra=tree, user=users["perencana"])
    with pytest.raises(FileUnusable, match="sudah dikunci"):
        _import(tree, users["perencana"], POHON)
