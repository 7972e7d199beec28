"""The period a figure covers, as written and resolved: "in the past 24 hours", "since June 1",
"between 19 February and 19 June 2017", "as of 18 November", "three weeks of operations".

The words are the lexicon's (periods.toml, and months and weekdays from calendar.toml). A date
without a year is the latest such day on or before publication: figures count what happened.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claims.extract.numbers import words_value
from claims.extract.rx import literal_prefixes, word_start
from claims.lexicon import Lexicon, lexicon


@dataclass(frozen=True)
class Period:
    """A period as written and its first and last days where the text fixes them; `since` when
    it is written from a start ("since June 1"), `asof` when only its end is written."""

    text: str
    start: dt.date | None
    end: dt.date | None
    since: bool = False
    asof: bool = False
    counted: bool = False  # its start is counted back from a duration ("three weeks of ...")
    event: str | None = None  # the event a whole-event toll covers: "battle", "crackdown"
    portion: str = ""  # the part of the event: "first month"; "" for the whole event
    closed: bool = False  # the event (or its part) ran its course: "the nine-month battle"


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Calendar:
    """The period words of one language as patterns."""

    months: dict[str, int]
    date: re.Pattern[str]
    cue: re.Pattern[str]
    duration: re.Pattern[str]
    count_before: re.Pattern[str]
    joiner: re.Pattern[str]
    units: dict[str, float]
    parts: dict[str, int]
    weekday: re.Pattern[str]
    weekdays: dict[str, int]
    any_word: re.Pattern[str]  # a month, a weekday, a unit or "past": a text without holds none
    since_began: re.Pattern[str]  # "since the war began with protests" before "in March 2011"
    event: re.Pattern[str]  # an event noun ("battle", "war")
    event_lead: re.Pattern[str]  # what stands before it: a cue, a portion, a few modifiers
    event_closed: re.Pattern[str]  # "which lasted" after it
    ongoing: frozenset[str]  # events a duration does not close: "the five-year war"
    event_agent: re.Pattern[str]  # a sentence opening on the event: "The brutal civil war"
    event_kills: re.Pattern[str]  # ... that killed: "in northern Ethiopia may have killed"


def _weekday(cal: Calendar, name: str, published: dt.date | None) -> dt.date | None:
    """The latest such weekday on or before publication."""
    if published is None:
        return None
    back = (published.weekday() - cal.weekdays[name.lower()]) % 7
    return published - dt.timedelta(days=back)


def _build(lex: Lexicon) -> Calendar:
    cal, per = lex["calendar"], lex["periods"]
    months = {k.lower(): v for k, v in {**cal["months"], **cal["month_abbreviations"]}.items()}
    month = "|".join(sorted([*cal["months"], *cal["month_abbreviations"]], key=len, reverse=True))
    weekday = "|".join(cal["weekdays"])
    part = "|".join(sorted(per["month_parts"], key=len, reverse=True))
    count = r"\d+|[A-Za-z]+(?:-[a-z]+)?"
    unit = "|".join(per["units"])
    date = (
        rf"(?:(?:{weekday}),?\s+)?(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{month})\b\.?(?:,?\s+(?P<y2>\d{{4}}))?"
        rf"|(?:the\s+)?(?P<part>(?i:{part}))(?:\s+of)?[\s-]+(?P<m3>{month})\b(?:\s+(?P<y3>\d{{4}}))?"
        rf"|(?P<m4>{month})\b(?:\s+(?P<y4>\d{{4}}))?"
        rf"|(?P<y5>(?:19|20)\d\d)\b"
    )  # fmt: skip
    cues = {
        "past": [(per["past"], rf"\s+the\s+(?:{'|'.join(per['past_words'])})\s+"
                               rf"(?:(?P<n>{count})\s+)?(?P<unit>{unit})s?\b")],
        "since": [(per["since"], r"\s+(?:the\s+)?")],
        "between": [(per["between"], r"\s+(?:the\s+)?")],
        "until": [(per["until"], r"\s+(?:the\s+)?")],
        "month": [(["in", "during"], r"\s+(?:the\s+month\s+of\s+)?(?=[A-Z])")],
        "day": [(["on"], r"\s+(?:the\s+)?(?=[A-Z0-9])")],
        # "killed 40 civilians Saturday": a weekday without "on" (not "said Saturday")
        "bare": [(list(cal["weekdays"]), r"\b")],
    }  # fmt: skip
    after = "|".join(per["duration_after"])
    # "three weeks of operations": found by its unit (a literal the engine skips to), then the
    # count before it is read backwards
    duration = rf"(?P<unit2>{unit})s?\s+(?:{after})\b"
    cue = word_start({k: v for k, v in cues.items()})
    events = _event_patterns(per, count, unit)
    return Calendar(
        months, re.compile(date), re.compile(cue), re.compile(duration),
        re.compile(rf"(?<![\w-])(?P<n2>{count})[\s-]+$"),
        re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*(?:the\s+)?"),
        {k: float(v) for k, v in per["units"].items()},
        {k: int(v) for k, v in per["month_parts"].items()},
        re.compile(rf"(?:{weekday})\b"), {k.lower(): int(v) for k, v in cal["weekdays"].items()},
        re.compile(literal_prefixes([*cal["months"], *cal["month_abbreviations"],
                                     *cal["weekdays"], *per["units"], *per["past_words"]])
                   + r"|\d\d\d\d|\d/\d"),
        re.compile(rf"(?:\b(?:{'|'.join(per['since_began'])})\b[^,.;:]{{0,80}}?)?\b"
                   rf"(?:{'|'.join(per['began'])})\b[^,.;:]{{0,60}}$", re.I),
        events[0], events[1], events[2], frozenset(per["event_ongoing"]), events[3], events[4],
    )


def _event_patterns(per: Mapping[str, Any], count: str,
                    unit: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                        re.Pattern[str], re.Pattern[str]]:
    """The event a toll covers: its noun, then (read backwards from it) the cue, the portion
    and up to four modifiers ("in the first month of a Myanmar army crackdown")."""
    def alt(key: str) -> str:
        return "|".join(per[key])

    # (written with word_start: the engine skips to the nouns' first letters, 2x faster)
    noun = re.compile(word_start(list(per["event_nouns"])) + r"\b")
    mod = rf"(?:(?!(?:{alt('event_breaks')})\b)[\w’'-]+\s+)"
    lead = re.compile(
        rf"(?<![\w-])(?P<cue>{alt('event_cues')})\s+"
        rf"(?:(?:the\s+)?(?P<portion>(?:{alt('event_portions')})\s+(?:(?:{count})\s+)?"
        rf"(?:{unit})s?)\s+of\s+)?"
        rf"(?P<det>(?:the|a|an|this|that|its|their)\s+)?(?P<mods>{mod}{{0,4}})$", re.I)
    closed = re.compile(rf",?\s+(?:{alt('event_closed_after')})\b", re.I)
    # the event as the subject of a sentence: "The brutal war in Tigray may have killed"
    agent = re.compile(rf"\s*(?P<cue>)(?P<portion>)(?P<det>(?:the|a|an)\s+)?(?P<mods>{mod}{{0,4}})",
                       re.I)
    kills = re.compile(rf"(?:\s+(?:in|of|on|for)(?:\s+[\w’'-]+){{1,4}}?)?\s+"
                       rf"(?:(?:{alt('event_agent_verbs')})\s+)?(?:{alt('event_kill_verbs')})\b",
                       re.I)
    return noun, lead, closed, agent, kills


_NAME_GOES_ON = re.compile(r"\s+(?:of\s+|for\s+)?[A-Z][a-z]+\s+[A-Z]")  # "Revolution General C"
_RAN = re.compile(r"\b(?:\d+|[a-z]+)-(?:hour|day|week|month|year)s?(?:-long)?\b", re.I)


def _events(cal: Calendar, text: str, start: int, end: int,
            stored: bool = False) -> list[tuple[int, int, Period]]:
    """The whole-event periods of text[start:end]: "during the nine-month battle", and an
    event that did the killing: "the war in Tigray may have killed"."""
    out = []
    for m in cal.event.finditer(text, start, end):
        if _NAME_GOES_ON.match(text, m.end(), end):
            continue  # "the Syrian Revolution General Commission" is a body, not an event
        lead = cal.event_lead.search(text, max(start, m.start() - 90), m.start())
        if lead is not None and not (lead.group("det") or lead.group("mods")
                                     or lead.group("portion")):
            lead = None  # "killed in battle", "in operations": no one event named
        if lead is None:
            # from the sentence's start, or a dash or colon ("TEHRAN (MNA) - The war ...")
            opening = max(start, *(text.rfind(c, start, m.start()) + 1 for c in "–—:\n"))
            lead = cal.event_agent.fullmatch(text, opening, m.start())
            kills = stored or cal.event_kills.match(text, m.end(), end) is not None
            if lead is None or not kills:
                continue
        portion = " ".join((lead.group("portion") or "").lower().split()).rstrip("s")
        noun = " ".join(m.group(0).lower().split())
        # "the nine-month battle" ran its course; "the five-year war" is how long it has run
        ran = noun not in cal.ongoing and bool(_RAN.search(lead.group("mods")))
        closed = bool(portion) or ran
        stop = m.end()
        if (after := cal.event_closed.match(text, stop, end)) is not None:
            closed, stop = True, after.end()
        noun = " ".join(m.group(0).lower().split())
        first = lead.start("mods") if not lead.group("cue") else lead.start()
        first = min(first, lead.end() - len(lead.group(0).lstrip()))
        out.append((first, stop, Period(text[first:stop], None, None,
                                               event=noun, portion=portion, closed=closed)))
    return out


def event_of(written: str | None, lex: Lexicon | None = None) -> Period | None:
    """The whole-event period a stored period text names, if it names one (for the check:
    "in the nine-month battle" is the battle, run its course)."""
    if not written:
        return None
    cal = calendar_of(lex or lexicon())
    found = _events(cal, written, 0, len(written), stored=True)
    return found[-1][2] if found else None


def calendar_of(lex: Lexicon) -> Calendar:
    return lex.derived("periods", _build)


def _year(month: int, day: int, year: str | None, published: dt.date | None) -> int | None:
    """The year of a day named without one: the latest not after publication."""
    if year:
        return int(year)
    if published is None:
        return None
    this = dt.date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    return published.year if this <= published else published.year - 1


def _date(cal: Calendar, m: re.Match[str], published: dt.date | None,
          end_of: bool) -> dt.date | None:
    """The day a date match names: its first day, or its last where `end_of` ("until May")."""
    g = m.groupdict()
    if g["y5"]:
        y = int(g["y5"])
        return dt.date(y, 12, 31) if end_of else dt.date(y, 1, 1)
    name = g["m1"] or g["m2"] or g["m3"] or g["m4"]
    month = cal.months[name.lower().rstrip(".")]
    if g["d1"] or g["d2"]:
        day = int(g["d1"] or g["d2"])
        if not 1 <= day <= calendar.monthrange(2000, month)[1]:
            return None
    elif g["part"]:
        day = cal.parts.get(g["part"].lower().split()[-1], 1)
    else:
        day = 1
    year = _year(month, day, g["y1"] or g["y2"] or g["y3"] or g["y4"], published)
    if year is None:
        return None
    if end_of and not (g["d1"] or g["d2"] or g["part"]):
        return last_day(year, month)
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def find_periods(
    text: str, start: int, end: int, published: dt.date | None, lex: Lexicon | None = None
) -> list[tuple[int, int, Period]]:
    """Every period written in text[start:end], with where it stands."""
    cal = calendar_of(lex or lexicon())
    out: list[tuple[int, int, Period]] = []
    if cal.event.search(text, start, end) is not None:
        events = _events(cal, text, start, end)
    else:
        events = []
    if cal.any_word.search(text, start, end) is None:
        return events
    pos = start
    while (m := cal.cue.search(text, pos, end)) is not None:
        found = _period(cal, text, m, end, published)
        if found is not None:
            out.append(found)
            pos = found[1]
        else:
            pos = m.end()
    for m in cal.duration.finditer(text, start, end):
        count = cal.count_before.search(text, max(start, m.start() - 24), m.start())
        if count and count.group("n2").lower() in ("first", "last", "past", "next"):
            continue  # "the first month of the crackdown" counts from its start, not back
        if count and not any(a <= m.start() < b for a, b, _ in out):
            written = text[count.start() : m.end()]
            out.append((count.start(), m.end(),
                        _past(cal, written, count.group("n2"), m.group("unit2"), published)))
    out += [e for e in events if not any(a <= e[0] < b or e[0] <= a < e[1] for a, b, _ in out)]
    return sorted(out, key=lambda p: p[0])


_SAID = re.compile(r"\b(?:said|says|say|announced|reported|told|stated|added|statement|"
                   r"on|late|early|since|until|last|next|this|every|from|by)\s+$", re.I)


def _period(cal: Calendar, text: str, m: re.Match[str], end: int,
            published: dt.date | None) -> tuple[int, int, Period] | None:
    kind = m.lastgroup
    if kind == "past":
        return m.start(), m.end(), _past(cal, text[m.start() : m.end()], m.group("n"),
                                         m.group("unit"), published)
    if kind == "bare":
        if not m.group(0)[:1].isupper() or _SAID.search(text, max(0, m.start() - 24), m.start()):
            return None
        day = _weekday(cal, m.group(0), published)
        return m.start(), m.end(), Period(m.group(0), day, day)
    if kind == "day" and (wd := cal.weekday.match(text, m.end(), end)):
        day = _weekday(cal, wd.group(0), published)  # "on Sunday": that day's toll
        return m.start(), wd.end(), Period(text[m.start() : wd.end()], day, day)
    if kind in ("between", "since") and (n := _NUMERIC.match(text, m.end(), end)):
        days = _numeric(n, published)
        if days is not None:
            return m.start(), n.end(), Period(text[m.start() : n.end()], *days, since=True)
    d = cal.date.match(text, m.end(), end)
    if d is not None and kind in ("month", "day") and (since := cal.since_began.search(
            text, max(0, m.start() - 90), m.start())):
        # "since the conflict began with protests in March 2011", "the war, which flared in
        # 2011, has killed": since that day, month or year
        first = _date(cal, d, published, end_of=False)
        return since.start(), d.end(), Period(text[since.start() : d.end()], first, published,
                                              since=True)
    if d is None or (kind in ("month", "day") and not (d.group("m4") or d.group("d1")
                                                        or d.group("d2"))):
        return None
    if kind == "month" and d.group("m4"):  # "in May": the month
        first = _date(cal, d, published, end_of=False)
        last = _date(cal, d, published, end_of=True)
        return m.start(), d.end(), Period(text[m.start() : d.end()], first, last)
    if kind == "day":
        if d.group("m4") or d.group("y5"):
            return None
        day = _date(cal, d, published, end_of=False)
        return m.start(), d.end(), Period(text[m.start() : d.end()], day, day)
    if kind in ("between", "since"):
        second = _second(cal, text, d.end(), end, published)
        if second is not None:
            stop, last = second
            # "between November and February 2020": the first without a year precedes the last
            first = _date(cal, d, last or published, end_of=False)
            return m.start(), stop, Period(text[m.start() : stop], first, last, since=True)
        if kind == "between":
            return None
        first = _date(cal, d, published, end_of=False)
        return m.start(), d.end(), Period(text[m.start() : d.end()], first, published, since=True)
    last = _date(cal, d, published, end_of=True)  # "as of 18 November", "until March"
    return m.start(), d.end(), Period(text[m.start() : d.end()], None, last, asof=True)


# "from 17/10 to 3/11": numeric days of a range, read where one of them shows the order
_NUMERIC = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d\d))?\s*"
                      r"(?:to|until|till|through|and|-|–)\s*"
                      r"(?P<c>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<z>\d{4}|\d\d))?(?![\d/])")


def _numeric(m: re.Match[str], published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a numeric range, day first or month first where a number
    above 12 says which (both orders possible, or neither: not read)."""
    a, b, c, d = (int(m.group(k)) for k in "abcd")
    day_first, month_first = a > 12 or c > 12, b > 12 or d > 12
    if day_first == month_first:
        return None
    (d1, m1), (d2, m2) = ((a, b), (c, d)) if day_first else ((b, a), (d, c))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y2 = _numeric_year(m.group("z") or m.group("y"), m2, d2, published)
    if y2 is None or d2 > calendar.monthrange(y2, m2)[1]:
        return None
    y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if d1 > calendar.monthrange(y1, m1)[1]:
        return None
    return dt.date(y1, m1, d1), dt.date(y2, m2, d2)


def _numeric_year(year: str | None, month: int, day: int, published: dt.date | None) -> int | None:
    if year:
        return int(year) + (2000 if len(year) == 2 else 0)
    return _year(month, min(day, 28), None, published)


def _second(cal: Calendar, text: str, pos: int, end: int,
            published: dt.date | None) -> tuple[int, dt.date | None] | None:
    """The closing date of "between X and Y" or "from X to Y", if written."""
    join = cal.joiner.match(text, pos, end)
    if join is None:
        return None
    d = cal.date.match(text, join.end(), end)
    if d is None:
        return None
    return d.end(), _date(cal, d, published, end_of=True)


def _past(cal: Calendar, written: str, count: str | None, unit: str,
          published: dt.date | None) -> Period:
    n = 1 if count is None else (int(count) if count.isdigit() else words_value(count) or 1)
    if published is None:
        return Period(written, None, None, since=True, counted=True)
    days = max(1, round(n * cal.units[unit.lower()]))
    return Period(written, published - dt.timedelta(days=days), published, since=True,
                  counted=True)


def find_period(text: str, start: int, end: int, published: dt.date | None) -> Period | None:
    """The first period written in text[start:end], resolved against the publication date."""
    found = find_periods(text, start, end, published)
    return found[0][2] if found else None


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
