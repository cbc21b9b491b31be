"""Drill-down lists with reasons, the XLSX export and data-quality counts."""

from io import BytesIO

from openpyxl import load_workbook

from kinerja.indicators.engine.drilldown import drilldown, drilldown_excluded
from kinerja.indicators.engine.export import export_xlsx
from kinerja.indicators.engine.periods import Periode
from kinerja.indicators.engine.quality import data_quality, data_quality_units

from .factories import KEL2, bencana, korban, layanan, orang, pelatihan, ppks, psks

Y = Periode(2025)


def test_iku2_reasons(db):
    served = orang(nama="Served", nik="6372041208800001")
    ppks(served)
    layanan(served)
    none = orang(nama="None")
    ppks(none)
    late = orang(nama="Outside window")
    ppks(late)
    layanan(late, tanggal="2024-05-01")
    early = orang(nama="Before registration")
    ppks(early, daftar="2025-06-01")
    layanan(early, tanggal="2025-02-01")
    rows = {r.nama: r for r in drilldown("IKU-2", Y)}
    assert rows["Served"].pembilang and rows["Served"].alasan == ""
    assert rows["None"].alasan == "tanpa_layanan"
    assert rows["Outside window"].alasan == "layanan_di_luar_periode"
    assert rows["Before registration"].alasan == "layanan_di_luar_registrasi"
    assert rows["Served"].nik == "6372041208800001"
    assert [r.nama for r in drilldown("IKU-2", Y, pembilang=True)] == ["Served"]
    assert len(drilldown("IKU-2", Y, pembilang=False)) == 3


def test_iku2_literal_rows_per_type(db):
    p = orang()
    ppks(p, "penyandang_disabilitas")
    ppks(p, "lanjut_usia_telantar", daftar="2025-06-01")
    layanan(p, tanggal="2025-02-01")
    rows = drilldown("IKU-2", Y, bacaan="literal")
    by_type = {r.jenis[0]: r for r in rows}
    assert by_type["penyandang_disabilitas"].pembilang
    assert by_type["lanjut_usia_telantar"].alasan == "registrasi_jenis_lain"
    [unit] = drilldown("IKU-2", Y)
    assert sorted(unit.jenis) == ["lanjut_usia_telantar", "penyandang_disabilitas"]


def test_iku3a_excluded_children_and_filters(db):
    child = orang(lahir="2012-01-01", jk="P", kel=KEL2)
    ppks(child, "anak_telantar")
    adult = orang(nama="Too old", lahir="2000-01-01")
    ppks(adult, "anak_telantar")
    assert [r.unit_id for r in drilldown("IKU-3A", Y)] == [child.pk]
    [ex] = drilldown_excluded("IKU-3A", Y)
    assert (ex.nama, ex.alasan) == ("Too old", "umur_di_luar_pita")
    assert drilldown("IKU-3A", Y, jenis_kelamin="L") == []
    assert len(drilldown("IKU-3A", Y, wilayah=KEL2, kelompok_umur="6-18")) == 1
    assert drilldown("IKU-3A", Y, wilayah="63.72.04") == []


def test_iku4_and_iku1_reasons(db):
    b1, b2 = bencana("B1", "2025-03-01"), bencana("B2", "2025-03-05")
    before, other = orang(nama="before"), orang(nama="other")
    korban(b1, before)
    korban(b1, other)
    layanan(before, "santunan", "2025-02-28", bencana=b1)
    layanan(other, "santunan", "2025-03-06", bencana=b2)
    rows = {r.nama: r for r in drilldown("IKU-4", Y)}
    assert rows["before"].alasan == "bantuan_sebelum_kejadian"
    assert rows["other"].alasan == "bantuan_kejadian_lain"
    assert rows["other"].kode_kejadian == "B1"
    old = psks()
    pelatihan(old, "2024-05-05")
    [r] = drilldown("IKU-1", Y)
    assert (r.kode, r.alasan) == (old.kode_psks, "pelatihan_di_luar_periode")


def test_export_xlsx_masks_nik(db):
    p = orang(nama="Siti", nik="6372041208800001")
    ppks(p)
    rows = drilldown("IKU-2", Y)
    for mask, expected in ((True, "6372********0001"), (False, "6372041208800001")):
        buf = BytesIO()
        export_xlsx(rows, buf, mask_nik=mask, title="IKU-2 2025")
        ws = load_workbook(BytesIO(buf.getvalue())).active
        values = [c.value for c in ws[3]]
        assert "Siti" in values and expected in values


def test_data_quality_counts(db, settings):
    settings.KINERJA_REGISTRASI_TERBUKA_TAHUN = 3
    a = orang(nama="Ani", lahir="1970-01-01", kel=None)
    ppks(a, daftar="2020-01-01")
    layanan(a)
    twin = orang(nama="ani ", lahir="1970-01-01", nik="6372041208800001")
    ppks(twin, daftar="2024-01-01")
    flagged = orang(nik_tidak_cocok=True)
    ppks(flagged)
    child = orang(lahir=None)
    ppks(child, "anak_telantar")
    q = data_quality("IKU-2", Y)
    assert (q.tanpa_wilayah, q.nik_ditandai, q.duplikat, q.registrasi_terbuka_lama) == (1, 1, 2, 1)
    assert q.tanpa_tanggal_lahir == 1
    assert data_quality_units("IKU-2", Y, "duplikat") == sorted([a.pk, twin.pk])
    assert data_quality("IKU-3A", Y).tanpa_tanggal_lahir == 1


def test_duplicate_of_a_person_outside_the_figure_still_counts(db):
    """D222: the pairs are grouped among the units' own pairs only, but over every person of the
    kab/kota: a unit whose twin is no unit is still flagged; twins outside the figure are not."""
    a = ppks(orang(nama="Budi", lahir="1980-02-02")).orang
    orang(nama=" budi", lahir="1980-02-02")  # no registration: not a unit of IKU-2
    orang(nama="Cici", lahir="1990-01-01")
    orang(nama="Cici", lahir="1990-01-01")  # twins, neither a unit
    ppks(orang(nama="Dedi", lahir="1975-05-05"))  # a unit without a twin
    assert data_quality("IKU-2", Y).duplikat == 1
    assert data_quality_units("IKU-2", Y, "duplikat") == [a.pk]
