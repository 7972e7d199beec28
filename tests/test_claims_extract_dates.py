"""Date resolution against the publication day, with tense: the project's own work."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.extract.clock import local_day, zone_of_place
from claims.extract.dates import find_dates, shift, zone_name
from claims.extract.periods import find_period


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("on Friday", "2019-08-30", "2019-08-30"),  # a Friday article: the same day
        ("from Saturday", "2019-08-30", "2019-08-31"),  # "from" looks forward
        ("on Sunday", "2020-01-16", "2020-01-12"),  # past: the Sunday before
        ("from 6am on August 31", "2019-08-30", "2019-08-31"),
        ("on 5 March", "2020-06-06", "2020-03-05"),
        ("announced on 1st August", "2019-08-06", "2019-08-01"),
        ("on December 30", "2020-01-06", "2019-12-30"),  # across the new year
        ("at the start of September", "2019-09-10", "2019-09-01/2019-09-10"),
        ("in late November", "2021-12-02", "2021-11-21/2021-11-30"),
        ("Monday, August 5", "2019-08-06", "2019-08-05"),
        ("took effect at 6 a.m. on Saturday", "2024-03-06", "2024-03-02"),
        ("will begin on Friday at 7 am", "2022-03-09", "2022-03-11"),
        ("was supposed to begin on Tuesday night", "2016-12-14", "2016-12-13"),
        ("from early hours of November 10", "2020-11-10", "2020-11-10"),
        ("signed late on 9 October", "2022-10-12", "2022-10-09"),
        ("in effect at midnight on Wednesday", "2022-05-05", "2022-05-04"),
        ("comes into effect tomorrow 2 April at 1900hrs", "2022-04-01", "2022-04-02"),
        ("starting from tonight", "2022-03-05", "2022-03-05"),
        ("on November 2 last year", "2023-01-17", "2022-11-02"),
        ("In June 2021, rebels", "2023-01-15", "2021-06-01/2021-06-30"),
        ("only in March 2022", "2023-01-15", "2022-03-01/2022-03-31"),
        ("made an offer last week", "2022-04-01", "2022-03-21/2022-03-27"),
        ("on Saturday night into Sunday", "2020-10-26", "2020-10-24/2020-10-25"),
        ("on Sunday after fighting overnight", "2018-12-16", "2018-12-15/2018-12-16"),
    ],
)
def test_absolute(text: str, published: str, value: str) -> None:
    dates = find_dates(text, 0, len(text), dt.date.fromisoformat(published))
    assert [d.value for d in dates] == [value]


def test_relative() -> None:
    text = "four days after the truce"
    (d,) = find_dates(text, 0, len(text), dt.date(2019, 8, 6))
    assert d.value is None and d.offset == 4


@pytest.mark.parametrize(
    ("text", "offset", "vague"),
    [
        ("72 hours after the vote", 3, False),  # a count of hours moves whole days
        ("a week before the truce", -7, False),
        ("just minutes after the truce", 0, False),  # no count: minutes leave the day
        ("a few hours after the truce", 0, False),
        ("shortly after the truce", 0, False),
        ("days after a truce", None, True),  # no count of days: unknown
    ],
)
def test_relative_units(text: str, offset: int | None, vague: bool) -> None:
    (d,) = find_dates(text, 0, len(text), dt.date(2020, 1, 1))
    assert (d.offset, d.vague, d.value) == (offset, vague, None)


def test_later_and_possessive() -> None:
    text = "the army later said; Thursday's ceasefire accord"
    later, thursday = find_dates(text, 0, len(text), dt.date(2018, 12, 16))
    assert later.later and later.value is None
    assert thursday.possessive and thursday.value == "2018-12-13"


def test_clock_time_and_zone_kept() -> None:
    text = "the delay until 2100 GMT on Monday"
    (d,) = find_dates(text, 0, len(text), dt.date(2018, 12, 18))
    assert (d.value, d.minutes, d.zone) == ("2018-12-17", 21 * 60, "GMT")
    assert zone_name(d.zone) == "UTC" and zone_name("local time") == ""


@pytest.mark.parametrize(
    ("day", "minutes", "zone", "place", "local"),
    [
        ("2018-12-17", 21 * 60, "UTC", "Hodeidah", "2018-12-18"),  # Yemen is UTC+3
        ("2021-03-03", 0, "Europe/Moscow", "Idlib province", "2021-03-02"),  # Syria: UTC+2
        ("2021-03-03", 12 * 60, "Europe/Moscow", "Idlib province", "2021-03-03"),
        ("2021-03-03", 30, "", "Idlib province", "2021-03-03"),  # local time: not moved
        ("2021-03-03", 30, "UTC", "Russia", "2021-03-03"),  # a country of many zones: not moved
    ],
)
def test_local_day(day: str, minutes: int, zone: str, place: str, local: str) -> None:
    when = local_day(dt.date.fromisoformat(day), minutes, zone, zone_of_place(place))
    assert when == dt.date.fromisoformat(local)


def test_zone_of_place() -> None:
    assert zone_of_place("Hodeidah") == "Asia/Aden"
    assert zone_of_place("Gaza City") == "Asia/Gaza"
    assert zone_of_place("Russia") is None and zone_of_place(None) is None


def test_shift_moves_ranges() -> None:
    assert shift("2020-03-01", -1) == "2020-02-29"
    assert shift("2020-03-01/2020-03-10", 2) == "2020-03-03/2020-03-12"


def test_not_dates() -> None:
    text = "7 km of road, 70% of the territory, 1,000 people and a pause of 24 hours"
    assert find_dates(text, 0, len(text), dt.date(2020, 1, 1)) == []


def test_no_publication_date_no_weekday() -> None:
    assert find_dates("on Sunday", 0, 9, None) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in the past twenty-four hours", "2020-01-15", "2020-01-16"),
        ("since late April", "2019-04-21", "2020-01-16"),
        ("between April and August 2019", "2019-04-01", "2019-08-31"),
        ("since 2011", "2011-01-01", "2020-01-16"),
        ("in May", "2019-05-01", "2019-05-31"),
    ],
)
def test_periods(text: str, start: str, end: str) -> None:
    published = dt.date(2020, 1, 16)
    period = find_period(text, 0, len(text), published)
    assert period is not None
    assert (period.start, period.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
