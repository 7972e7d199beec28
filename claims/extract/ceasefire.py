"""Ceasefire claims: a truce announced, starting or broken on a date the text fixes."""

from __future__ import annotations

import re

from claims.extract.context import Context
from claims.extract.dates import DateExpr, find_dates, shift
from claims.extract.rules import Rule, add
from claims.model import Claim, Event, Span

add(Rule("ceasefire-date", "ceasefire", "A ceasefire (or truce) with a date written next to it, "
         "the event read from the nearest verb (announced, starts, broken), the date resolved "
         "against the publication day."))
add(Rule("ceasefire-relative", "ceasefire", 'A ceasefire dated relative to another date ("four '
         'days after announcing a truce"), counted back from the date of the main clause or the '
         "publication day."))

# The words for a truce, case-blind. Each alternative starts with its first letter as a literal
# (lower or upper case; no other character folds to c, t, a or p) and only the rest under (?i):
# with a literal first the engine skips in C to the candidate letters, where a leading \b or a
# global re.I makes it try the whole alternation at every position. `(?<!\w.)` is that \b.
_TRIGGER_WORDS = {
    "c": r"ease[\s-]?fires?|essation\s+of\s+hostilities",
    "t": r"ruces?",
    "a": r"rmistice",
    "p": r"ause\s+in\s+(?:the\s+)?(?:offensive|fighting|hostilities|attacks|bombing)",
}
TRIGGER = re.compile(
    "(?:"
    + "|".join(
        rf"{first}(?<!\w.)(?i:{rest})"
        for letter, rest in _TRIGGER_WORDS.items()
        for first in (letter, letter.upper())
    )
    + r")\b"
)
_VERBS = {
    Event.announced: r"announc\w*|proclaim\w*|declar\w*|agree\w*|reached|brokered|unveil\w*",
    Event.starts: r"start\w*|beg[ai]n\w*|took\s+effect|takes?\s+effect"
    r"|came\s+into\s+(?:effect|force)"
    r"|went\s+into\s+effect|entered\s+into\s+force",
    Event.broken: r"resum\w*|broke|broken|break\w*|violat\w*|collaps\w*|renew\w*|shatter\w*",
}
VERB = re.compile("|".join(rf"\b(?P<{e.value}>{p})" for e, p in _VERBS.items()), re.I)
_FROM = re.compile(
    r"\bfrom\s+(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?|midnight|noon|dawn)\s+)?"
    r"(?:on\s+)?$",
    re.I,
)
_BY = re.compile(r"\b(?:announced|declared|proclaimed|brokered)\s+by\s+(?:the\s+)?$", re.I)
_VERB_REACH = 60  # a verb further than this from its date does not say what the date is
_FAR_REACH = 160  # ... unless no verb is nearer: "At the start of September, ..., Putin announced"


def ceasefire_claims(ctx: Context) -> list[Claim]:
    """One claim per dated ceasefire event in the prose."""
    out: list[Claim] = []
    done: set[tuple[int, int]] = set()
    for t in TRIGGER.finditer(ctx.text):
        bounds = ctx.sentences.bounds(t.start())
        if bounds in done:
            continue
        done.add(bounds)
        out += _sentence(ctx, *bounds)
    return out


def _sentence(ctx: Context, start: int, end: int) -> list[Claim]:
    text = ctx.text
    dates = [
        d for d in find_dates(text, start, end, ctx.source.published)
        if not ctx.source.in_region(d.start, d.end)
    ]  # fmt: skip
    if not dates:
        return []
    triggers = list(TRIGGER.finditer(text, start, end))
    verbs = [
        v for v in VERB.finditer(text, start, end)
        if not any(d.start <= v.start() < d.end for d in dates)
    ]  # fmt: skip
    anchor = next((d.value for d in dates if d.value and "/" not in d.value), None)
    if anchor is None and ctx.source.published:
        anchor = ctx.source.published.isoformat()
    who, who_text = _announcer(ctx, start, end, verbs)
    owned = {
        id(v) for d in dates if d.offset is not None for v in _event(text, d, verbs, start)[1:] if v
    }
    out = []
    for d in dates:
        free = verbs if d.offset is not None else [v for v in verbs if id(v) not in owned]
        event, verb = _event(text, d, free, start, far=len(dates) == 1)
        value = d.value if d.offset is None else (shift(anchor, -d.offset) if anchor else None)
        if event is None or value is None:
            continue
        trig = min(triggers, key=lambda m: abs(m.start() - d.start))
        points = [d.start, d.end, trig.start(), trig.end()]
        if verb is not None:
            points += [verb.start(), verb.end()]
        s, e = min(points), max(points)
        if ctx.source.in_region(s, e):
            continue
        place, place_text = ctx.place_near(start, end, d.end)
        out.append(Claim(
            source_id=ctx.source.id, source_path=ctx.source.path, kind="ceasefire",
            event=event, date=value, place=place, place_text=place_text,
            attribution=who, attribution_text=who_text, span=Span.of(text, s, e),
            rule="ceasefire-relative" if d.offset is not None else "ceasefire-date",
        ))  # fmt: skip
    return out


def _event(
    text: str, d: DateExpr, verbs: list[re.Match[str]], floor: int, far: bool = False
) -> tuple[Event | None, re.Match[str] | None]:
    """The event a date dates: "from <date>" starts; else the nearest verb (relative: the next)."""
    if d.offset is not None:
        after = [v for v in verbs if 0 <= v.start() - d.end <= _VERB_REACH]
        return (Event(after[0].lastgroup or ""), after[0]) if after else (None, None)
    if _FROM.search(text, max(floor, d.start - 20), d.start):
        return Event.starts, None
    near = [v for v in verbs if _gap(v, d) <= _VERB_REACH] or [
        v for v in verbs if far and _gap(v, d, comma=0) <= _FAR_REACH
    ]
    if not near:
        return None, None
    verb = min(near, key=lambda v: _gap(v, d))
    return Event(verb.lastgroup or ""), verb


def _gap(v: re.Match[str], d: DateExpr, comma: int = 50) -> int:
    """Characters between a verb and a date; a comma between them means another clause."""
    lo, hi = (v.end(), d.start) if v.end() <= d.start else (d.end, v.start())
    return max(hi - lo, 0) + (comma if "," in v.string[lo:hi] else 0)


def _announcer(
    ctx: Context, start: int, end: int, verbs: list[re.Match[str]]
) -> tuple[str | None, str | None]:
    """Who announced the truce: the body acting on it, "announced by X", or who said so."""
    text = ctx.text
    found = [m for m in ctx.aliases.mentions(text, start, end) if not _locative(text, m.start())]
    for m in found:
        if _BY.search(text, max(start, m.start() - 30), m.start()):
            return _canonical(ctx, m.group(0)), m.group(0)
    for m in found:
        if any(0 <= v.start() - m.end() <= 25 for v in verbs):
            return _canonical(ctx, m.group(0)), m.group(0)
    for m in found:
        if _SAID.match(text, m.end(), m.end() + 20):
            return _canonical(ctx, m.group(0)), m.group(0)
    return None, None


def _canonical(ctx: Context, name: str) -> str | None:
    return ctx.aliases.lookup(name)


_SAID = re.compile(r"\s*(?:said|says|stated|announced)\b")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|to|from|near|at|against|on|of|with|told)\s+(?:the\s+)?$", re.I
)


def _locative(text: str, pos: int) -> bool:
    return bool(_LOCATIVE_BEFORE.search(text[max(0, pos - 12) : pos]))
