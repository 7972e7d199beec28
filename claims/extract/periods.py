"""The period a figure covers, as written and resolved: "in the past 24 hours", "since 2011"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from claims.extract.numbers import words_value
from claims.extract.rx import word_start

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "|".join(_WEEKDAYS)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25}
_COUNT = r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)"

# Case-blind; written with word_start (claims.extract.rx) so the sentence is not tried at every
# position: the same alternatives in the same order.
PERIOD = re.compile(
    word_start(
        [
            (
                ["in", "over", "during", "for", "within"],
                rf"\s+the\s+(?:past|last|previous)\s+(?:{_COUNT}\s+)?"
                rf"(?P<unit>hour|day|week|month|year)s?\b",
            ),
            rf"since\s+(?:(?P<part>early|mid|late|the\s+start\s+of|the\s+end\s+of)[\s-]+)?"
            rf"(?P<since_month>{_MONTH})(?:\s+(?P<since_year>\d{{4}}))?\b",
            (
                ["since", r"started\s+in", r"began\s+in", r"start\s+of\s+the\s+war\s+in"],
                r"\s+(?P<year>(?:19|20)\d\d)\b",
            ),
            rf"between\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?\s+and\s+(?P<m2>{_MONTH})"
            rf"(?:\s+(?P<y2>\d{{4}}))?\b",
            rf"in\s+(?P<in_month>{_MONTH})(?:\s+(?P<in_year>\d{{4}}))?\b",
            # a day's toll: "killed on Sunday" (the latest such day up to publication)
            rf"on\s+(?P<weekday>{_WEEKDAY})\b",
        ]
    )
)


@dataclass(frozen=True)
class Period:
    """A period as written and its first and last days where the text fixes them."""

    text: str
    start: dt.date | None
    end: dt.date | None


def month_year(month: int, year: str | None, published: dt.date | None) -> int | None:
    """The year of a month named without one: the latest not after the publication month."""
    if year:
        return int(year)
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_period(text: str, start: int, end: int, published: dt.date | None) -> Period | None:
    """The first period written in text[start:end], resolved against the publication date."""
    m = PERIOD.search(text, start, end)
    return _resolve(m, published) if m else None


def find_periods(
    text: str, start: int, end: int, published: dt.date | None
) -> list[tuple[int, int, Period]]:
    """Every period written in text[start:end], with where it stands."""
    return [(m.start(), m.end(), _resolve(m, published))
            for m in PERIOD.finditer(text, start, end)]


def period_for(
    start: int, end: int, periods: list[tuple[int, int, Period]], other_ends: list[int]
) -> Period | None:
    """The period a claim at text[start:end] covers: the first written after it, unless another
    claim ends in between ("12 killed overnight in a city whose 140,000 residents fled in the
    last few weeks"); else the last written before it ("Between April and August: 1,000 ...")."""
    for p_start, _, period in periods:
        if p_start >= start:
            if not any(end < e <= p_start for e in other_ends):
                return period
            break
    before = [period for _, p_end, period in periods if p_end <= start]
    return before[-1] if before else None


def _resolve(m: re.Match[str], published: dt.date | None) -> Period:
    """A period match as dates, resolved against the publication date."""
    g = m.groupdict()
    if g["unit"]:
        return _past(m.group(0), g["n"], g["unit"], published)
    if g["since_month"]:
        month = MONTHS[g["since_month"].lower()]
        year = month_year(month, g["since_year"], published)
        part = (g["part"] or "").split()[-1:] or [""]
        day = {"mid": 11, "late": 21, "end": 21}.get(part[0].lower(), 1)
        first = dt.date(year, month, day) if year else None
        return Period(m.group(0), first, published)
    if g["year"]:
        return Period(m.group(0), dt.date(int(g["year"]), 1, 1), published)
    if g["m1"]:
        m1, m2 = MONTHS[g["m1"].lower()], MONTHS[g["m2"].lower()]
        y2 = month_year(m2, g["y2"], published)
        y1 = int(g["y1"]) if g["y1"] else (y2 if y2 is None or m1 <= m2 else y2 - 1)
        if y1 is None or y2 is None:
            return Period(m.group(0), None, None)
        return Period(m.group(0), dt.date(y1, m1, 1), last_day(y2, m2))
    if g["weekday"]:
        return _weekday(m.group(0), g["weekday"], published)
    month = MONTHS[g["in_month"].lower()]
    year = month_year(month, g["in_year"], published)
    if year is None:
        return Period(m.group(0), None, None)
    return Period(m.group(0), dt.date(year, month, 1), last_day(year, month))


def _weekday(written: str, name: str, published: dt.date | None) -> Period:
    """A figure "on Sunday" counts that day: the latest Sunday on or before publication."""
    if published is None:
        return Period(written, None, None)
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    day = published - dt.timedelta(days=back)
    return Period(written, day, day)


def _past(written: str, count: str | None, unit: str, published: dt.date | None) -> Period:
    n = 1 if count is None else (int(count) if count.isdigit() else words_value(count) or 1)
    if published is None:
        return Period(written, None, None)
    days = max(1, round(n * _UNIT_DAYS[unit.lower()]))
    return Period(written, published - dt.timedelta(days=days), published)
