"""Contract section 6: the DTSEN options of IKU-3B against the hand-counted world of
`dunia_dtsen.py` (its docstring has the table); expected numbers written out in each test."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import AuditEntry
from kinerja.indicators.engine import drilldown, drilldown_excluded, frozen_figures
from kinerja.indicators.engine.definitions import definitions_in_force
from kinerja.indicators.engine.frozen import freeze_units
from kinerja.indicators.engine.periods import Periode
from kinerja.indicators.models import Definisi, Keputusan, UnitBeku
from kinerja.indicators.services import keputusan_amend
from kinerja.registries.models import DtksAnggota, DtksPeriode

from .dunia_dtsen import amend, anggota, buat_dunia
from .factories import KEL, KEL2, d, layanan, orang

KEC, KEC2 = KEL[:8], KEL2[:8]


@pytest.fixture
def dunia(db):
    return buat_dunia()


def test_version_one_counts_as_the_contract_section_2(dunia, fig):
    assert fig("IKU-3B", 2025, 1) == (2, 6, 33.33)  # a3, c1 of a1 a2 a3 b1 b2 c1
    assert fig("IKU-3B", 2025, 2) == (3, 6, 50.0)  # + b2 (May)
    assert Definisi.objects.filter(desil_maks__isnull=False).count() == 0
    assert not Definisi.objects.filter(bansos_per_keluarga=True).exists()


def test_both_options(dunia, fig):
    amend(4, True)
    assert fig("IKU-3B", 2025, 1) == (2, 6, 33.33)  # Q1: version 1 still in force on end(W)
    # Q2, DTKS 2025-05: a3 (7) and c1 (9) out; a1 a2 through a3 (KK A); b2 own; b1 now KK D: no.
    for bacaan in ("default", "literal"):
        assert fig("IKU-3B", 2025, 2, bacaan=bacaan) == (3, 4, 75.0)
        assert fig("IKU-3B", 2025, bacaan=bacaan) == (3, 4, 75.0)
    assert fig("IKU-3B", 2025, 2, region=KEC) == (2, 2, 100.0)
    assert fig("IKU-3B", 2025, 2, region=KEL) == (2, 2, 100.0)
    assert fig("IKU-3B", 2025, 2, region=KEC2) == (1, 2, 50.0)
    assert fig("IKU-3B", 2025, 2, region=KEL2) == (1, 2, 50.0)
    assert fig("IKU-3B", 2025, 2, split="jenis_kelamin", sv="L") == (1, 2, 50.0)  # a1, b1
    assert fig("IKU-3B", 2025, 2, split="jenis_kelamin", sv="P") == (2, 2, 100.0)  # a2, b2
    assert fig("IKU-3B", 2025, 2, split="kelompok_umur", sv="19-59") == (3, 4, 75.0)


def test_desil_only(dunia, fig):
    amend(4, False)
    assert fig("IKU-3B", 2025, 2) == (1, 4, 25.0)  # a1 a2 b1 b2; only b2 served herself
    assert fig("IKU-3B", 2025, 2, region=KEL) == (0, 2, 0.0)


def test_per_keluarga_only(dunia, fig):
    amend(None, True)
    # KK A (a1 a2 a3) through a3, KK B (b2) own, KK C (c1) own; b1 alone in KK D.
    assert fig("IKU-3B", 2025, 2) == (5, 6, 83.33)
    assert fig("IKU-3B", 2025, 2, region=KEL2) == (2, 3, 66.67)


def test_summary_follows_a_kk_member_added_later(dunia, fig):
    amend(4, True)
    assert fig("IKU-3B", 2025) == (3, 4, 75.0)  # builds the year's summary
    d1 = orang("Warga d1", kel=KEL2, jk="P", nik="6372045708900007")
    anggota(DtksPeriode.objects.get(periode=d("2025-05-01")), d1, "D", 3)
    layanan(d1, "bantuan_usaha", "2025-08-01")
    # d1 joins KK D and is served in Q3: b1 is in through d1 from Q3 on, not in Q2.
    assert fig("IKU-3B", 2025) == (5, 5, 100.0)
    assert fig("IKU-3B", 2025, 2) == (3, 5, 60.0)  # d1 (desil 3) counts, not yet served
    # b1's KK number changes back to B in the DTKS of 2025-05: in through b2, also in Q2.
    DtksAnggota.objects.filter(orang=dunia["b1"], periode__periode=d("2025-05-01")).update(
        no_kk="B" * 16
    )
    assert fig("IKU-3B", 2025, 2) == (4, 5, 80.0)
    assert fig("IKU-3B", 2025) == (5, 5, 100.0)  # d1 alone in KK D now: in by her own service
    assert fig("IKU-3B", 2025, 2, region=KEL2) == (2, 3, 66.67)  # b1 b2 of b1 b2 d1


def test_frozen_figures_come_from_the_list(dunia, fig):
    amend(4, True)
    periode = Periode(2025, 2)
    [ind] = definitions_in_force(periode.akhir, "IKU-3B")
    freeze_units(700, ind, periode)
    assert UnitBeku.objects.filter(snapshot=700).count() == 4
    for region, level in (("63.72", "kota"), (KEL, "kelurahan"), (KEL2, "kelurahan")):
        frozen = {f.wilayah: f for f in frozen_figures(700, "IKU-3B", periode, level)}
        assert (frozen[region].numerator, frozen[region].denominator) == fig(
            "IKU-3B", 2025, 2, region=region
        )[:2]
    layanan(dunia["b1"], "bansos_keluarga", "2025-06-01")
    assert fig("IKU-3B", 2025, 2) == (4, 4, 100.0)
    f = frozen_figures(700, "IKU-3B", periode)[0]
    assert (f.numerator, f.denominator) == (3, 4)


def test_drilldown_says_why(dunia):
    amend(4, True)
    periode = Periode(2025, 2)
    rows = {r.nama: r for r in drilldown("IKU-3B", periode)}
    assert sorted(rows) == ["Warga a1", "Warga a2", "Warga b1", "Warga b2"]
    a3_nik = dunia["a3"].nik
    masked = f"{a3_nik[:4]}********{a3_nik[-4:]}"
    assert rows["Warga a1"].pembilang and rows["Warga a1"].melalui_nik == a3_nik
    assert rows["Warga a1"].alasan_label == f"dilayani melalui anggota KK Warga a3 {masked}"
    assert rows["Warga a2"].alasan_label == f"dilayani melalui anggota KK Warga a3 {masked}"
    assert rows["Warga b2"].pembilang and rows["Warga b2"].alasan_label == ""
    assert not rows["Warga b1"].pembilang
    assert rows["Warga b1"].alasan_label == "Belum ada layanan yang dihitung"
    out = {r.nama: r.alasan_label for r in drilldown_excluded("IKU-3B", periode)}
    assert out == {"Warga a3": "desil 7 di atas batas 4", "Warga c1": "desil 9 di atas batas 4"}
    assert drilldown_excluded("IKU-3B", Periode(2025, 1)) == []  # version 1: no limit


def test_options_are_validated_in_indonesian(dunia):
    v1 = Keputusan.objects.get(kode_wilayah="63.72", versi=1)
    row = Definisi.objects.get(indikator__keputusan=v1, indikator__kode="IKU-3B", bacaan="default")
    row.desil_maks = 4
    with pytest.raises(ValidationError) as e:
        row.full_clean()
    assert "versi katalog 1" in str(e.value.message_dict["desil_maks"])
    with pytest.raises(ValidationError) as e:
        amend(11, True)
    assert e.value.message_dict["desil_maks"] == ["Desil maksimal harus 1 sampai 10, atau kosong."]
    with pytest.raises(ValidationError) as e:
        keputusan_amend(
            base=v1, nomor="X", tanggal_ditetapkan=d("2025-03-20"),
            berlaku_mulai=d("2025-04-01"), catatan="", changes={},
            definisi_changes={"IKU-2": {"desil_maks": 3}},
        )  # fmt: skip
    assert "hanya untuk keluarga dtks_layanan" in str(e.value)
    with pytest.raises(ValidationError) as e:
        keputusan_amend(
            base=v1, nomor="X", tanggal_ditetapkan=d("2025-03-20"),
            berlaku_mulai=d("2025-04-01"), catatan="", changes={},
            definisi_changes={"IKU-3B": {"lokasi": "luar_panti"}},
        )  # fmt: skip
    assert "tidak dapat diubah" in str(e.value)
    assert Keputusan.objects.filter(kode_wilayah="63.72").count() == 1  # nothing saved


def test_amendment_is_audited(dunia):
    v2 = amend(4, True)
    entry = AuditEntry.objects.filter(aksi="ubah_katalog").latest("id")
    assert entry.objek_id == str(v2.pk)
    assert entry.sesudah["definisi"] == {"IKU-3B": {"desil_maks": 4, "bansos_per_keluarga": True}}
    rows = Definisi.objects.filter(indikator__keputusan=v2, indikator__kode="IKU-3B")
    assert {(r.bacaan, r.desil_maks, r.bansos_per_keluarga) for r in rows} == {
        ("default", 4, True),
        ("literal", 4, True),
    } or {(r.bacaan, r.desil_maks, r.bansos_per_keluarga) for r in rows} == {("default", 4, True)}
    assert dt.date(2025, 4, 1) == v2.berlaku_mulai
