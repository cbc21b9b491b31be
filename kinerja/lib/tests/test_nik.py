import datetime as dt

import pytest

from kinerja.lib.nik import NikError, nik_is_valid, parse_nik

TODAY = dt.date(2025, 6, 30)


def test_male_nik_gives_sex_and_birth_date():
    info = parse_nik("6372040501900002", today=TODAY)
    assert info.jenis_kelamin == "L"
    assert info.tanggal_lahir == dt.date(1990, 1, 5)


def test_female_day_is_day_plus_40():
    info = parse_nik("6372044501900001", today=TODAY)
    assert info.jenis_kelamin == "P"
    assert info.tanggal_lahir == dt.date(1990, 1, 5)
    assert parse_nik("6372047112900001", today=TODAY).tanggal_lahir == dt.date(1990, 12, 31)


@pytest.mark.parametrize("day", ["00", "32", "40", "72", "81", "99"])
def test_day_outside_both_ranges_is_invalid(day):
    with pytest.raises(NikError, match="tanggal lahir"):
        parse_nik(f"637204{day}01900001", today=TODAY)


def test_birth_year_20yy_unless_after_today():
    assert parse_nik("6372040101150001", today=TODAY).tanggal_lahir == dt.date(2015, 1, 1)
    assert parse_nik("6372040101250001", today=TODAY).tanggal_lahir == dt.date(2025, 1, 1)
    # 2025-07-01 is after today: 1925.
    assert parse_nik("6372040107250001", today=TODAY).tanggal_lahir == dt.date(1925, 7, 1)
    assert parse_nik("6372040101800001", today=TODAY).tanggal_lahir == dt.date(1980, 1, 1)


def test_invalid_dates():
    for ddmmyy in ("310299", "300299", "290201", "310499", "011399", "010099"):
        assert not nik_is_valid(f"637204{ddmmyy}0001", today=TODAY), ddmmyy
    # 29 February exists in 2000 (and 2096 is after today, 1996 is a leap year too).
    assert parse_nik("6372042902000001", today=TODAY).tanggal_lahir == dt.date(2000, 2, 29)
    assert parse_nik("6372042902960001", today=TODAY).tanggal_lahir == dt.date(1996, 2, 29)


def test_serial_0000_is_invalid():
    with pytest.raises(NikError, match="0000"):
        parse_nik("6372040501900000", today=TODAY)


@pytest.mark.parametrize(
    "province",
    ["11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76", "81", "82", "91", "96"],
)
def test_listed_provinces_are_valid(province):
    assert nik_is_valid(f"{province}72040501900002", today=TODAY)


@pytest.mark.parametrize(
    "province", ["00", "10", "20", "22", "30", "37", "50", "54", "66", "77", "83", "90", "97"]
)
def test_other_provinces_are_invalid(province):
    with pytest.raises(NikError, match="provinsi"):
        parse_nik(f"{province}72040501900002", today=TODAY)


def test_province_list_has_38_codes():
    from kinerja.regions.codes import PROVINCE_CODES

    assert len(PROVINCE_CODES) == 38


@pytest.mark.parametrize(
    "bad", ["", "637204050190000", "63720405019000021", "6372O40501900002", "６３７２040501900002"]
)
def test_form_is_16_ascii_digits(bad):
    with pytest.raises(NikError, match="16 digit"):
        parse_nik(bad, today=TODAY)


def test_today_defaults_to_wita(settings):
    assert parse_nik("6372040501900002").tanggal_lahir == dt.date(1990, 1, 5)
