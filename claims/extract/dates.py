"""Dates as written near ceasefires, resolved against the publication day with the tense.

dateparser puts "on Friday" in a Friday article a week back and "5 March" on the 6th (issue 3);
here a weekday resolves to the same week's day at or before publication for the past, at or after
it for the future ("from Saturday"), and a month part ("at the start of September") is a range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from claims.extract.numbers import words_value
from claims.extract.periods import MONTHS, last_day

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_ORD = r"(?:st|nd|rd|th)?"
DATE = re.compile(
    rf"\b(?P<n>\d{{1,2}}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    rf"|fifteen|twenty|thirty)\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later|earlier)\b"
    rf"|\b(?P<part>(?i:(?:at|in)\s+the\s+(?:start|beginning|end)\s+of|early|mid|late|the\s+end\s+of))"
    rf"[\s-]+(?P<pm>{_MONTH})(?:\s+(?P<py>\d{{4}}))?\b"
    rf"|\b(?:(?P<wd1>{_WEEKDAY}),?\s+)?(?P<ma>{_MONTH})\s+(?P<da>\d{{1,2}}){_ORD}(?:,?\s+(?P<ya>\d{{4}}))?\b"
    rf"|\b(?:(?P<wd2>{_WEEKDAY}),?\s+)?(?P<db>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mb>{_MONTH})(?:,?\s+(?P<yb>\d{{4}}))?\b"
    rf"|\b(?P<wd>{_WEEKDAY})\b",
)
# Every DATE match holds "day" or "week" (counts of days, weekdays) or a month written with a
# capital (DATE reads months case-sensitively): a text without any of these holds no date. Most
# sentences naming a truce hold none, and this literal scan is far cheaper than DATE's.
_DATE_WORD = re.compile(r"day|week|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_FORWARD = re.compile(
    r"\b(?:from|starting|as\s+of|will|shall|to\s+(?:begin|start|take\s+effect)|due\s+to|effective)"
    r"\b[^.;]{0,25}$",
    re.I,
)
_PART_DAYS = {"start": (1, 10), "beginning": (1, 10), "early": (1, 10), "mid": (11, 20),
              "late": (21, 31), "end": (21, 31)}  # fmt: skip


@dataclass(frozen=True)
class DateExpr:
    """A date as written: absolute (resolved), or relative to another date by `offset` days."""

    start: int
    end: int
    value: str | None  # ISO day or range
    offset: int | None = None  # days after (+) or before (-) the anchor, for relative dates


def month_of(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()[:3] if word.lower()[:4] != "sept" else "sep"]


def _year(month: int, day: int, year: str | None, published: dt.date | None, forward: bool) -> int:
    """The year of a day named without one: the nearest to publication on the tense's side."""
    if year:
        return int(year)
    if published is None:
        raise ValueError("a day without a year needs a publication date")
    near = []
    for y in (published.year - 1, published.year, published.year + 1):
        near.append(dt.date(y, month, min(day, calendar.monthrange(y, month)[1])))
    side = [c for c in near if (c >= published if forward else c <= published)]
    pool = side if side and min(abs((c - published).days) for c in side) <= 250 else near
    return min(pool, key=lambda c: abs((c - published).days)).year


def _weekday(name: str, published: dt.date, forward: bool) -> dt.date:
    delta = (WEEKDAYS[name.lower()] - published.weekday()) % 7
    return (
        published + dt.timedelta(days=delta)
        if forward
        else published - dt.timedelta(days=(7 - delta) % 7)
    )


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateExpr]:
    """Every date written in text[start:end], resolved where the text and publication day allow."""
    out: list[DateExpr] = []
    if not _DATE_WORD.search(text, start, end):
        return out
    for m in DATE.finditer(text, start, end):
        forward = bool(_FORWARD.search(text, max(start, m.start() - 30), m.start()))
        try:
            out.append(_resolve(m, published, forward))
        except (ValueError, KeyError):
            continue
    return out


def _resolve(m: re.Match[str], published: dt.date | None, forward: bool) -> DateExpr:
    g = m.groupdict()
    if g["n"]:
        n = int(g["n"]) if g["n"].isdigit() else (1 if g["n"] == "a" else words_value(g["n"]))
        if not n:
            raise ValueError("not a count of days")
        sign = 1 if g["dir"] in ("after", "later") else -1
        return DateExpr(
            m.start(), m.end(), None, offset=sign * n * (7 if "week" in g["unit"] else 1)
        )
    if g["pm"]:
        month = month_of(g["pm"])
        words = g["part"].lower().split()
        word = words[-2] if words[-1] == "of" else words[-1]
        first, last = _PART_DAYS[word.lower()]
        year = _year(month, first, g["py"], published, forward)
        end_day = min(last, last_day(year, month).day)
        return DateExpr(
            m.start(), m.end(), f"{dt.date(year, month, first)}/{dt.date(year, month, end_day)}"
        )
    if g["ma"] or g["mb"]:
        month = month_of(g["ma"] or g["mb"])
        day = int(g["da"] or g["db"])
        year = _year(month, day, g["ya"] or g["yb"], published, forward)
        return DateExpr(m.start(), m.end(), dt.date(year, month, day).isoformat())
    if published is None:
        raise ValueError("a weekday needs a publication date")
    return DateExpr(m.start(), m.end(), _weekday(g["wd"], published, forward).isoformat())


def shift(value: str, days: int) -> str:
    """An ISO day moved by a number of days."""
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
