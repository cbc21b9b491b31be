"""Splits, frozen lists, freshness, definitions versions and `kinerja compute`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kinerja.indicators.engine import (
    Periode,
    compute_figures,
    definitions_in_force,
    frozen_figures,
    regions_for_level,
)
from kinerja.indicators.engine.frozen import freeze_units
from kinerja.indicators.models import Definisi, UnitBeku

from .factories import KEL2, bencana, korban, layanan, orang, pelatihan, ppks, psks


@pytest.fixture
def mixed(db):
    """A few people of every sex and age group in IKU-2 and IKU-4, and some PSKS."""
    people = [
        orang(jk="L", lahir="2022-01-01"),
        orang(jk="P", lahir="2010-01-01", kel=KEL2),
        orang(jk="", lahir="1990-01-01"),
        orang(jk="P", lahir="1950-01-01", kel=None),
        orang(jk="L", lahir=None),
    ]
    for i, p in enumerate(people):
        ppks(p, "penyandang_disabilitas" if i % 2 else "gelandangan")
        if i % 2 == 0:
            layanan(p, "permakanan", "2025-05-01")
    b = bencana("B1", "2025-03-01", wilayah="63.72.04")
    for p in people[:3]:
        korban(b, p)
    layanan(people[0], "santunan", "2025-03-02", bencana=b)
    pelatihan(psks("tksk"), "2025-02-01")
    psks("lks", kel=None)
    return people


@pytest.mark.parametrize("split", ["jenis_kelamin", "kelompok_umur"])
def test_splits_sum_to_the_total(mixed, split):
    figures = compute_figures(2025, None, "kelurahan", "default", split=split)
    totals = {
        (f.indikator, f.wilayah): (f.numerator, f.denominator)
        for f in compute_figures(2025, None, "kelurahan", "default")
    }
    sums: dict = {}
    for f in figures:
        n, d = sums.get((f.indikator, f.wilayah), (0, 0))
        sums[(f.indikator, f.wilayah)] = (n + f.numerator, d + f.denominator)
    assert sums == totals
    assert totals[("IKU-2", "63.72")] == (3, 5)
    by = {(f.indikator, f.wilayah, f.split_value): (f.numerator, f.denominator) for f in figures}
    if split == "jenis_kelamin":
        assert by[("IKU-2", "63.72", "L")] == (2, 2)
        assert by[("IKU-2", "63.72", "P")] == (0, 2)
        assert by[("IKU-2", "63.72", "")] == (1, 1)
    else:
        assert [by[("IKU-2", "63.72", g)] for g in ("0-5", "6-18", "19-59", "60+", "")] == [
            (1, 1), (0, 1), (1, 1), (0, 1), (1, 1),
        ]  # fmt: skip


def test_frozen_list_gives_the_same_figures_as_live(mixed):
    periode = Periode(2025)
    for ind in definitions_in_force(periode.akhir):
        snapshot = 100 + ind.indikator.urutan
        freeze_units(snapshot, ind, periode)
        for bacaan in ("default", "literal"):
            for split in (None, "jenis_kelamin", "kelompok_umur"):
                live = compute_figures(2025, None, "kelurahan", bacaan, kode=ind.kode, split=split)
                frozen = frozen_figures(snapshot, ind.kode, periode, "kelurahan", bacaan, split)
                assert frozen == live, (ind.kode, bacaan, split)
    assert UnitBeku.objects.filter(snapshot=102).count() == 5  # IKU-2: one row per person & type
    # Registry changes after freezing do not move frozen figures.
    layanan(mixed[1], "permakanan", "2025-06-01")
    assert frozen_figures(102, "IKU-2", periode)[0].numerator == 3
    assert compute_figures(2025, kode="IKU-2")[0].numerator == 4


def test_freshness_a_registry_change_shows_at_once(db, fig):
    p = orang()
    ppks(p)
    assert fig("IKU-2", 2025) == (0, 1, 0.0)
    s = layanan(p, "permakanan", "2024-12-01")
    assert fig("IKU-2", 2025) == (0, 1, 0.0)
    s.tanggal = s.tanggal.replace(year=2025)
    s.save()
    assert fig("IKU-2", 2025) == (1, 1, 100.0)
    type(s).objects.filter(pk=s.pk).update(jenis_id="bansos_keluarga")  # no signal sent
    assert fig("IKU-2", 2025) == (0, 1, 0.0)


def test_every_figure_names_its_definition_and_catalogue_version(mixed):
    for f in compute_figures(2025, bacaan="literal"):
        d = Definisi.objects.get(pk=f.definisi_id)
        assert (d.indikator.kode, d.bacaan, f.keputusan_versi) == (f.indikator, "literal", 1)


def test_regions_of_each_level(db):
    assert len(regions_for_level("kota")) == 1
    assert len(regions_for_level("kecamatan")) == 6
    regions = regions_for_level("kelurahan")
    assert len(regions) == 26 and regions[0] == ("63.72", "kota")
    assert [r for r, _ in regions] == sorted(r for r, _ in regions)


def _json(**opts) -> list[dict]:
    out = StringIO()
    call_command("compute", format="json", stdout=out, **opts)
    return json.loads(out.getvalue())


def test_compute_json_shape_and_26_rows_per_iku(mixed):
    rows = _json(year=2025, quarter=2, level="kelurahan")
    assert len(rows) == 5 * 26
    assert {r["indicator"] for r in rows} == {"IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"}
    keys = ("indicator", "region", "period", "numerator", "denominator", "value")
    assert all(set(keys) <= set(r) for r in rows)  # later issues add fields (status, target...)
    assert rows[0]["region"] == "63.72" and rows[0]["indicator"] == "IKU-1"
    iku2 = [r for r in rows if r["indicator"] == "IKU-2"]
    assert [r["region"] for r in iku2] == sorted(r["region"] for r in iku2)
    assert {k: iku2[0][k] for k in keys} == {
        "indicator": "IKU-2", "region": "63.72", "period": "2025-Q2",
        "numerator": 3, "denominator": 5, "value": 60.0,
    }  # fmt: skip
    empty = next(r for r in iku2 if r["region"] == "63.72.06.1004")
    assert (empty["numerator"], empty["denominator"], empty["value"]) == (0, 0, None)
    assert _json(year=2025, level="kecamatan")[0]["period"] == "2025"
    assert len(_json(year=2025)) == 5
    assert len(_json(year=2025, level="kecamatan")) == 30


def test_compute_literal_and_table(mixed):
    rows = _json(year=2025, reading="literal")
    iku2 = next(r for r in rows if r["indicator"] == "IKU-2")
    # types: gelandangan pengemis (served), penyandang_disabilitas (none served)
    assert (iku2["numerator"], iku2["denominator"], iku2["value"]) == (1, 2, 50.0)
    out = StringIO()
    call_command("compute", year=2025, quarter=2, stdout=out)
    text = out.getvalue()
    assert "IKU-2" in text and "60,00" in text and "2025-Q2" in text


@pytest.mark.parametrize("kode", ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"])
def test_summary_path_equals_generic_path(mixed, kode):
    """The three readings of the registries agree: the production totals (summaries, or the
    two-stage SQL for PSKS), the two-stage SQL itself, and the old direct one-pass SQL."""
    from kinerja.indicators.engine.figures import live_counts
    from kinerja.indicators.engine.periods import periods_of_year
    from kinerja.indicators.engine.sqlrun import run_sql

    from .directsql import direct_counts, generic_counts
    from .factories import dtks

    dtks("2025-02-01", *mixed[:3])
    dtks("2025-08-01", *mixed[2:])
    layanan(mixed[2], "bansos_keluarga", "2025-09-01")
    psks("tksk", daftar="2025-07-01")
    pelatihan(psks("lks", daftar="2025-07-01"), "2025-02-01")  # trained before registering
    for p, daftar in ((mixed[0], "2024-01-01"), (mixed[1], "2025-05-01"), (mixed[4], "2025-01-01")):
        ppks(p, "anak_telantar", daftar=daftar, lokasi="dalam_panti")
    layanan(mixed[1], "pengasuhan", "2025-06-01")
    periodes = periods_of_year(2025)
    [ind] = definitions_in_force(periodes[-1].akhir, kode)
    production = live_counts(ind, periodes)
    generic = generic_counts(ind, periodes)
    assert production == generic
    assert direct_counts(ind, periodes, "63.72", run_sql) == generic
    assert production
