"""Targets: checking, saving, history and audit."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import AuditEntry
from kinerja.performance.models import Target
from kinerja.performance.services.targets import target_clean, target_set


def clean(**kw):
    values = {"indikator": "IKU-2", "tahun": "2025", "triwulan": "", "jenis": "pk", "target": "80"}
    return target_clean(**(values | kw))


@pytest.mark.django_db
def test_clean_reads_codes_and_decimal_comma():
    data = clean(indikator="iku-3a", jenis="PK", target="87,5", triwulan="2")
    assert (data.indikator_kode, data.tahun, data.triwulan, data.jenis, data.nilai) == (
        "IKU-3A", 2025, 2, "pk", Decimal("87.5"),
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"indikator": ""}, "indikator wajib diisi"),
        ({"indikator": "IKU-9"}, "tidak ada dalam katalog"),
        ({"tahun": "dua ribu"}, "tahun"),
        ({"tahun": "2019"}, "tidak ada dalam katalog"),
        ({"triwulan": "5"}, "triwulan"),
        ({"jenis": "rkt"}, "jenis"),
        ({"target": "-1"}, "negatif"),
        ({"target": "8x"}, "bukan angka"),
        ({"target": ""}, "target wajib diisi"),
        ({"jenis": "renstra", "triwulan": "1"}, "Renstra hanya tahunan"),
        ({"jenis": "renstra", "tahun": "2027"}, "di luar periode Renstra"),
        ({"target": "1.23456"}, "desimal"),
        ({"target": float("inf")}, "terlalu panjang"),  # a spreadsheet number; was a TypeError
    ],
)
def test_clean_refuses_in_indonesian(kw, message):
    with pytest.raises(ValidationError) as exc:
        clean(**kw)
    assert message in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_set_creates_updates_and_keeps_history(users):
    actor = users["perencana"]
    t, how = target_set(data=clean(), actor=actor)
    assert how == "dibuat"
    assert target_set(data=clean(), actor=actor)[1] == "tetap"
    t2, how = target_set(data=clean(target="85.25"), actor=actor)
    assert how == "diubah" and t2.pk == t.pk and t2.nilai == Decimal("85.25")
    assert Target.objects.count() == 1
    assert t2.history.count() == 2
    entries = AuditEntry.objects.filter(objek_jenis="target", objek_id=str(t.pk)).order_by("id")
    assert [e.aksi for e in entries] == ["buat_target", "ubah_target"]
    assert entries[1].sebelum["target"] == "80" and entries[1].sesudah["target"] == "85.25"


@pytest.mark.django_db
def test_year_and_quarter_targets_are_distinct(users):
    target_set(data=clean(), actor=users["perencana"])
    target_set(data=clean(triwulan="1", target="20"), actor=users["perencana"])
    target_set(data=clean(jenis="renstra", target="75"), actor=users["perencana"])
    assert Target.objects.count() == 3
