"""PK at every echelon: drawn from the tree, targets, approval by the Kepala Dinas, PK Perubahan
keeping the original, the documents in three formats."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEntry
from kinerja.reports.builders.pk_jabatan import build_pk_jabatan
from kinerja.reports.render import RENDERERS
from kinerja.reports.services import build_document
from kinerja.sakip.models import PerjanjianKinerja
from kinerja.sakip.pk_selectors import anggaran_pk, perubahan_of
from kinerja.sakip.services.pk import (
    PKRefused,
    pihak_of,
    pk_approve,
    pk_draft,
    pk_revise,
    pk_targets_save,
)

from .pk_data import jabatan_fixture  # noqa: F401


def _codes(pk: PerjanjianKinerja) -> list[str]:
    return list(pk.indikator.values_list("indikator__kode", flat=True))


def test_each_echelon_draws_its_level(jabatan, users):
    p = users["perencana"]
    assert _codes(pk_draft(jabatan=jabatan["kadis"], tahun=2025, user=p)) == ["IS-1"]
    assert _codes(pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=p)) == ["IP-1"]
    assert _codes(pk_draft(jabatan=jabatan["kasi"], tahun=2025, user=p)) == ["IK-1"]
    # a functional official without seksi: the kegiatan and sub-kegiatan of the Bidang
    assert _codes(pk_draft(jabatan=jabatan["fungsional"], tahun=2025, user=p)) == ["IK-1"]
    assert _codes(pk_draft(jabatan=jabatan["sekretaris"], tahun=2025, user=p)) == []
    assert AuditEntry.objects.filter(aksi="pk_draf").count() == 5


def test_parties_come_from_positions(jabatan, settings):
    settings.KINERJA_WALIKOTA_NAMA = "H. Aditya Mufti Ariffin"
    first, second = pihak_of(jabatan["kadis"])
    assert (first.nama, second.nama, second.jabatan) == (
        "Dra. Hj. Siti Rahmah, M.Si", "H. Aditya Mufti Ariffin", "Walikota",
    )  # fmt: skip
    first, second = pihak_of(jabatan["kasi"])
    assert (first.jabatan, second.nama) == (
        "Kepala Seksi Rehabilitasi Sosial Dasar", "Rina Marlina, S.ST, M.AP",
    )  # fmt: skip


def test_targets_from_tree_and_budget_by_code(jabatan, users):
    pk = pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])
    row = pk.indikator.get()
    assert [row.target_tahun, *(row.target_tw(q) for q in (1, 2, 3, 4))] == [200, 40, 90, 150, 200]
    budget = anggaran_pk(pk)
    assert [(b.kode, b.pagu) for b in budget] == [("1.06.02", 375_500_000)]
    kadis = pk_draft(jabatan=jabatan["kadis"], tahun=2025, user=users["perencana"])
    assert [(b.kode, b.pagu) for b in anggaran_pk(kadis)] == [
        ("1.06.02", 375_500_000), ("1.06.04", 0),
    ]  # fmt: skip


def test_roles_and_bad_input(jabatan, users):
    with pytest.raises(PKRefused, match="Hanya Perencana"):
        pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["kabid_rehabilitasi"])
    with pytest.raises(PKRefused, match="Belum ada Renstra"):
        pk_draft(jabatan=jabatan["kabid"], tahun=2031, user=users["perencana"])
    pk = pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])
    with pytest.raises(PKRefused, match="sudah ada"):
        pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])
    row = pk.indikator.get()
    with pytest.raises(PKRefused, match="negatif"):
        pk_targets_save(
            pk=pk, targets={row.pk: {"target_tw1": Decimal(-1)}}, user=users["perencana"]
        )
    with pytest.raises(PKRefused, match="bukan bagian"):
        pk_targets_save(pk=pk, targets={row.pk + 999: {}}, user=users["perencana"])
    for who in ("perencana", "kabid_rehabilitasi", "admin"):
        with pytest.raises(PKRefused, match="Hanya Kepala Dinas"):
            pk_approve(pk=pk, user=users[who])
    with pytest.raises(PKRefused, match="sudah disetujui"):
        pk_revise(pk=pk, alasan="APBD-P", user=users["perencana"])
    row.refresh_from_db()
    assert row.target_tw1 == 40


def test_perubahan_keeps_the_original(jabatan, users):
    p = users["perencana"]
    pk = pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=p)
    pk = pk_approve(pk=pk, user=users["kadis"])
    assert pk.pihak["kedua"]["nama"] == "Dra. Hj. Siti Rahmah, M.Si"
    with pytest.raises(PKRefused, match="sudah disetujui"):
        pk_targets_save(pk=pk, targets={pk.indikator.get().pk: {"target_tahun": 1}}, user=p)
    with pytest.raises(PKRefused, match="alasan"):
        pk_revise(pk=pk, alasan="  ", user=p)
    new = pk_revise(pk=pk, alasan="APBD Perubahan 2025 menambah pagu permakanan", user=p)
    row = new.indikator.get()
    assert (
        pk_targets_save(
            pk=new,
            targets={row.pk: {"target_tahun": Decimal(240), "target_tw4": Decimal(240)}},
            user=p,
        )
        == 1
    )
    changes = [(c.kode, c.apa, c.sebelum, c.sesudah) for c in perubahan_of(new)]
    assert changes == [
        ("IP-1", "Target tahunan", "200", "240"), ("IP-1", "Target TW IV", "200", "240"),
    ]  # fmt: skip
    assert pk.indikator.get().target_tahun == 200  # the original stays
    assert (new.versi, new.menggantikan_id) == (2, pk.pk)
    with pytest.raises(PKRefused, match="sudah punya PK Perubahan"):
        pk_revise(pk=pk, alasan="lagi", user=p)


def _texts(doc) -> str:
    out = []
    for b in doc.blocks:
        out.append(getattr(b, "text", ""))
        for row in getattr(b, "rows", []):
            out.extend(str(c) for c in row)
    return "\n".join(out)


def test_documents_of_a_kepala_bidang(jabatan, users):
    pk = pk_draft(jabatan=jabatan["kabid"], tahun=2025, user=users["perencana"])
    pk = pk_approve(pk=pk, user=users["kadis"])
    doc = build_pk_jabatan(pk)
    text = _texts(doc)
    assert "Kepala Bidang Rehabilitasi Sosial" in text and "Dra. Hj. Siti Rahmah, M.Si" in text
    assert "IP-1: Jumlah PPKS yang direhabilitasi" in text and "375500000" in text
    assert doc.provisional is False
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        assert RENDERERS[fmt](doc).startswith(magic)
    new = pk_revise(pk=pk, alasan="APBD-P menambah sasaran", user=users["perencana"])
    text = _texts(build_pk_jabatan(new))
    assert "Perjanjian Kinerja Perubahan Tahun 2025" in text
    assert "Alasan perubahan: APBD-P menambah sasaran" in text
    both = _texts(build_document("pk-jabatan", year=2025))
    assert both.count("Lampiran Perjanjian Kinerja Perubahan Tahun 2025") == 1
    assert "Lampiran Perjanjian Kinerja Tahun 2025" not in both  # only the newest version
