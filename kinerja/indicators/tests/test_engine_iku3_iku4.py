"""Contract section 2: IKU-3A (children 6-18), IKU-3B (DTKS), IKU-4 (disaster victims)."""

from .factories import KEL, bencana, dtks, korban, layanan, orang, ppks


def anak(lahir, **kw):
    o = orang(lahir=lahir, **kw)
    ppks(o, "anak_telantar", daftar="2024-01-01", lokasi=kw.pop("lokasi", "dalam_panti"))
    return o


def test_iku3a_age_band_on_end_of_window(fig):
    six_on_q1_end = anak("2019-03-31")  # 6 on 31 March 2025
    layanan(six_on_q1_end, "pengasuhan", "2025-02-01")
    five_in_q1 = anak("2019-04-01")  # turns 6 on 1 April: in from Q2
    turns_19 = anak("2006-07-01")  # 18 until 30 June 2025, 19 from 1 July
    layanan(turns_19, "pelatihan_keterampilan", "2025-03-01")
    anak("1990-01-01")  # adult registered as anak_telantar: never in
    assert fig("IKU-3A", 2025, 1) == (2, 2, 100.0)
    assert fig("IKU-3A", 2025, 2) == (2, 3, 66.67)
    assert fig("IKU-3A", 2025, 3) == (1, 2, 50.0)
    assert fig("IKU-3A", 2025) == (1, 2, 50.0)
    assert five_in_q1.pk


def test_iku3a_any_lokasi_and_service_dated_in_window_only(fig):
    luar = orang(lahir="2015-01-01")
    ppks(luar, "anak_telantar", lokasi="luar_panti", daftar="2025-06-01")
    layanan(luar, "pengasuhan", "2025-02-01")  # before registration: still counts (no such rule)
    other = orang(lahir="2015-01-01")
    ppks(other, "anak_jalanan")  # not anak_telantar
    layanan(other, "pengasuhan", "2025-02-01")
    old = anak("2015-01-01")
    layanan(old, "pengasuhan", "2024-12-31")
    assert fig("IKU-3A", 2025) == (1, 2, 50.0)


def test_iku3a_child_without_birth_date_is_counted(fig):
    unknown = anak(None)
    layanan(unknown, "pengasuhan", "2025-05-05")
    anak("2012-05-05")
    assert fig("IKU-3A", 2025) == (1, 2, 50.0)
    assert fig("IKU-3A", 2025, split="kelompok_umur", sv="") == (1, 1, 100.0)


def test_iku3a_literal_counts_only_pelatihan_keterampilan(fig):
    a = anak("2012-01-01")
    layanan(a, "pengasuhan", "2025-02-01")
    b = anak("2012-01-01")
    layanan(b, "pelatihan_keterampilan", "2025-02-01")
    anak("2012-01-01")
    assert fig("IKU-3A", 2025) == (2, 3, 66.67)
    assert fig("IKU-3A", 2025, bacaan="literal") == (1, 3, 33.33)


def test_iku3b_latest_dtks_not_after_the_quarter(fig):
    a, b, c = orang(nik="6372041208800001"), orang(), orang()
    dtks("2024-11-01", a)
    dtks("2025-03-01", a, b)
    dtks("2025-04-01", a, b, c)  # after Q1: ignored in Q1
    layanan(a, "bansos_keluarga", "2025-01-10")
    layanan(c, "bantuan_usaha", "2025-03-10")  # c not in the DTKS of Q1
    layanan(b, "permakanan", "2025-02-01")  # not social assistance
    assert fig("IKU-3B", 2025, 1) == (1, 2, 50.0)
    assert fig("IKU-3B", 2025, 2) == (2, 3, 66.67)


def test_iku3b_no_dtks_is_no_value(fig):
    a = orang()
    layanan(a, "bansos_keluarga", "2025-01-10")
    dtks("2025-05-01", a)
    assert fig("IKU-3B", 2025, 1) == (0, 0, None)
    assert fig("IKU-3B", 2025, 2) == (1, 1, 100.0)
    assert fig("IKU-3B", 2024) == (0, 0, None)


def test_iku3b_dtks_from_an_earlier_year_applies(fig):
    a = orang()
    dtks("2024-09-01", a)
    layanan(a, "bantuan_usaha", "2024-10-01")  # last year's aid
    assert fig("IKU-3B", 2025, 1) == (0, 1, 0.0)


def test_iku4_aid_window_and_same_event(fig):
    b1 = bencana("B1", "2025-02-10")
    b2 = bencana("B2", "2025-02-20")
    ok, before, other_event, no_event, late = (orang() for _ in range(5))
    for o in (ok, before, other_event, no_event, late):
        korban(b1, o)
    layanan(ok, "santunan", "2025-02-10", bencana=b1)  # on the day of the event
    layanan(before, "permakanan", "2025-02-09", bencana=b1)  # dated before the disaster
    layanan(other_event, "santunan", "2025-02-21", bencana=b2)
    layanan(no_event, "santunan", "2025-02-21")
    layanan(late, "bimbingan_sosial", "2025-04-02", bencana=b1)  # after Q1, in Q2
    assert fig("IKU-4", 2025, 1) == (1, 5, 20.0)
    assert fig("IKU-4", 2025, 2) == (2, 5, 40.0)


def test_iku4_one_row_per_event_and_person_and_victims_without_nik(fig):
    p = orang(nik=None)  # known by id_lokal only
    b1 = bencana("B1", "2025-02-10")
    b2 = bencana("B2", "2025-05-10")
    korban(b1, p)
    korban(b2, p)
    layanan(p, "santunan", "2025-05-11", bencana=b2)
    bencana("B0", "2024-12-31")  # previous year's event: none of its victims
    assert fig("IKU-4", 2025, 1) == (0, 1, 0.0)
    assert fig("IKU-4", 2025) == (1, 2, 50.0)


def test_iku4_region_is_the_event_place_and_kecamatan_level_events(fig):
    kel_event = bencana("B1", "2025-02-10", wilayah=KEL)
    kec_event = bencana("B2", "2025-02-10", wilayah="63.72.04")
    living_elsewhere = orang(kel="63.72.06.1001")
    korban(kel_event, living_elsewhere)
    layanan(living_elsewhere, "santunan", "2025-02-11", bencana=kel_event)
    korban(kec_event, orang())
    assert fig("IKU-4", 2025, region=KEL) == (1, 1, 100.0)
    assert fig("IKU-4", 2025, region="63.72.04") == (1, 2, 50.0)
    assert fig("IKU-4", 2025, region="63.72.06") == (0, 0, None)
    assert fig("IKU-4", 2025, region="63.72.06.1001") == (0, 0, None)
    assert fig("IKU-4", 2025) == (1, 2, 50.0)
