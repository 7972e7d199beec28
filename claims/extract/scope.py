"""What a figure counts: one incident (an attack, a day, a site) or a total over a period, and
the period and the day it stands at ("said on Thursday that 226 had been killed since May 10"
is a total since 10 May as of Thursday). The words are the lexicon's (periods.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims.extract.context import Context
from claims.extract.periods import Period, calendar_of, find_periods, period_for
from claims.extract.rx import word_start
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
    total: re.Pattern[str]
    incident: re.Pattern[str]
    day: re.Pattern[str]
    site: re.Pattern[str]
    said_on: re.Pattern[str]


def _build(lex: Lexicon) -> Scopes:
    per, cal = lex["periods"], lex["calendar"]
    weekday = "|".join(cal["weekdays"])
    return Scopes(
        total=re.compile(word_start(per["total_words"]) + r"\b"),
        incident=re.compile(word_start(per["incident_words"]) + r"\b"),
        day=re.compile(word_start(per["day_words"]) + r"\b"),
        site=re.compile(
            word_start([(["at", "in", "on", "near", "outside", "inside", "targeting", "hit",
                          "struck", "hitting", "targeted", "into"],
                         r"\s+(?P<site>(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:"
                         + "|".join(per["site_words"]) + r"))\b")])),
        said_on=re.compile(r"\b(?:said|says|announced|reported|told|stated|added)\s+(?:on\s+)?"
                           rf"(?P<wd>{weekday})\b"),
    )  # fmt: skip


def scopes(lex: Lexicon) -> Scopes:
    return lex.derived("scope", _build)


def periods_in(ctx: Context, start: int, end: int) -> list[tuple[int, int, Period]]:
    """The periods written in a sentence."""
    return find_periods(ctx.text, start, end, ctx.source.published, ctx.lexicon)


def read(ctx: Context, s_start: int, s_end: int, start: int, end: int,
         periods: list[tuple[int, int, Period]], other_ends: list[int], kind: Kind) -> When:
    """The period, scope and site of the claim at text[start:end] of a sentence."""
    sc = scopes(ctx.lexicon)
    text = ctx.text
    period = period_for(start, end, periods, other_ends)
    asof = _said_on(ctx, s_start, s_end)
    total = sc.total.search(text, s_start, s_end) is not None
    incident = sc.incident.search(text, s_start, s_end) is not None
    site_m = sc.site.search(text, s_start, s_end)
    site = site_m.group("site") if site_m else None
    if period is not None:
        first, last = period.start, period.end
        if period.since and asof is not None and last == ctx.source.published:
            last = asof  # "said on Thursday that 226 had been killed since May 10"
        one_day = first is not None and first == last and not period.since
        scope = Scope.incident if one_day and not total else Scope.total
        return When(period.text, first, last, scope, site if scope is Scope.incident else None)
    day = sc.day.search(text, s_start, s_end)
    if kind is Kind.population or (total and not (incident and day)):
        return When(None, None, asof, Scope.total)
    if incident or day is not None:
        when = _day(ctx, day.group(0)) if day else None
        return When(day.group(0) if day else None, when, when, Scope.incident, site)
    return When()


def _said_on(ctx: Context, s_start: int, s_end: int) -> dt.date | None:
    """The day a statement in the sentence was made: "the UN said Sunday"."""
    m = scopes(ctx.lexicon).said_on.search(ctx.text, s_start, s_end)
    published = ctx.source.published
    if m is None or published is None:
        return None
    cal = calendar_of(ctx.lexicon)
    back = (published.weekday() - cal.weekdays[m.group("wd").lower()]) % 7
    return published - dt.timedelta(days=back)


def _day(ctx: Context, word: str) -> dt.date | None:
    """The day a day word names, counted from publication."""
    published = ctx.source.published
    if published is None:
        return None
    lowered = word.lower()
    if lowered.startswith("yesterday") or lowered.startswith("last"):
        return published - dt.timedelta(days=1)
    return published
