import datetime as dt

import pytest

from kinerja.api.services import token_create
from kinerja.registries.models import Layanan, Orang, Ppks

NIK = "6372044101900001"
NAMA = "Siti Contoh"


@pytest.fixture
def served(db):
    """One person in IKU-2's scope, with a NIK, served in Q1 2025: the unit endpoint has a row."""
    o = Orang.objects.create(
        nik=NIK, nama=NAMA, jenis_kelamin="P",
        tanggal_lahir=dt.date(1990, 1, 1), kelurahan_id="63.72.04.1003",
    )  # fmt: skip
    Ppks.objects.create(
        orang=o, jenis_id="penyandang_disabilitas", tanggal_daftar=dt.date(2024, 1, 1)
    )
    Layanan.objects.create(orang=o, jenis_id="permakanan", tanggal=dt.date(2025, 2, 1))
    return o


@pytest.fixture
def tokens(users) -> dict[str, str]:
    """A fresh API token per role of the `users` fixture."""
    return {role: token_create(user=user) for role, user in users.items()}
