import datetime as dt
from decimal import Decimal

import pytest

from kinerja.lib import parsing
from kinerja.lib.parsing import ParseError

D = dt.date(2025, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-14", "14/03/2025", "14-03-2025", "2025-03-14 10:30", "2025-03-14 10:30:15",
        "2025-03-14T10:30:15", "14/03/2025 08.00", "14-03-2025 23:59:59", " 14/3/2025 ",
    ],
)  # fmt: skip
def test_date_forms_with_optional_time(text):
    assert parsing.tanggal(text) == D


def test_date_cells():
    assert parsing.tanggal(dt.datetime(2025, 3, 14, 9, 0)) == D
    assert parsing.tanggal(D) == D


@pytest.mark.parametrize(
    "text",
    ["31/02/2025", "2025-13-01", "14.03.2025", "03/14/2025", "kemarin", "2025/03/14", "14/03/25"],
)
def test_not_dates(text):
    with pytest.raises(ParseError):
        parsing.tanggal(text)


def test_periode():
    assert parsing.periode("2025-01") == dt.date(2025, 1, 1)
    assert parsing.periode("2025-7") == dt.date(2025, 7, 1)
    for bad in ("2025-13", "01-2025", "2025"):
        with pytest.raises(ParseError):
            parsing.periode(bad)


@pytest.mark.parametrize(
    "text,value",
    [("1500000", 1500000), ("1.500.000", 1500000), ("Rp 1.500.000", 1500000), ("Rp1.500.000", 1500000),
     ("rp. 250.000", 250000), ("0", 0), ("999", 999), (1500000, 1500000), (1500000.0, 1500000)],
)  # fmt: skip
def test_rupiah(text, value):
    assert parsing.rupiah(text) == value


@pytest.mark.parametrize(
    "text", ["1.500.000,00", "1,5", "1.50", "-5000", "Rp -1", "satu juta", "1.5000", 12.5]
)
def test_not_rupiah(text):
    with pytest.raises(ParseError):
        parsing.rupiah(text)


def test_numbers_comma_and_point():
    assert parsing.angka("87,5") == Decimal("87.5")
    assert parsing.angka("87.5") == Decimal("87.5")
    assert parsing.angka(87.5) == Decimal("87.5")
    with pytest.raises(ParseError, match="negatif"):
        parsing.angka("-1")
    with pytest.raises(ParseError):
        parsing.angka("8,7,5")


def test_whole_number_in_range():
    assert parsing.bilangan_bulat("3", label="desil", low=1, high=10) == 3
    assert parsing.bilangan_bulat(3.0, label="desil", low=1, high=10) == 3
    for bad in ("0", "11", "2.5"):
        with pytest.raises(ParseError, match="1 sampai 10"):
            parsing.bilangan_bulat(bad, label="desil", low=1, high=10)


@pytest.mark.parametrize(
    "text,value", [("L", "L"), ("p", "P"), ("Laki-laki", "L"), ("PEREMPUAN", "P"), (" l ", "L")]
)
def test_jenis_kelamin(text, value):
    assert parsing.jenis_kelamin(text) == value


def test_jenis_kelamin_other():
    with pytest.raises(ParseError):
        parsing.jenis_kelamin("W")


def test_codes_case_insensitive():
    allowed = {"apbd": "APBD", "lainnya": "lainnya"}
    assert parsing.kode("apbd", allowed, label="sumber_dana") == "APBD"
    assert parsing.kode("LAINNYA", allowed, label="sumber_dana") == "lainnya"
    with pytest.raises(ParseError, match="tidak ada dalam daftar kode"):
        parsing.kode("hibah", allowed, label="sumber_dana")


def test_region_codes_dotted_and_plain():
    assert parsing.kode_wilayah("6372041003") == "63.72.04.1003"
    assert parsing.kode_wilayah("63.72.04.1003") == "63.72.04.1003"
    assert parsing.kode_wilayah("637204") == "63.72.04"
    assert parsing.kode_wilayah(6372041003) == "63.72.04.1003"
    with pytest.raises(ParseError):
        parsing.kode_wilayah("63-72-04")
