import io

import pytest
from django.core.management import call_command

from kinerja.registries.models import Bencana, DtksAnggota, Korban, Layanan, Orang, Ppks, Psks


@pytest.mark.django_db
def test_demo_loads_every_registry_through_the_importer_without_rejects(tmp_path):
    out = io.StringIO()
    call_command("demo", "--scale", "0.05", "--dir", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "ditolak    0" in text and "ditolak    1" not in text
    for model in (Orang, Ppks, Psks, Layanan, DtksAnggota, Bencana, Korban):
        assert model.objects.exists(), model.__name__
    assert Layanan.objects.filter(impor__isnull=False).count() == Layanan.objects.count()
    assert (tmp_path / "layanan.csv").exists()


@pytest.mark.django_db
def test_demo_if_empty_leaves_existing_data_alone(tmp_path):
    call_command("demo", "--scale", "0.02", "--dir", str(tmp_path), stdout=io.StringIO())
    people = Orang.objects.count()
    out = io.StringIO()
    call_command("demo", "--if-empty", "--dir", str(tmp_path), stdout=out)
    assert "sudah berisi data" in out.getvalue()
    assert Orang.objects.count() == people
