from datetime import date

import pytest

from chronik.dates import PartialDate, parse_iso


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2022", "2022", "year"),
        ("2022-12", "2022-12", "month"),
        ("2022-12-05", "2022-12-05", "day"),
        ("2022-12-05T14:30+01:00", "2022-12-05T14:30+01:00", "minute"),
        ("2022-12-05 14:30:00", "2022-12-05T14:30", "minute"),
        (" 2022-1-5 ", "2022-01-05", "day"),
    ],
)
def test_parse_keeps_precision(text: str, iso: str, precision: str) -> None:
    parsed = parse_iso(text)
    assert parsed.iso == iso
    assert parsed.precision == precision


@pytest.mark.parametrize(
    "bad", ["2022-13", "2022-02-30", "2022-12-05T25:00", "12/2022", "", "20221"]
)
def test_impossible_or_malformed_dates_raise(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_iso(bad)


def test_interval_of_a_month_is_the_whole_month() -> None:
    month = PartialDate(2023, 2)
    assert month.earliest() == date(2023, 2, 1)
    assert month.latest() == date(2023, 2, 28)
    assert month.as_date() is None
    assert PartialDate(2024).latest() == date(2024, 12, 31)


@pytest.mark.parametrize("bad", ["0000", "0000-01", "0000-12-31"])
def test_year_zero_is_refused_with_a_message_that_says_so(bad: str) -> None:
    with pytest.raises(ValueError, match="year 0 is not a date"):
        parse_iso(bad)


def test_first_and_last_representable_days_parse() -> None:
    assert parse_iso("0001-01-01").earliest() == date(1, 1, 1)
    assert parse_iso("9999-12-31").latest() == date(9999, 12, 31)
