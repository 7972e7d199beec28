"""Where a sentence stands in its article: the headline, quoted speech, the sentence before, and
the day the narrative has reached (the date an undated event in it happened on)."""

from __future__ import annotations

import datetime as dt
import re

from claims.extract.context import Context
from claims.extract.dates import find_dates

_QUOTES = '"“”'
_CLOCK_SPLIT = re.compile(r"(?:\d\s*|\b)[ap]\.(?:m\.)?$", re.I)
_HEADLINE_MAX = 160  # a longer first line is a paragraph, not a headline
_LOOK_BACK = 4  # sentences searched back for the day the narrative is on


def bounds(ctx: Context, pos: int) -> tuple[int, int]:
    """The sentence holding pos, joined across the full stops of "8 a.m." and "9 p.m. on"."""
    start, end = ctx.sentences.bounds(pos)
    while end < len(ctx.text) and _CLOCK_SPLIT.search(ctx.text, max(start, end - 8), end):
        nxt = ctx.sentences.bounds(end + 1 if ctx.text[end].isspace() else end)
        if nxt[1] <= end or not ctx.text[nxt[0]].islower():
            break
        end = nxt[1]
    return start, end


def previous(ctx: Context, start: int) -> tuple[int, int] | None:
    """The bounds of the sentence before the one starting at `start`, or None at the top."""
    pos = start - 1
    while pos >= 0 and ctx.text[pos].isspace():
        pos -= 1
    if pos < 0:
        return None
    bounds = ctx.sentences.bounds(pos)
    return bounds if bounds[0] < start else None


def in_quote(ctx: Context, pos: int) -> bool:
    """True when pos is inside quoted speech (an odd count of quote marks in its paragraph)."""
    para = ctx.text.rfind("\n", 0, pos) + 1
    return sum(ctx.text.count(q, para, pos) for q in _QUOTES) % 2 == 1


def narrative_day(ctx: Context, start: int) -> str | None:
    """The day (or range) the sentences before `start` last named, else the publication day."""
    memo = ctx.cache.setdefault("narrative_day", {})
    assert isinstance(memo, dict)
    if start not in memo:
        memo[start] = _narrative_day(ctx, start)
    day: str | None = memo[start]
    return day


def _narrative_day(ctx: Context, start: int) -> str | None:
    bounds = previous(ctx, start)
    for _ in range(_LOOK_BACK):
        if bounds is None:
            break
        s, e = bounds
        day = _last_day(ctx, s, e)
        if day:
            return day
        bounds = previous(ctx, s)
    return ctx.source.published.isoformat() if ctx.source.published else None


def _last_day(ctx: Context, start: int, end: int) -> str | None:
    """The last absolute day (or range) a sentence names (cached per sentence)."""
    memo = ctx.cache.setdefault("last_day", {})
    assert isinstance(memo, dict)
    if start not in memo:
        memo[start] = None
        if not ctx.source.in_region(start, end):
            dates = [
                d for d in find_dates(ctx.text, start, end, ctx.source.published, ctx.lexicon)
                if d.value and not d.relative and not ctx.source.in_region(d.start, d.end)
            ]  # fmt: skip
            memo[start] = dates[-1].value if dates else None
    day: str | None = memo[start]
    return day


def reference_day(ctx: Context, pos: int) -> dt.date | None:
    """The day words at pos were written on: the publication day, or for quoted speech the day
    the narrative is on when it is quoted ("the agreement signed today", said at a ceremony)."""
    while pos < len(ctx.text) and ctx.text[pos] in _QUOTES:
        pos += 1  # a sentence opening a quote is quoted
    if not in_quote(ctx, pos):
        return ctx.source.published
    day = narrative_day(ctx, ctx.sentences.bounds(pos)[0])
    if day is None:
        return None
    return dt.date.fromisoformat(day.split("/")[-1])


def headline_lines(ctx: Context) -> dict[int, bool]:
    """Line starts of the page's headline: the line equal to the title, else a first line with no
    closing full stop; True for the first copy, False for a repeated one (page furniture)."""
    cached = ctx.cache.get("headline_lines")
    if isinstance(cached, dict):
        return cached
    text, title = ctx.text, (ctx.source.title or "").strip()
    out: dict[int, bool] = {}
    seen: set[str] = set()
    pos = 0
    while pos < min(len(text), 2000):  # the headline and its copies stand at the top
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        body = text[pos:nl].strip()
        short = len(body) <= _HEADLINE_MAX
        if body and short and (body == title or (pos == 0 and not body.endswith((".", '"', "”")))):
            out[pos] = body not in seen
            seen.add(body)
        elif body and body in seen:
            out[pos] = False
        pos = nl + 1
    ctx.cache["headline_lines"] = out
    return out


def is_headline(ctx: Context, start: int) -> bool | None:
    """True for the headline's first copy, False for a repeated copy, None for body text."""
    line = ctx.text.rfind("\n", 0, start) + 1
    return headline_lines(ctx).get(line)


__all__ = ["bounds", "headline_lines", "in_quote", "is_headline", "narrative_day", "previous",
           "reference_day"]
