"""Evidence links resolve and still verify when opened; tampering shows."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kinerja.audit.models import AuditEntry
from kinerja.evaluasi.models import Jawaban, JenisBukti, Kriteria
from kinerja.evaluasi.services.bukti import periksa, tautkan
from kinerja.evaluasi.services.jawaban import evaluasi_tahun
from kinerja.indicators.engine import compute_figures
from kinerja.indicators.models import UnitBeku
from kinerja.indicators.tests.factories import layanan, orang, ppks
from kinerja.performance.models import LangkahPersetujuan
from kinerja.web.tests.test_drilldown import approve, build_case


@pytest.fixture(name="jawaban")
def jawaban_fixture(db):
    evaluasi = evaluasi_tahun(2025)
    kriteria = Kriteria.objects.get(
        sub_komponen__kode="2.a", nomor=3, sub_komponen__komponen__lke=evaluasi.lke
    )
    return Jawaban.objects.create(evaluasi=evaluasi, kriteria=kriteria)


@pytest.fixture
def approved(db, users):
    build_case()
    approve(users)
    return LangkahPersetujuan.objects.get(aksi="approve")


def test_a_frozen_figure_still_verifies_after_registry_changes(jawaban, users, approved):
    bukti = tautkan(
        user=users["perencana"],
        jawaban=jawaban,
        jenis=JenisBukti.ANGKA_BEKU,
        acuan=str(approved.pk),
    )
    assert bukti.label.startswith("IKU-2 2025 triwulan 1: 2/6")
    before = compute_figures(2025, 1, kode="IKU-2")[0]
    # The registries change after the approval: a new person, registered and served in Q1.
    eka = orang("Eka Baru", jk="P", lahir="1970-04-04")
    ppks(eka, "penyandang_disabilitas", "2025-01-10")
    layanan(eka, "permakanan", "2025-01-20")
    after = compute_figures(2025, 1, kode="IKU-2")[0]
    assert (before.numerator, before.denominator) == (2, 6)
    assert (after.numerator, after.denominator) == (3, 7)
    hasil = periksa(bukti)
    assert hasil.sah, hasil.pesan
    # An altered frozen row no longer verifies.
    row = UnitBeku.objects.filter(snapshot=approved.pk).first()
    row.pembilang = not row.pembilang
    row.save()
    assert periksa(bukti).sah is False
    assert "tidak lagi sama" in periksa(bukti).pesan


def test_an_approval_entry_and_the_chain_as_of_a_date(jawaban, users, approved):
    entry = AuditEntry.objects.filter(aksi="persetujuan_approve").get()
    setuju = tautkan(
        user=users["auditor"], jawaban=jawaban, jenis=JenisBukti.PERSETUJUAN, acuan=str(entry.pk)
    )
    rantai = tautkan(
        user=users["auditor"], jawaban=jawaban, jenis=JenisBukti.RANTAI_AUDIT,
        acuan=timezone.localdate(entry.waktu).isoformat(),
    )  # fmt: skip
    assert periksa(setuju).sah and periksa(rantai).sah
    AuditEntry.objects.filter(pk=entry.pk).update(nama_pengguna="orang lain")
    assert periksa(setuju).sah is False
    assert periksa(rantai).sah is False


@pytest.mark.parametrize(
    "jenis,acuan,message",
    [
        (JenisBukti.ANGKA_BEKU, "999999", "Tidak ada persetujuan"),
        (JenisBukti.ANGKA_BEKU, "abc", "Tidak ada persetujuan"),
        (JenisBukti.PERSETUJUAN, "999999", "Tidak ada entri persetujuan"),
        (JenisBukti.RANTAI_AUDIT, "31-12-2025", "bukan tanggal"),
        (JenisBukti.RANTAI_AUDIT, "2999-01-01", "setelah hari ini"),
        ("lain", "1", "Jenis bukti tidak dikenal"),
    ],
)
def test_evidence_that_does_not_resolve_is_refused(jawaban, users, jenis, acuan, message):
    with pytest.raises(ValidationError, match=message):
        tautkan(user=users["perencana"], jawaban=jawaban, jenis=jenis, acuan=acuan)
    assert not jawaban.bukti.exists()


def test_only_the_answering_sides_link_evidence(jawaban, users, approved):
    with pytest.raises(ValidationError):
        tautkan(
            user=users["kadis"],
            jawaban=jawaban,
            jenis=JenisBukti.ANGKA_BEKU,
            acuan=str(approved.pk),
        )
