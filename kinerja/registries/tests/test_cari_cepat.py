"""D260: the registry search's faster SQL finds and hides exactly what it did before."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from kinerja.indicators.tests.factories import orang
from kinerja.organisation.permissions import Area, can_view_records
from kinerja.registries import selectors
from kinerja.registries.access import LAYANAN_REHAB_Q, PERSON_AREAS, orang_visible
from kinerja.registries.models import DtksAnggota, Korban, Layanan, Orang, Ppks
from kinerja.web.tests.test_need_to_know import build_world


def _before(user, qs):
    """orang_visible as it was written before D260: readable areas, or no record anywhere."""
    o = OuterRef("pk")
    area_q = {
        Area.PPKS: Q(Exists(Ppks.objects.filter(orang=o))),
        Area.LAYANAN_REHAB: Q(Exists(Layanan.objects.filter(LAYANAN_REHAB_Q, orang=o))),
        Area.LAYANAN_LINJAMSOS: Q(Exists(Layanan.objects.exclude(LAYANAN_REHAB_Q).filter(orang=o)))
        | Q(Exists(Ppks.objects.filter(orang=o, jenis_id="anak_telantar"))),
        Area.DTKS: Q(Exists(DtksAnggota.objects.filter(orang=o))),
        Area.KORBAN: Q(Exists(Korban.objects.filter(orang=o))),
    }
    readable = [a for a in PERSON_AREAS if can_view_records(user, a)]
    if len(readable) == len(PERSON_AREAS):
        return qs
    if not readable:
        return qs.none()
    cond = Q()
    for a in readable:
        cond |= area_q[a]
    unregistered = Q()
    for q in area_q.values():
        unregistered &= ~q
    return qs.filter(cond | unregistered)


@pytest.mark.django_db
def test_every_role_sees_the_same_people_as_before(users):
    build_world()
    orang("Baru Tanpa Catatan", nik="6372040101990009")  # no record yet: everyone's to see
    seen = set()
    for user in users.values():
        now = set(orang_visible(user, Orang.objects.all()).values_list("pk", flat=True))
        assert now == set(_before(user, Orang.objects.all()).values_list("pk", flat=True))
        seen.add(frozenset(now))
    assert len(seen) > 2  # the roles do differ: the comparison is not between full lists


@pytest.mark.django_db
def test_sixteen_digits_search_nik_kk_and_id_lokal_not_names():
    a = orang("Ani", nik="6372040101900011", no_kk="6372040101900099")
    b = orang("Budi", nik=None)
    c = orang("Nama 6372040101900011 aneh", nik="6372040101900012")
    found = lambda q: set(selectors.orang_list(q=q).values_list("pk", flat=True))  # noqa: E731
    assert found("6372040101900011") == {a.pk}  # a name holding the digits is not a match
    assert found("6372040101900099") == {a.pk}
    assert found(b.id_lokal.lower()) == {b.pk}
    assert found("aneh") == {c.pk}


@pytest.mark.django_db
def test_no_jit_on_postgresql():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW jit")
            assert cur.fetchone()[0] == "off"
        else:
            assert connection.settings_dict.get("OPTIONS", {}).get("options") is None
