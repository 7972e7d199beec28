"""What a figure counts: one incident (an attack, a day, a site) or a total over a period, and
the period and the day it stands at ("said on Thursday that 226 had been killed since May 10"
is a total since 10 May as of Thursday). The words are the lexicon's (periods.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from claims.extract.context import Context
from claims.extract.periods import Period, calendar_of, find_periods, period_for
from claims.extract.rx import Hit, WordMatcher
from claims.lexicon import Lexicon
from claims.model import Kind, Scope


@dataclass(frozen=True)
class When:
    """The period a figure covers, as written and resolved, its scope and an incident's site."""

    text: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    scope: Scope | None = None
    site: str | None = None


@dataclass(frozen=True)
class Scopes:
    words: WordMatcher  # total, incident, day, site and said (a speech verb and its day)
    site_lead: re.Pattern[str]


def _build(lex: Lexicon) -> Scopes:
    per, cal = lex["periods"], lex["calendar"]
    weekday = "|".join(cal["weekdays"])
    return Scopes(
        words=WordMatcher({
            "total": per["total_words"], "incident": per["incident_words"],
            "day": per["day_words"], "site": per["site_words"],
            "said": [(["said", "says", "announced", "reported", "told", "stated", "added"],
                      rf"\s+(?:on\s+)?(?:{weekday})")],
        }, r"\b"),
        site_lead=re.compile(r"\b(?:at|in|on|near|outside|inside|targeting|hit|struck|hitting|"
                             r"targeted|into)\s+(?P<det>(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
                             # or a name: "on al-Midan neighbourhood", "at Ibn Sina hospital"
                             r"|(?:al-)?(?-i:[A-Z])[\w-]+\s+(?:(?-i:[A-Z])[\w-]+\s+)?)$",
                             re.I),
    )  # fmt: skip


def scopes(lex: Lexicon) -> Scopes:
    return lex.derived("scope", _build)


def periods_in(ctx: Context, start: int, end: int) -> list[tuple[int, int, Period]]:
    """The periods written in a sentence."""
    return find_periods(ctx.text, start, end, ctx.source.published, ctx.lexicon)


def read(ctx: Context, s_start: int, s_end: int, start: int, end: int,
         periods: list[tuple[int, int, Period]], other_ends: list[int], kind: Kind) -> When:
    """The period, scope and site of the claim at text[start:end] of a sentence."""
    dated = [p for p in periods if p[2].event is None]
    period = _joined(period_for(start, end, dated, other_ends), dated)
    facts = _facts(ctx, s_start, s_end)
    event = _event(start, end, periods, other_ends, period)
    # "killed in an air strike during the offensive" is the strike's toll
    if event is not None and not (facts.incident and (facts.day or facts.site)):
        return When(event.text, None, facts.said_on, Scope.total)
    if period is not None:
        first, last = period.start, period.end
        if period.since and last == ctx.source.published and (asof := facts.said_on) is not None:
            last = asof  # "said on Thursday that 226 had been killed since May 10"
        one_day = first is not None and first == last and not period.since
        if one_day and not facts.total:
            return When(period.text, first, last, Scope.incident, facts.site)
        return When(period.text, first, last, Scope.total)
    day = facts.day
    # people displaced, returned or living somewhere are counted up to a day, not in one attack
    # ("more than 400,000 have fled"): a total unless the text gives the one day they moved
    stock = kind in _STOCKS and day is None
    if stock or (facts.total and not (facts.incident and day)):
        return When(None, None, facts.said_on, Scope.total)
    # an attack word alone ("killed in air strikes") names no one incident: a day or a site
    # does ("in an air strike on the market", "overnight")
    if day is not None or facts.incident and facts.site:
        when = _day(ctx, day) if day else None
        return When(day, when, when, Scope.incident, facts.site)
    return When()


def _event(start: int, end: int, periods: list[tuple[int, int, Period]], other_ends: list[int],
           dated: Period | None) -> Period | None:
    """The event whose toll a figure is, when no date says better: a part of an event ("in the
    first month of the crackdown", its start written after it) comes before a date; a whole
    event ("in the battle ... in the past 24 hours") after one."""
    nearest = period_for(start, end, periods, other_ends)
    if nearest is None or nearest.event is None:
        return None
    return nearest if nearest.portion or dated is None else None


def _joined(period: Period | None, periods: list[tuple[int, int, Period]]) -> Period | None:
    """A count written from a start and to an end in two places of one sentence ("operations
    that began on 17 October ... as of 18 November") covers both."""
    if period is None or not (period.asof or period.since):
        return period
    # a start written as a date ("which began on 17 October") before one counted back from a
    # duration ("one month into the operations")
    others = [p for _, _, p in periods if p is not period and (p.asof if period.since
                                                               else p.since)]
    other = min(others, key=lambda p: p.counted, default=None)
    if other is None:
        return period
    first, last = (period, other) if period.since else (other, period)
    return Period(f"{first.text} ... {last.text}", first.start, last.end, since=True)


_STOCKS = frozenset({Kind.population, Kind.displaced, Kind.returned})


class _Facts:
    """What a sentence says of every figure in it, each read once and only when asked: the day
    it was said, whether it speaks of a total or an incident, the incident's day and site."""

    def __init__(self, ctx: Context, start: int, end: int) -> None:
        self.ctx, self.start, self.end = ctx, start, end
        self.hits: dict[str, list[Hit]] = {}
        for hit in scopes(ctx.lexicon).words.finditer(ctx.text, start, end,
                                                       ctx.tokens(start, end)):
            self.hits.setdefault(hit.name, []).append(hit)
        self.total, self.incident = "total" in self.hits, "incident" in self.hits
        day = self.hits.get("day")
        self.day = ctx.text[day[0].start : day[0].end] if day else None

    @cached_property
    def said_on(self) -> dt.date | None:
        """The day a statement in the sentence was made: "the UN said Sunday"."""
        said = self.hits.get("said")
        published = self.ctx.source.published
        if not said or published is None:
            return None
        cal = calendar_of(self.ctx.lexicon)
        name = self.ctx.text[said[0].start : said[0].end].split()[-1]
        back = (published.weekday() - cal.weekdays[name.lower()]) % 7
        return published - dt.timedelta(days=back)

    @cached_property
    def site(self) -> str | None:
        """Where the sentence's incident happened, as written: "a market", "the hospital"."""
        text, lead = self.ctx.text, scopes(self.ctx.lexicon).site_lead
        for hit in self.hits.get("site", []):
            m = lead.search(text, max(self.start, hit.start - 40), hit.start)
            if m:
                return text[hit.start - len(m.group("det")) : hit.end]
        return None


def _facts(ctx: Context, s_start: int, s_end: int) -> _Facts:
    key = f"scope:{s_start}"
    found = ctx.cache.get(key)
    if not isinstance(found, _Facts):
        found = ctx.cache[key] = _Facts(ctx, s_start, s_end)
    return found


def _day(ctx: Context, word: str) -> dt.date | None:
    """The day a day word names, counted from publication."""
    published = ctx.source.published
    if published is None:
        return None
    lowered = word.lower()
    if lowered.startswith("yesterday") or lowered.startswith("last"):
        return published - dt.timedelta(days=1)
    return published


def _attack_matcher(lex: Lexicon) -> WordMatcher:
    return WordMatcher({name: words for name, words in lex["periods"]["attacks"].items()}, r"\b")


def attack_classes(text: str, lex: Lexicon | None = None) -> frozenset[str]:
    """The kinds of attack a passage tells of ("air", "ground", "blast", "chemical",
    "gunfire"): the check tells two incidents of one town and day apart by them."""
    from claims.lexicon import lexicon

    matcher = (lex or lexicon()).derived("attacks", _attack_matcher)
    return frozenset(hit.name for hit in matcher.finditer(text, 0, len(text)))
