"""The catalogue in the database says what the decree says."""

import re
from pathlib import Path

import pytest

from kinerja.indicators.models import Indikator, Keputusan, SasaranStrategis

DECREE = Path(__file__).resolve().parents[3].parent / "shared" / "decree" / "keputusan-061-2023.md"

# The typing slips mended in the catalogue (docs/katalog-iku.md), as (stored, decree) pairs.
MENDS = [
    ("masyarakat yang disebabkan", "msysrakat yang disebabkan"),
    ("yang mampu melaksanakan fungsi sosialnya di masyarakat dibagi", "yang yang mampu melaksanakan fungsi sosialnya di masyarakat dibagi"),
    ("(jasmani, rohani dan sosial)", "(jasmani , rohani dan sosial )"),
    ("Bidang Pemberdayaan Sosial", "Bidang pemberdayaan Sosial"),
]  # fmt: skip


def _norm(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def decree_text() -> str:
    assert DECREE.exists(), f"decree not found at {DECREE}"
    return _norm(DECREE.read_text())


def _as_in_decree(value: str) -> str:
    for stored, original in MENDS:
        value = value.replace(stored, original)
    return _norm(value)


@pytest.mark.django_db
def test_version_one_is_the_decree():
    k = Keputusan.objects.get(kode_wilayah="63.72", versi=1)
    assert k.nomor == "061 Tahun 2023"
    assert k.tanggal_ditetapkan.isoformat() == "2023-01-31"
    assert (k.periode_awal, k.periode_akhir) == (2021, 2026)
    assert k.penandatangan_nama == "ROKHYAT RIYADI, SE.M.Si"
    assert k.penandatangan_nip == "19700503 199803 1 009"
    assert len(k.fungsi) == 6
    assert SasaranStrategis.objects.filter(keputusan=k).count() == 4
    codes = list(Indikator.objects.filter(keputusan=k).values_list("kode", flat=True))
    assert codes == ["IKU-1", "IKU-2", "IKU-3A", "IKU-3B", "IKU-4"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["makna", "alasan", "cara_perhitungan", "penanggung_jawab"])
def test_each_text_field_is_verbatim_in_the_decree(decree_text, field):
    for ind in Indikator.objects.filter(keputusan__versi=1):
        text = _as_in_decree(getattr(ind, field))
        # IKU-4's makna runs over a page break in the source: each half must be there.
        halves = text.split(" oleh faktor alam") if ind.kode == "IKU-4" else [text]
        for half in halves:
            assert half in decree_text, (ind.kode, field, half)


@pytest.mark.django_db
def test_indicator_names_verbatim(decree_text):
    for ind in Indikator.objects.filter(keputusan__versi=1).exclude(kode="IKU-4"):
        assert _as_in_decree(ind.nama) in decree_text, ind.kode
    iku4 = Indikator.objects.get(keputusan__versi=1, kode="IKU-4")
    # Split by the page break in the source: both halves must be there, in order.
    first, second = (
        "Persentase korban bencana alam dan sosial yang terpenuhi kebutuhannya",
        ("pada saat dan setelah tanggap darurat bencana daerah / kota."),
    )
    assert iku4.nama == f"{first} {second}"
    assert first in decree_text and second in decree_text


@pytest.mark.django_db
def test_sasaran_verbatim(decree_text):
    for s in SasaranStrategis.objects.filter(keputusan__versi=1).exclude(nomor=4):
        assert _norm(s.uraian) in decree_text
    s4 = SasaranStrategis.objects.get(keputusan__versi=1, nomor=4)
    assert s4.uraian.endswith("korban bencana alam dan sosial")


@pytest.mark.django_db
def test_units_polarity_source_and_bidang():
    rows = Indikator.objects.filter(keputusan__versi=1).select_related("bidang")
    assert {r.satuan for r in rows} == {"%"}
    assert {r.polaritas for r in rows} == {"naik"}
    assert {r.sumber_data for r in rows} == {"Dinas Sosial"}
    assert {r.kode: r.bidang.kode for r in rows} == {
        "IKU-1": "pemberdayaan",
        "IKU-2": "rehabilitasi",
        "IKU-3A": "linjamsos",
        "IKU-3B": "linjamsos",
        "IKU-4": "linjamsos",
    }
