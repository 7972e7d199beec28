"""Date resolution against the publication day, with tense: the project's own work."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.extract.dates import find_dates
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
    ],
)
def test_absolute(text: str, published: str, value: str) -> None:
    dates = find_dates(text, 0, len(text), dt.date.fromisoformat(published))
    assert [d.value for d in dates] == [value]


def test_relative() -> None:
    text = "four days after the truce"
    (d,) = find_dates(text, 0, len(text), dt.date(2019, 8, 6))
    assert d.value is None and d.offset == 4


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
