"""Units served per jenis layanan (the SPM breakdown), against a world counted by hand."""

from kinerja.indicators.engine import Periode, served_by_service
from kinerja.indicators.tests.factories import bencana, korban, layanan, orang, ppks

Q1 = Periode(2025, 1)


def test_iku2_counts_people_served_inside_a_scope_registration_per_service(db):
    ani = orang("Ani")
    ppks(ani, "penyandang_disabilitas", "2024-06-01")
    layanan(ani, "permakanan", "2025-02-01")
    layanan(ani, "permakanan", "2025-03-01")  # the same person twice: once
    layanan(ani, "sandang", "2025-03-02")
    budi = orang("Budi")
    ppks(budi, "anak_telantar", "2025-01-10", selesai="2025-02-10")
    layanan(budi, "permakanan", "2025-02-05")
    layanan(budi, "sandang", "2025-02-20")  # after his registration ended: not counted
    citra = orang("Citra")
    ppks(citra, "tuna_susila", "2024-01-01")  # outside IKU-2's scope
    layanan(citra, "permakanan", "2025-02-01")
    dodi = orang("Dodi")
    ppks(dodi, "lanjut_usia_telantar", "2024-01-01", lokasi="dalam_panti")  # in a panti: out
    layanan(dodi, "permakanan", "2025-02-01")
    eka = orang("Eka")
    ppks(eka, "gelandangan", "2024-01-01")
    layanan(eka, "pengasuhan", "2025-02-01")  # not a basic-needs service
    layanan(eka, "rujukan", "2025-04-01")  # after Q1
    assert served_by_service("IKU-2", Q1) == {"permakanan": 2, "sandang": 1}
    assert served_by_service("IKU-2", Periode(2025, 2)) == {
        "permakanan": 2,
        "sandang": 1,
        "rujukan": 1,
    }


def test_iku4_counts_victims_served_for_their_own_event_per_service(db):
    b1 = bencana("B1", "2025-02-10")
    b2 = bencana("B2", "2024-12-01")  # an event of last year: out
    fajar, gita, hadi = orang("Fajar"), orang("Gita"), orang("Hadi")
    for o in (fajar, gita, hadi):
        korban(b1, o)
    korban(b2, hadi)
    layanan(fajar, "permakanan", "2025-02-11", bencana=b1)
    layanan(fajar, "santunan", "2025-02-12", bencana=b1)
    layanan(gita, "permakanan", "2025-02-09", bencana=b1)  # before the event
    layanan(gita, "sandang", "2025-02-15")  # without the event's code
    layanan(hadi, "santunan", "2025-01-05", bencana=b2)  # last year's event
    assert served_by_service("IKU-4", Q1) == {"permakanan": 1, "santunan": 1}


def test_no_breakdown_for_other_families(db):
    assert served_by_service("IKU-1", Q1) == {}
    assert served_by_service("IKU-9", Q1) == {}
