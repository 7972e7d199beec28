"""Dates as written near ceasefires, resolved against the publication day with the tense.

dateparser puts "on Friday" in a Friday article a week back and "5 March" on the 6th (issue 3);
here a weekday resolves to the same week's day at or before publication for the past, at or after
it for the future ("from Saturday"), a month part ("at the start of September") or a month ("in
June 2021") is a range, and a clock time keeps its zone so the day can be moved to the place's.
The words come from the lexicon (calendar and ceasefire sections; claims.extract.datewords).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from claims.extract.datewords import DateWords, build
from claims.extract.numbers import words_value
from claims.lexicon import Lexicon, lexicon

_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s*(?:([ap])\.?m\.?)?$|(\d\d)(\d\d)", re.I)


@dataclass(frozen=True)
class DateExpr:
    """A date as written: absolute (resolved), or relative to another date by `offset` days."""

    start: int
    end: int
    value: str | None  # ISO day or range
    offset: int | None = None  # days after (+) or before (-) the anchor, for relative dates
    minutes: int | None = None  # the clock time written with the day, minutes past midnight
    zone: str | None = None  # the time's zone as written ("GMT", "Moscow time"); None: none
    vague: bool = False  # relative without a count of days ("days after"): the date is unknown
    later: bool = False  # "later": after the date written before it
    possessive: bool = False  # "Thursday's ceasefire accord", "Friday's announcement"

    postpositive: bool = False  # "two days later": counted from the date before its verb

    @property
    def relative(self) -> bool:
        """True for a date counted from another ("four days after", "days after")."""
        return self.offset is not None or self.vague


def words(lex: Lexicon | None = None) -> DateWords:
    """The date pattern and tables of a lexicon (English by default), built once."""
    return (lex or lexicon()).derived("dates", build)


def month_of(word: str, w: DateWords | None = None) -> int:
    """The number of a month as written ("Sept." -> 9)."""
    return (w or words()).months[word.rstrip(".").lower()]


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


def _weekday(index: int, published: dt.date, forward: bool) -> dt.date:
    delta = (index - published.weekday()) % 7
    return (
        published + dt.timedelta(days=delta)
        if forward
        else published - dt.timedelta(days=(7 - delta) % 7)
    )


def find_dates(
    text: str, start: int, end: int, published: dt.date | None, lex: Lexicon | None = None
) -> list[DateExpr]:
    """Every date written in text[start:end], resolved where the text and publication day allow.

    `published` is the day the words were written or, for quoted speech, spoken."""
    w = words(lex)
    out: list[DateExpr] = []
    if not w.gate.search(text, start, end):
        return out
    for m in _matches(text, start, end, w):
        before = text[max(start, m.start() - 30) : m.start()]
        forward = bool(w.forward.search(before)) and not w.past.search(before)
        if out and out[-1].value and not text[out[-1].end : m.start()].strip():
            forward = forward or text[out[-1].start : out[-1].end].lower() == "tomorrow"
        try:
            d = _relative(m, w) if isinstance(m, _Relative) else _resolve(m, published, forward, w)
        except (ValueError, KeyError):
            continue
        if out and _merges(text, out[-1], d):
            out[-1] = DateExpr(out[-1].start, d.end, d.value, minutes=d.minutes, zone=d.zone)
            continue
        out.append(_overnight(text, start, end, d, w))
    return out


@dataclass(frozen=True)
class _Relative:
    """A relative date as found: where it starts (its count), the unit match, the count."""

    begin: int
    unit: re.Match[str]
    n: str | None

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.unit.end()


def _matches(text: str, start: int, end: int, w: DateWords) -> list[re.Match[str] | _Relative]:
    """The dates of text[start:end] in order: the pattern's and the relative ones (found at
    their unit and widened to their count), an earlier one winning where two overlap."""
    found: list[re.Match[str] | _Relative] = []
    for u in w.relative.finditer(text, start, end):
        c = w.count.search(text, max(start, u.start() - 30), u.start())
        found.append(_Relative(c.start() if c else u.start(), u, c.group("n") if c else None))
    found += list(w.pattern.finditer(text, start, end))
    found.sort(key=lambda m: (m.start(), not isinstance(m, _Relative)))
    out: list[re.Match[str] | _Relative] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _merges(text: str, prev: DateExpr, d: DateExpr) -> bool:
    """ "tomorrow 2 April": a relative day followed by the date it is, read as one."""
    return (
        prev.value is not None and d.value is not None and "/" not in d.value
        and not text[prev.end : d.start].strip() and prev.end - prev.start <= 9
        and text[prev.start : prev.end].isalpha()
    )  # fmt: skip


def _overnight(text: str, start: int, end: int, d: DateExpr, w: DateWords) -> DateExpr:
    """A day with "overnight" in its sentence covers the night before: Saturday into Sunday."""
    if not d.value or "/" in d.value or d.minutes is not None:
        return d
    if not w.overnight.search(text, max(start, d.start - 30), min(end, d.end + 90)):
        return d
    day = dt.date.fromisoformat(d.value)
    return DateExpr(d.start, d.end, f"{day - dt.timedelta(days=1)}/{day}")


def _resolve(m: re.Match[str], published: dt.date | None, forward: bool, w: DateWords) -> DateExpr:
    g = m.groupdict()
    if g["pm"]:
        return _month_part(m, published, forward, w)
    if g["mo"] or g["mo2"]:
        month = month_of(g["mo"] or g["mo2"], w)
        year = _year(month, 1, g["my"] or g["my2"], published, forward)
        return DateExpr(m.start(), m.end(), _days(year, month, 1, 31))
    if g["wk"] or g["earlier"]:
        return _named_span(m, published)
    if g["later"]:
        return DateExpr(m.start(), m.end(), None, later=True)
    return _day(m, published, forward, w)


def _relative(r: _Relative, w: DateWords) -> DateExpr:
    """ "four days after", "72 hours before", "minutes after", "days after" (unknown)."""
    g = r.unit.groupdict()
    word = r.unit.group(0).split()[0].lower()
    unit = word if word in w.units else word.rstrip("s") if g["dir"] else "minute"
    per = w.units.get(unit, 1)
    way = re.sub(r"\s+", " ", (g["dir"] or g["sdir"]).lower())
    sign = 1 if way in w.after else -1
    n = re.sub(r"\s+", " ", (r.n or "").lower())
    count = int(n) if n.isdigit() else (1 if n in ("a", "an") else words_value(n) if n else None)
    post = (g["dir"] or "").lower() in w.postpositive
    start, end = r.start(), r.end()
    if count is None:
        if per >= 1440:
            return DateExpr(start, end, None, vague=True, postpositive=post)
        return DateExpr(start, end, None, offset=0, postpositive=post)
    return DateExpr(start, end, None, offset=sign * (count * per // 1440), postpositive=post)


def _month_part(
    m: re.Match[str], published: dt.date | None, forward: bool, w: DateWords
) -> DateExpr:
    g = m.groupdict()
    month = month_of(g["pm"], w)
    said = g["part"].lower().split()
    word = said[-2] if said[-1] == "of" else said[-1]
    first, last = w.month_parts[word]
    year = _year(month, first, g["py"], published, forward)
    return DateExpr(m.start(), m.end(), _days(year, month, first, last))


def _days(year: int, month: int, first: int, last: int) -> str:
    """The ISO range of days first to last (at most the month's last) of a month."""
    last = min(last, calendar.monthrange(year, month)[1])
    return f"{dt.date(year, month, first)}/{dt.date(year, month, last)}"


def _named_span(m: re.Match[str], published: dt.date | None) -> DateExpr:
    """ "last week" (Monday to Sunday before publication), "earlier this month", "last year"."""
    if published is None:
        raise ValueError("a week named from publication needs its date")
    g = m.groupdict()
    this = g["earlier"] is not None or g["wk"].lower() == "this"
    unit = g["wku"].lower()
    if unit == "week":
        first = published - dt.timedelta(days=published.weekday() + (0 if this else 7))
        last = published if this else first + dt.timedelta(days=6)
    elif unit == "month":
        first = published.replace(day=1)
        if not this:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        last = published if this else published.replace(day=1) - dt.timedelta(days=1)
    else:
        first = dt.date(published.year - (0 if this else 1), 1, 1)
        last = published if this else dt.date(published.year - 1, 12, 31)
    return DateExpr(m.start(), m.end(), f"{first}/{last}")


def _day(m: re.Match[str], published: dt.date | None, forward: bool, w: DateWords) -> DateExpr:
    g = m.groupdict()
    if g["ma"] or g["mb"]:
        month = month_of(g["ma"] or g["mb"], w)
        day_n = int(g["da"] or g["db"])
        year_word = (g["yw"] or "").lower()
        if year_word and published:
            year = published.year + w.year_words[year_word]
        else:
            year = _year(month, day_n, g["ya"] or g["yb"], published, forward)
        day = dt.date(year, month, day_n)
    elif published is None:
        raise ValueError("a weekday or a relative day needs a publication date")
    elif g["rel"]:
        day = published + dt.timedelta(days=w.relative_days[g["rel"].lower()])
    else:
        day = _weekday(w.weekdays[g["wd"].lower()], published, forward)
    value = day.isoformat()
    if g["into"]:
        later = _weekday(w.weekdays[g["into"].lower()], day + dt.timedelta(days=1), True)
        value = f"{day}/{later}"
    time, zone = (g["t1"], g["z1"]) if g["t1"] else (g["t2"], g["z2"])
    minutes = _minutes(time, w) if time else None
    poss = bool(g["wposs"] or g["rposs"])
    return DateExpr(m.start(), m.end(), value, minutes=minutes, zone=zone, possessive=poss)


def _minutes(time: str, w: DateWords) -> int | None:
    """Minutes past midnight of a clock time: "6 a.m.", "00:01", "1900hrs", "noon"."""
    word = time.lower().split()[-1]
    if word in w.clock:
        return int(w.clock[word])
    c = _CLOCK.match(time.lower().removesuffix("hrs").removesuffix("hours").rstrip("h ").strip())
    if not c:
        return None
    if c.group(4):
        return int(c.group(4)) * 60 + int(c.group(5))
    hour, minute = int(c.group(1)), int(c.group(2) or 0)
    if c.group(3):
        hour = hour % 12 + (12 if c.group(3) == "p" else 0)
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def zone_name(written: str | None, w: DateWords | None = None) -> str | None:
    """The IANA zone of a zone as written ("GMT" -> "UTC"); "" for local time; None unknown."""
    if written is None:
        return None
    table = (w or words()).zones
    if written in table:
        return str(table[written])
    from claims.extract.clock import zone_named

    return zone_named(written.removesuffix(" time"))


def shift(value: str, days: int) -> str:
    """An ISO day (or range) moved by a number of days."""
    return "/".join(
        (dt.date.fromisoformat(part) + dt.timedelta(days=days)).isoformat()
        for part in value.split("/")
    )


__all__ = ["DateExpr", "find_dates", "month_of", "shift", "words", "zone_name"]
