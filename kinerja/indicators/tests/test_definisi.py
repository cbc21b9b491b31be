"""Definitions as data: loaded for the decree, validated, copied by amendments, used by figures."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kinerja.indicators.engine.figures import compute_figures
from kinerja.indicators.engine.periods import Periode
from kinerja.indicators.models import Definisi, Indikator, Keputusan
from kinerja.indicators.services import keputusan_amend

from .factories import layanan, orang, ppks


@pytest.fixture
def v1(db):
    return Keputusan.objects.get(kode_wilayah="63.72", versi=1)


def test_ten_definitions_for_version_one(v1):
    rows = Definisi.objects.filter(indikator__keputusan=v1)
    assert rows.count() == 10
    for d in rows:
        d.full_clean()
    iku2 = rows.get(indikator__kode="IKU-2", bacaan="literal")
    assert iku2.hitung == "jenis" and iku2.lokasi == "luar_panti"
    assert iku2.kelompok_jenis["pengemis"] == "gelandangan pengemis"


def test_bad_parameters_are_refused(v1):
    ind = v1.indikator.get(kode="IKU-2")
    bad = Definisi(
        indikator=ind, bacaan="default", keluarga="ppks_layanan", hitung="unit",
        jendela="kejadian", jenis_registrasi=["bukan_kode"], layanan_kelompok=["lain"],
    )  # fmt: skip
    with pytest.raises(ValidationError) as e:
        bad.full_clean(validate_constraints=False)
    assert {"jenis_registrasi", "layanan_kelompok", "jendela"} <= set(e.value.message_dict)
    lit = Definisi.objects.get(indikator=ind, bacaan="literal")
    lit.lokasi = ""  # the literal reading must keep the default's denominator
    with pytest.raises(ValidationError):
        lit.full_clean()


def test_perencana_adds_an_spm_indicator_without_code(v1):
    base = v1.indikator.get(kode="IKU-2")
    spm = Indikator.objects.create(
        keputusan=v1, sasaran=base.sasaran, kode="SPM-LANSIA", urutan=9, nama="SPM lansia",
        makna="-", alasan="-", cara_perhitungan="-", penanggung_jawab="-", bidang=base.bidang,
        sumber_data="Dinas Sosial",
    )  # fmt: skip
    d = Definisi(
        indikator=spm, bacaan="default", keluarga="ppks_layanan", hitung="unit",
        jendela="registrasi", jenis_registrasi=["lanjut_usia_telantar"], lokasi="luar_panti",
        layanan_kelompok=["dasar"],
    )  # fmt: skip
    d.full_clean()
    d.save()
    a, b = orang(), orang()
    ppks(a, "lanjut_usia_telantar")
    ppks(b, "penyandang_disabilitas")
    layanan(a)
    [f] = compute_figures(2025, kode="SPM-LANSIA")
    assert (f.numerator, f.denominator, f.definisi_id) == (1, 1, d.pk)
    [lit] = compute_figures(2025, kode="SPM-LANSIA", bacaan="literal")  # falls back to default
    assert (lit.numerator, lit.denominator) == (1, 1)


def test_amendment_copies_definitions_and_figures_follow_the_version(v1):
    v2 = keputusan_amend(
        base=v1, nomor="012 Tahun 2025", tanggal_ditetapkan=dt.date(2025, 3, 1),
        berlaku_mulai=dt.date(2025, 4, 1), catatan="IKU-2 juga dalam panti", changes={},
    )  # fmt: skip
    assert Definisi.objects.filter(indikator__keputusan=v2).count() == 10
    for d in Definisi.objects.filter(indikator__keputusan=v2, indikator__kode="IKU-2"):
        d.lokasi = ""
        d.save()
    p = orang()
    ppks(p, lokasi="dalam_panti")
    layanan(p)
    [q1] = compute_figures(2025, 1, kode="IKU-2")
    [q2] = compute_figures(2025, 2, kode="IKU-2")
    assert (q1.denominator, q1.keputusan_versi) == (0, 1)
    assert (q2.numerator, q2.denominator, q2.keputusan_versi) == (1, 1, 2)
    assert Definisi.objects.get(pk=q2.definisi_id).indikator.keputusan == v2
    assert Periode(2025, 2).label == "2025-Q2"
