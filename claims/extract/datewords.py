"""The date pattern, built once per lexicon from its calendar (months, weekdays, day and month
parts, relative days and units) and its clock and zone words.

One alternation, tried in this order at each place: a time before or after another date ("four
days after", "minutes after"), a part of a month ("at the start of September"), a day with its
clock time and zone ("6 a.m. on Saturday", "October 18, 00:00", "2100 GMT on Monday"), a month
("in June 2021"), a week or month named from publication ("last week"), and "later".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claims.extract.rx import word_start
from claims.lexicon import Lexicon


@dataclass(frozen=True)
class DateWords:
    """The compiled date pattern and the tables resolving its groups."""

    pattern: re.Pattern[str]  # every date but the relative ones
    relative: re.Pattern[str]  # "days after", from the unit on
    count: re.Pattern[str]  # the count before it ("just a few"), ending where it starts
    gate: re.Pattern[str]  # a text without a match of this holds no date
    forward: re.Pattern[str]  # searched right before a date: it looks forward
    past: re.Pattern[str]  # ... unless this says the looking forward was in the past
    overnight: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    units: dict[str, int]  # minutes per unit
    clock: dict[str, int]  # "noon" -> 720
    zones: dict[str, str]  # "GMT" -> "UTC", "local time" -> ""
    year_words: dict[str, int]  # "last" (year) -> -1
    after: frozenset[str]  # "after", "later": the date is after its anchor
    postpositive: frozenset[str]  # "later", "earlier": counted from the date before


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _time(n: str, zones: str, cal: dict[str, Any], clock: str) -> str:
    """A clock time (group tN) with its zone (zN) and a parenthesis after it ("(0300 GMT)")."""
    core = (
        r"\d{1,2}(?:[:.]\d\d)?\s*(?i:[ap]\.?m\.?)(?!\w)|\d{1,2}[:.]\d\d(?!\d|\.\d)"
        r"|\d{4}\s*(?i:hrs|hours|h)\b|\d{4}(?=\s*(?:GMT|UTC))"
        rf"|(?i:(?:(?:{_w(cal, 'stroke')})\s+)?(?:{clock}))"
    )
    return (
        rf"(?P<t{n}>{core})(?:\s*(?P<z{n}>{zones}|[A-Z][a-z]+\s+time)(?!\w))?"
        r"(?:\s*\([^()\n]{1,25}\))?"
    )


def _w(cal: dict[str, Any], key: str) -> str:
    """The words of one `date_words` entry as an alternation, spaces matching any spacing."""
    words = cal["date_words"][key]
    return _alt([re.escape(x).replace(r"\ ", r"\s+") for x in words])


def _day(cal: dict[str, Any], month: str, weekday: str) -> str:
    """A day: "Monday, October 26", "2 April 2022", "November 2 last year", "Thursday's"."""
    ordinal = r"(?:st|nd|rd|th)?"
    rel_days = _alt(list(cal["relative_days"]))
    years = _alt(list(cal["date_words"]["year_words"]))
    the, of = _w(cal, "the"), _w(cal, "of")
    return (
        rf"(?:(?P<wd1>{weekday}),?\s+)?(?P<ma>{month})\s+(?P<da>\d{{1,2}})(?!\d){ordinal}"
        rf"(?:,?\s+(?P<ya>\d{{4}})(?!\d)|\s+(?P<yw>(?i:{years}))\s+(?i:year))?"
        rf"|(?:(?P<wd2>{weekday}),?\s+)?(?:(?i:{the})\s+)?(?P<db>\d{{1,2}}){ordinal}\s+"
        rf"(?:(?i:{of})\s+)?(?P<mb>{month})(?![a-z])(?:,?\s+(?P<yb>\d{{4}})(?!\d))?"
        rf"|(?P<wd>{weekday})(?P<wposs>'s|’s)?"
        rf"|(?i:(?P<rel>{rel_days}))(?P<rposs>'s|’s)?(?![\w-])"
    )


def _full(cal: dict[str, Any], day: str, weekday: str, zone_alt: str, clock: str) -> str:
    """A day with its part and clock times: "6 a.m. on Saturday", "the morning of October 26",
    "Saturday night into Sunday", "October 18, 00:00"."""
    parts = _alt([p.replace(" ", r"\s+") for p in cal["day_parts"]["words"] if p != "overnight"])
    the, of = _w(cal, "the"), _w(cal, "of")
    before_day = (
        rf"(?i:(?:{_w(cal, 'before_day')})\s+|(?:(?:{_w(cal, 'in_month')})\s+)?(?:{the})\s+"
        rf"(?:{parts})\s+(?:{of})\s+)"
    )
    on, at, into = _w(cal, "on"), _w(cal, "at"), _w(cal, "into")
    first = _time("1", zone_alt, cal, clock)
    return (
        rf"(?:{first}\s*,?\s*(?:(?i:{on})\s+)?)?(?:{before_day})?(?:{day})"
        rf"(?:\s+(?i:{parts}))?(?:\s+(?i:{into})\s+(?P<into>{weekday}))?"
        rf"(?:\s*,?\s*(?:(?i:{at})\s+)?{_time('2', zone_alt, cal, clock)})?"
    )


def _relative(cal: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "six days after", "just minutes before", "two days later", "shortly after": a pattern
    found at the unit (so the engine skips to it), and one for the count written before it."""
    dw = cal["date_words"]
    ways = _alt([_w(cal, "after"), _w(cal, "before")])
    plain = _alt([x for x in (*dw["after"], *dw["before"]) if x not in dw["postpositive"]])
    units = sorted(cal["relative_units"], key=len, reverse=True)
    soon = sorted(dw["soon"], key=len, reverse=True)
    counts = _alt([c.replace(" ", r"\s+") for c in cal["relative_counts"]["words"]])
    at_unit = word_start([(units, rf"s?\s+(?P<dir>{ways})\b"), (soon, rf"\s+(?P<sdir>{plain})\b")])
    count = rf"(?<![\w-])(?:(?:{_w(cal, 'limiting')})\s+)?(?:(?P<n>\d{{1,3}}|{counts})\s+)?$"
    return re.compile(at_unit), re.compile(count, re.I)


def _months(cal: dict[str, Any], month: str) -> str:
    """A part of a month ("at the start of September", "mid-March") or a month ("in June 2021")."""
    part_names = _alt(list(cal["month_parts"]))
    lead, of = _w(cal, "month_part_lead"), _w(cal, "of")
    return (
        rf"(?P<part>(?i:(?:{lead})\s+(?:{part_names})\s+(?:{of})"
        rf"|{part_names}))[\s-]+(?P<pm>{month})(?![\w])(?:,?\s+(?P<py>\d{{4}})(?!\d))?"
        rf"|(?i:{_w(cal, 'in_month')})\s+(?P<mo>{month})(?![\w])"
        rf"(?!\s+\d{{1,2}}(?!\d))(?:,?\s+(?P<my>\d{{4}})(?!\d))?"
        rf"|(?P<mo2>{month})(?![\w]),?\s+(?P<my2>\d{{4}})(?!\d)"
    )


def _spans(cal: dict[str, Any]) -> str:
    """ "last week", "earlier this month", and "later" (after the date before it)."""
    return (
        rf"(?i:(?:(?P<wk>{_w(cal, 'named')})|(?P<earlier>{_w(cal, 'earlier_this')}))"
        rf"\s+(?P<wku>{_w(cal, 'named_units')}))\b"
        rf"|(?P<later>(?i:{_w(cal, 'later')}))(?!\s+(?i:{_w(cal, 'not_after_later')})\b)(?![\w-])"
    )


def _tense(cal: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(looks forward, ... but in the past), searched in the words right before a date."""
    tense = cal.get("tense", {})
    forward = _alt(list(tense.get("forward", ["will"])))
    forward_next = _alt(list(tense.get("forward_next", ["from"])))
    past = _alt(list(tense.get("past", ["had"])))
    return (
        re.compile(
            rf"\b(?i:{forward})\b[^.;]{{0,25}}$"
            rf"|\b(?i:{forward_next})(?:\s+(?i:on|at|in|the|about|around))*\s+$"
        ),
        re.compile(rf"\b(?i:{past})\b[^.;]{{0,25}}$"),
    )


def build(lex: Lexicon) -> DateWords:
    """The date pattern of a lexicon (see the module's docstring)."""
    cal, cf = lex["calendar"], lex.get("ceasefire")
    names = {**cal["months"], **cal["month_abbreviations"]}
    month = rf"(?:{_alt([re.escape(m) for m in names])})\.?"
    weekday = _alt(list(cal["weekdays"]))
    zones = dict(cf.get("zones", {}))
    clock = _alt(list(cf.get("clock", {"noon": 720, "midnight": 0})))
    zone_alt = _alt([re.escape(z) for z in zones])
    full = _full(cal, _day(cal, month, weekday), weekday, zone_alt, clock)
    pattern = re.compile(
        rf"(?<![\w-])(?:{_months(cal, month)}|{full}|{_spans(cal)})"
    )
    # Every match holds a month or a day (a clock time is read only with one), a unit of time
    # or one of these words: a sentence without any of them holds no date.
    gate_words = ["day", "week", "month", "year", "tonight", "tomorrow", "later",
                  "subsequently", "minute", "hour", "moment", "shortly", "soon", "immediately",
                  r"right\s+(?:after|before)", r"just\s+(?:after|before)",
                  *(m[:3] for m in cal["months"])]
    forward, past = _tense(cal)
    relative, count = _relative(cal)
    return DateWords(
        pattern=pattern,
        relative=relative,
        count=count,
        gate=re.compile("|".join(gate_words)),
        forward=forward,
        past=past,
        overnight=re.compile(r"\bovernight\b", re.I),
        months={k.lower(): v for k, v in names.items()},
        weekdays={k.lower(): v for k, v in cal["weekdays"].items()},
        relative_days=dict(cal["relative_days"]),
        month_parts={k: (v[0], v[1]) for k, v in cal["month_parts"].items()},
        units=dict(cal["relative_units"]),
        clock=dict(cf.get("clock", {})),
        zones=zones,
        year_words=dict(cal["date_words"]["year_words"]),
        after=frozenset(cal["date_words"]["after"]),
        postpositive=frozenset(cal["date_words"]["postpositive"]),
    )


__all__ = ["DateWords", "build"]
