"""The one permission rule, for every role and every area."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kinerja.organisation.permissions import (
    AREA_BIDANG,
    Area,
    can_change,
    can_see_nik,
    can_view,
)

REGISTRY_AREAS = list(AREA_BIDANG)


@pytest.mark.django_db
def test_anonymous_sees_and_changes_nothing():
    anon = AnonymousUser()
    assert not any(can_view(anon, a) or can_change(anon, a) for a in Area)


@pytest.mark.django_db
@pytest.mark.parametrize("bidang", ["pemberdayaan", "rehabilitasi", "linjamsos"])
@pytest.mark.parametrize("role", ["staf", "kabid"])
def test_bidang_people_change_only_their_bidang_registries(users, role, bidang):
    user = users[f"{role}_{bidang}"]
    for area in REGISTRY_AREAS:
        assert can_view(user, area)
        assert can_change(user, area) == (AREA_BIDANG[area] == bidang), area
    for area in (Area.KATALOG, Area.TARGET, Area.ANGGARAN, Area.PENGGUNA):
        assert not can_change(user, area)


@pytest.mark.django_db
def test_auditor_reads_everything_and_changes_nothing(users):
    auditor = users["auditor"]
    for area in Area:
        assert not can_change(auditor, area)
        assert can_view(auditor, area) == (area != Area.PENGGUNA)
    assert can_view(auditor, Area.AUDIT)


@pytest.mark.django_db
def test_perencana_changes_planning_only(users):
    p = users["perencana"]
    assert {a for a in Area if can_change(p, a)} == {Area.KATALOG, Area.TARGET, Area.ANGGARAN}


@pytest.mark.django_db
def test_kadis_changes_no_registry_and_admin_changes_all(users):
    assert not any(can_change(users["kadis"], a) for a in REGISTRY_AREAS)
    assert all(can_change(users["admin"], a) for a in Area)


@pytest.mark.django_db
def test_full_nik_only_for_roles_that_work_with_people(users):
    seeing = {name for name, u in users.items() if can_see_nik(u)}
    assert seeing == {
        "staf_pemberdayaan", "staf_rehabilitasi", "staf_linjamsos", "kabid_pemberdayaan",
        "kabid_rehabilitasi", "kabid_linjamsos", "admin",
    }  # fmt: skip
    assert not can_see_nik(AnonymousUser())
