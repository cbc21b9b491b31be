"""Contract section 2: IKU-1 (PSKS trained) and IKU-2 (basic needs outside panti)."""

from .factories import KEL, KEL2, layanan, orang, pelatihan, ppks, psks


def test_iku1_active_psks_and_training_in_window(fig):
    a = psks("tksk")
    pelatihan(a, "2025-03-31")  # last day of Q1
    b = psks("tksk", daftar="2025-03-31")  # registered on the last day of Q1: active in Q1
    pelatihan(b, "2024-12-31")  # training before the window does not count
    c = psks("lks", daftar="2020-01-01", selesai="2025-01-01")  # closed on 1 Jan: active
    pelatihan(c, "2025-05-01")  # the training date alone decides, even after closing
    psks("lk3", daftar="2020-01-01", selesai="2024-12-31")  # closed before the year
    psks("tagana", daftar="2025-04-01")  # registered after Q1
    assert fig("IKU-1", 2025, 1) == (1, 3, 33.33)
    assert fig("IKU-1", 2025, 2) == (2, 4, 50.0)
    assert fig("IKU-1", 2025) == (2, 4, 50.0)


def test_iku1_literal_counts_psks_types(fig):
    for _ in range(3):
        pelatihan(psks("tksk"), "2025-02-01")
    psks("tksk")
    psks("lks")
    psks("karang_taruna")
    pelatihan(psks("karang_taruna"), "2025-02-02")
    assert fig("IKU-1", 2025, 1) == (4, 7, 57.14)
    # types: tksk (trained), lks (not), karang_taruna (trained) -> 2 of 3
    assert fig("IKU-1", 2025, 1, bacaan="literal") == (2, 3, 66.67)


def test_iku1_region_is_psks_kelurahan_and_no_region_is_kota_only(fig):
    pelatihan(psks(kel=KEL), "2025-02-01")
    psks(kel=None)
    assert fig("IKU-1", 2025, 1) == (1, 2, 50.0)
    assert fig("IKU-1", 2025, 1, region="63.72.04") == (1, 1, 100.0)
    assert fig("IKU-1", 2025, 1, region=KEL) == (1, 1, 100.0)
    assert fig("IKU-1", 2025, 1, region=KEL2) == (0, 0, None)


def test_iku2_window_edges_and_closed_registrations(fig):
    served = orang()
    ppks(served, daftar="2025-03-31")  # registered on the last day of Q1
    layanan(served, "permakanan", "2025-03-31")
    closed_on_new_year = orang()
    ppks(closed_on_new_year, daftar="2023-01-01", selesai="2025-01-01")
    layanan(closed_on_new_year, "sandang", "2025-01-01")  # inside, on the last day
    closed_before = orang()
    ppks(closed_before, daftar="2023-01-01", selesai="2024-12-31")
    layanan(closed_before, "sandang", "2025-01-15")
    later = orang()
    ppks(later, daftar="2025-04-01")
    assert fig("IKU-2", 2025, 1) == (2, 2, 100.0)
    assert fig("IKU-2", 2025, 2) == (2, 3, 66.67)


def test_iku2_dalam_panti_and_out_of_scope_types_are_excluded(fig):
    inside = orang()
    ppks(inside, lokasi="dalam_panti")
    layanan(inside)
    other_type = orang()
    ppks(other_type, jenis="pemulung")
    layanan(other_type)
    kept = orang()
    ppks(kept, jenis="lanjut_usia_telantar")
    assert fig("IKU-2", 2025) == (0, 1, 0.0)


def test_iku2_service_must_be_basic_needs_and_inside_registration(fig):
    before = orang()
    ppks(before, daftar="2025-03-01")
    layanan(before, "permakanan", "2025-02-01")  # dated in W but before registration
    after = orang()
    ppks(after, daftar="2024-01-01", selesai="2025-02-01")
    layanan(after, "permakanan", "2025-02-02")  # after closing
    not_basic = orang()
    ppks(not_basic)
    layanan(not_basic, "bansos_keluarga", "2025-02-01")
    with_event = orang()
    ppks(with_event)
    from .factories import bencana

    layanan(with_event, "permakanan", "2025-02-11", bencana=bencana())  # kode_kejadian allowed
    assert fig("IKU-2", 2025) == (1, 4, 25.0)


def test_iku2_person_in_two_types_counted_once_and_twice_in_literal(fig):
    p = orang()
    ppks(p, "penyandang_disabilitas", daftar="2024-01-01")
    ppks(p, "lanjut_usia_telantar", daftar="2025-05-01")
    layanan(p, "permakanan", "2025-02-01")  # inside disabilitas only
    q = orang()
    ppks(q, "anak_telantar")
    assert fig("IKU-2", 2025) == (1, 2, 50.0)
    # literal: types disabilitas (served inside it), lansia (not inside it), anak (none)
    assert fig("IKU-2", 2025, bacaan="literal") == (1, 3, 33.33)
    layanan(p, "sandang", "2025-06-01")  # now also inside the lansia registration
    assert fig("IKU-2", 2025) == (1, 2, 50.0)
    assert fig("IKU-2", 2025, bacaan="literal") == (2, 3, 66.67)


def test_iku2_literal_gelandangan_and_pengemis_are_one_type(fig):
    g = orang()
    ppks(g, "gelandangan")
    p = orang()
    ppks(p, "pengemis")
    layanan(p, "rujukan", "2025-01-20")
    both = orang()
    ppks(both, "gelandangan")
    ppks(both, "pengemis")
    ppks(orang(), "penyandang_disabilitas")
    assert fig("IKU-2", 2025, bacaan="literal") == (1, 2, 50.0)
    assert fig("IKU-2", 2025) == (1, 4, 25.0)


def test_iku2_region_by_current_domicile_and_missing_region(fig):
    a = orang(kel=KEL)
    ppks(a)
    layanan(a)
    b = orang(kel=None)
    ppks(b)
    layanan(b)
    assert fig("IKU-2", 2025) == (2, 2, 100.0)
    assert fig("IKU-2", 2025, region="63.72.04") == (1, 1, 100.0)
    assert fig("IKU-2", 2025, region=KEL) == (1, 1, 100.0)
    a.kelurahan_id = KEL2
    a.save()
    assert fig("IKU-2", 2025, region=KEL) == (0, 0, None)
    assert fig("IKU-2", 2025, region="63.72.02") == (1, 1, 100.0)


def test_quarters_are_cumulative(fig):
    p = orang()
    ppks(p, daftar="2024-01-01")
    layanan(p, "permakanan", "2025-02-01")
    q = orang()
    ppks(q, daftar="2024-01-01")
    layanan(q, "permakanan", "2025-11-30")
    assert [fig("IKU-2", 2025, t)[:2] for t in (1, 2, 3, 4)] == [(1, 2), (1, 2), (1, 2), (2, 2)]
    assert fig("IKU-2", 2025)[:2] == (2, 2)
    assert fig("IKU-2", 2026, 1)[:2] == (0, 2)  # a new year starts from zero services


KEL_ROUNDING = "63.72.05.1001"


def test_rounding_half_up(fig):
    served = []
    for _ in range(8):
        p = orang()
        ppks(p)
        served.append(p)
    layanan(served[0])
    assert fig("IKU-2", 2025) == (1, 8, 12.5)
    # 1/6 and 2/3 in other regions: 6 people in KEL2 (1 served), 3 in Cempaka (2 served)
    six = [orang(kel=KEL2) for _ in range(6)]
    for p in six:
        ppks(p)
    layanan(six[0])
    assert fig("IKU-2", 2025, region=KEL2) == (1, 6, 16.67)
    three = [orang(kel="63.72.03.1001") for _ in range(3)]
    for p in three:
        ppks(p)
    layanan(three[0])
    layanan(three[1])
    assert fig("IKU-2", 2025, region="63.72.03") == (2, 3, 66.67)
    # 1/32 = 3.125 % and 17/32 = 53.125 %: half up gives 3.13 and 53.13, half-even 3.12 and 53.12.
    many = [orang(kel=KEL_ROUNDING) for _ in range(32)]
    for p in many:
        ppks(p)
    layanan(many[0])
    assert fig("IKU-2", 2025, region=KEL_ROUNDING) == (1, 32, 3.13)
    for p in many[1:17]:
        layanan(p)
    assert fig("IKU-2", 2025, region=KEL_ROUNDING) == (17, 32, 53.13)
