import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import AuditEntry
from kinerja.indicators.models import Indikator, Keputusan
from kinerja.indicators.selectors import indikator_in_force
from kinerja.indicators.services import keputusan_amend


@pytest.fixture
def v1(db):
    return Keputusan.objects.get(kode_wilayah="63.72", versi=1)


def test_amendment_is_a_new_version_and_the_old_one_stays(v1):
    old_text = v1.indikator.get(kode="IKU-3A").cara_perhitungan
    v2 = keputusan_amend(
        base=v1,
        nomor="012 Tahun 2025",
        tanggal_ditetapkan=dt.date(2025, 3, 1),
        berlaku_mulai=dt.date(2025, 4, 1),
        catatan="Perbaikan cara perhitungan IKU-3A",
        changes={
            "IKU-3A": {"cara_perhitungan": "Jumlah anak terlantar yang dipelihara dibagi ..."}
        },
    )
    assert v2.versi == 2 and v2.menggantikan == v1
    assert v1.indikator.get(kode="IKU-3A").cara_perhitungan == old_text
    assert v2.indikator.get(kode="IKU-3A").cara_perhitungan.startswith(
        "Jumlah anak terlantar yang dipelihara"
    )
    assert v2.indikator.count() == 5 and v2.sasaran.count() == 4
    # unchanged indicators are copied word for word
    assert v2.indikator.get(kode="IKU-1").makna == v1.indikator.get(kode="IKU-1").makna
    assert AuditEntry.objects.filter(aksi="ubah_katalog").count() == 1


def test_version_in_force_follows_the_date(v1):
    v2 = keputusan_amend(
        base=v1,
        nomor="012 Tahun 2025",
        tanggal_ditetapkan=dt.date(2025, 3, 1),
        berlaku_mulai=dt.date(2025, 4, 1),
        catatan="x",
        changes={"IKU-2": {"satuan": "orang"}},
    )
    assert indikator_in_force("IKU-2", dt.date(2025, 3, 31)).keputusan == v1
    assert indikator_in_force("IKU-2", dt.date(2025, 4, 1)).keputusan == v2
    assert indikator_in_force("IKU-2", dt.date(2021, 3, 31)).keputusan == v1
    with pytest.raises(Indikator.DoesNotExist):
        indikator_in_force("IKU-2", dt.date(2020, 12, 31))


def test_bad_amendments_are_refused(v1):
    with pytest.raises(ValidationError):
        keputusan_amend(
            base=v1, nomor="x", tanggal_ditetapkan=dt.date(2025, 1, 1),
            berlaku_mulai=dt.date(2025, 1, 1), catatan="", changes={"IKU-9": {"nama": "x"}},
        )  # fmt: skip
    with pytest.raises(ValidationError):
        keputusan_amend(
            base=v1, nomor="x", tanggal_ditetapkan=dt.date(2025, 1, 1),
            berlaku_mulai=dt.date(2025, 1, 1), catatan="", changes={"IKU-1": {"kode": "IKU-X"}},
        )  # fmt: skip
    with pytest.raises(ValidationError):
        keputusan_amend(
            base=v1, nomor="x", tanggal_ditetapkan=dt.date(2020, 1, 1),
            berlaku_mulai=dt.date(2020, 1, 1), catatan="", changes={},
        )  # fmt: skip
    assert Keputusan.objects.count() == 1
