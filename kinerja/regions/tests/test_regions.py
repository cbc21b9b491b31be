import pytest

from kinerja.regions.codes import normalise_kode
from kinerja.regions.models import Wilayah


@pytest.mark.django_db
def test_banjarbaru_has_five_kecamatan_and_twenty_kelurahan():
    kota = Wilayah.objects.get(kode="63.72")
    assert kota.nama == "Kota Banjarbaru"
    kec = Wilayah.objects.in_kabkota("63.72").kecamatan()
    assert list(kec.values_list("kode", flat=True)) == [
        "63.72.02", "63.72.03", "63.72.04", "63.72.05", "63.72.06",
    ]  # fmt: skip
    kel = Wilayah.objects.in_kabkota("63.72").kelurahan()
    assert kel.count() == 20
    assert Wilayah.objects.get(kode="63.72.04.1003").nama == "Komet"
    assert Wilayah.objects.get(kode="63.72.04.1003").induk_id == "63.72.04"
    assert not Wilayah.objects.filter(kode="63.72.01").exists()


def test_normalise_region_codes():
    assert normalise_kode("6372041003") == "63.72.04.1003"
    assert normalise_kode(" 63.72.04.1003 ") == "63.72.04.1003"
    assert normalise_kode("637204") == "63.72.04"
    assert normalise_kode("63.72.4.1003") is None
    assert normalise_kode("63720410") is None
    assert normalise_kode("") is None
