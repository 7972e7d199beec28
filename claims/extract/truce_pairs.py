"""Which date dates which ceasefire event in a sentence: the nearest verb in the same clause, a
word before the date ("from", "as of", "the delay until"), a possessive ("Thursday's ceasefire
accord"), and relative dates governing the clause after them ("minutes after the truce ...")."""

from __future__ import annotations

import datetime as dt
import re

from claims.extract.clock import local_day, zone_of_place
from claims.extract.context import Context
from claims.extract.dates import DateExpr, shift, zone_name
from claims.extract.narrative import narrative_day
from claims.extract.truce_sentence import CLAUSE, WORD, Found, Sentence, Verb
from claims.model import Event

_REACH = 60  # a verb further than this from its date does not say what the date is
_FAR_REACH = 160  # ... unless the sentence has one date: "In June 2021, ..., X declared a truce"
_COMMA = 50  # a comma between a verb and a date means another clause
_PLACE_BACK = 3000  # how far back the place a sentence is about is looked for


def pair(sent: Sentence) -> list[Found]:
    """The dated events of a sentence: relative dates first, then each absolute date."""
    if sent.anaphoric and sent.attacks and sent.w.contrast.match(sent.ctx.text, sent.start):
        return [_contrast(sent, sent.attacks[0])]
    out = [] if sent.anaphoric else _relatives(sent)
    prev: tuple[DateExpr, Found | None] | None = None
    for d in sent.dates:
        if d.relative or (d.value is None and not d.later):
            continue
        f = _dated(sent, d, prev)
        if f is not None:
            out.append(f)
        prev = (d, f)
    return out


def _dated(sent: Sentence, d: DateExpr, prev: tuple[DateExpr, Found | None] | None) -> Found | None:
    """The event one absolute date dates, if any."""
    text, w = sent.ctx.text, sent.w
    value = _value(sent, d)
    if value is None:
        return None
    starts = [v.start for v in sent.verbs]
    if prev and prev[1] and w.joining.fullmatch(text, prev[0].end, d.start):
        f = prev[1]  # "on October 10 and October 17": the same event
        points = [p for p in f.points if p < d.start] + [d.start, d.end]
        return Found(f.event, value, points, f.rule, verb_starts=f.verb_starts)
    if d.possessive and (m := w.announcement.match(text, d.end, sent.end)):
        return Found(Event.announced, value, [d.start, m.end()], _rule(sent), verb_starts=starts)
    window = text[max(sent.start, d.start - 25) : d.start]
    delay = w.delay.search(window)
    if delay or (sent.triggers and w.starts_marker.search(window)):
        return Found(Event.starts, value, _points(sent, d), _rule(sent), verb_starts=starts)
    verb = _nearest(sent, d)
    if verb is None:
        return None
    sent.owned.add(verb)
    event = Event(verb.event if verb.event != "resumed" else "broken")
    return Found(event, value, _points(sent, d, verb), _rule(sent), verb_starts=starts)


def _contrast(sent: Sentence, attack: re.Match[str]) -> Found:
    """ "However, the forces launched strikes at 00:04": the truce of the sentence before broken
    on the day that sentence is on."""
    text = sent.ctx.text
    stop = CLAUSE.search(text, attack.end(), sent.end)
    end = min(stop.start() if stop else sent.end, attack.end() + 60)
    words = list(WORD.finditer(text, attack.end(), end))
    end = words[-1].end() if words else attack.end()
    return Found(Event.broken, narrative_day(sent.ctx, sent.start), [attack.start(), end],
                 "ceasefire-attack-after", verb_starts=[attack.start()])


def _rule(sent: Sentence) -> str:
    return "ceasefire-anaphoric" if sent.anaphoric else "ceasefire-date"


def _value(sent: Sentence, d: DateExpr) -> str | None:
    """The date's value at the place: a time in another zone moved to the local day; "later"
    runs from the day the narrative is on to the day before publication."""
    ctx = sent.ctx
    if d.later:
        day = narrative_day(ctx, sent.start)
        published = ctx.source.published
        if day is None or published is None or day == published.isoformat():
            return None
        first = day.split("/")[0]
        last = (published - dt.timedelta(days=1)).isoformat()
        return f"{first}/{last}" if first < last else None
    value = d.value
    if value and d.zone is not None and d.minutes is not None and "/" not in value:
        zone = zone_name(d.zone)
        if zone:
            local = zone_of_place(_place(ctx, sent))
            value = local_day(dt.date.fromisoformat(value), d.minutes, zone, local).isoformat()
    return value


def _place(ctx: Context, sent: Sentence) -> str | None:
    """The place a sentence is about: its own, else the last one named before it."""
    place, _ = ctx.place_near(sent.start, sent.end, sent.start)
    if place:
        return place
    last = None
    for m in ctx.places.pattern.finditer(ctx.text, max(0, sent.start - _PLACE_BACK), sent.start):
        last = m
    return ctx.places.resolve(last.group(0)) if last else None


def _points(sent: Sentence, d: DateExpr, verb: Verb | None = None) -> list[int]:
    points = [d.start, d.end]
    if verb is not None:
        points += [verb.start, verb.end]
    trig = sent.nearest_trigger(d.start)
    if trig:
        points += [trig.start(), trig.end()]
    return points


def _nearest(sent: Sentence, d: DateExpr) -> Verb | None:
    """The verb a date dates: the nearest in its clause, or in reach when it is the only date."""
    verbs = [v for v in sent.free_verbs()
             if _allowed(sent, v, d) and not _background(sent, v.start)
             and not _other_object(sent, v) and not _modifier(sent, v, d)]
    gaps = [(g, v) for v in verbs if (g := _gap(sent, v, d)) is not None and g <= _REACH]
    if not gaps and sum(1 for x in sent.dates if not x.relative) == 1:
        gaps = [(g, v) for v in verbs
                if (g := _gap(sent, v, d, comma=0)) is not None and g <= _FAR_REACH]
    return min(gaps, key=lambda p: p[0])[1] if gaps else None


def _modifier(sent: Sentence, v: Verb, d: DateExpr) -> bool:
    """ "On February 27 a ceasefire brokered by Russia took effect": a participle right after
    the truce word, before "by", describes the truce; a date before them dates the verb after."""
    text = sent.ctx.text
    if d.end > v.start or not sent.w.agent.match(text, v.end):
        return False
    if not any(t.end() <= v.start and not text[t.end() : v.start].strip() for t in sent.triggers):
        return False
    stop = CLAUSE.search(text, v.end, sent.end)
    return any(v.end < x.start < (stop.start() if stop else sent.end) for x in sent.verbs)


def _other_object(sent: Sentence, v: Verb) -> bool:
    """ "announced a major military operation", "started a war": the verb's object is something
    else than the truce (or an agreement, a resolution, a statement on it)."""
    text = sent.ctx.text
    m = sent.w.article_object.match(text, v.end, sent.end)
    if not m or m.end() == len(text):
        return False  # no object, or a text cut mid-word ("proclaimed a humanitarian ceasef")
    if any(v.end <= t.start() <= m.end() for t in sent.triggers):
        return False
    return not sent.w.announcement.search(text, v.end, m.end())


def _allowed(sent: Sentence, v: Verb, d: DateExpr) -> bool:
    """In a sentence naming no truce, only a verb right after "It" / "the deal" refers to it."""
    if not sent.anaphoric:
        return True
    return bool(sent.w.anaphor.fullmatch(sent.ctx.text, sent.start, v.start))


def _gap(sent: Sentence, v: Verb, d: DateExpr, comma: int = _COMMA) -> int | None:
    """Characters between a verb and a date; None when the words between date something else."""
    text = sent.ctx.text
    lo, hi = (v.end, d.start) if v.end <= d.start else (d.end, v.start)
    between = text[lo:hi]
    if any(lo <= x.start < hi and not _modifier(sent, x, d) for x in sent.verbs):
        return None  # another event word stands between
    if v.end <= d.start:
        m = sent.w.detach.search(between)
        if m and not sent.w.trigger.search(between, m.end()):
            return None
        if re.match(r"\s+by\s", between) and len(between) <= 90:
            return 0  # "released by the Governments of X, Y, and Z on Sunday"
    elif _clause_initial(text, sent.start, d.start):
        comma = 0  # "On October 26, at 08:05, the forces violated ..."
    return max(len(between.strip()), 0) + (comma if "," in between else 0)


def _clause_initial(text: str, start: int, pos: int) -> bool:
    return len(re.sub(r"[\W_]+", "", text[start:pos])) <= 2


def _background(sent: Sentence, pos: int) -> bool:
    """ "since the offensive began": a verb right after a subordinator and a subject that is no
    truce sets the scene; it dates nothing about the truce ("hours after they went into effect
    on October 10" is a relative date's clause, read as such)."""
    text, w = sent.ctx.text, sent.w
    m = w.subordinate.search(text, max(sent.start, pos - 30), pos)
    if not m or w.trigger.search(text, m.start(), pos):
        return False
    return not any(d.start <= m.start() < d.end for d in sent.dates)



def _relatives(sent: Sentence) -> list[Found]:
    """ "X days after <clause>": the clause's event dated from the main clause's date, or the
    main clause's event from the clause's own dates ("violated hours after they went into
    effect on October 10"); an attack minutes after a truce is its breach."""
    out: list[Found] = []
    for r in (d for d in sent.dates if d.relative):
        out += _postpositive(sent, r) if r.postpositive else _prepositive(sent, r)
    return out


def _prepositive(sent: Sentence, r: DateExpr) -> list[Found]:
    """One relative date before the clause it governs ("hours after the truce began")."""
    stop = CLAUSE.search(sent.ctx.text, r.end, sent.end)
    clause_end = stop.start() if stop else sent.end
    inner = [d for d in sent.dates if r.end <= d.start < clause_end and not d.relative]
    anchored = next((v for v in sent.free_verbs() if r.end <= v.start < clause_end), None)
    truce = any(r.end <= t.start() < clause_end for t in sent.triggers)
    main = _main(sent, r)
    if anchored is not None and not inner:
        sent.owned.add(anchored)
    if r.vague or r.offset is None:
        return []
    if inner and isinstance(main, Verb):
        sent.owned.add(main)
        return [_found(sent, main, shift(d.value, r.offset),
                       [main.start, main.end, d.start, d.end], "ceasefire-relative")
                for d in inner if d.value]  # fmt: skip
    if not truce or anchored is None:
        return []
    out = []
    anchor = _anchor(sent, r, clause_end)
    if anchor is not None:
        out.append(_found(sent, anchored, shift(anchor, -r.offset),
                          [r.start, r.end, anchored.start, anchored.end], "ceasefire-relative"))
    if isinstance(main, re.Match) and r.offset == 0:
        day = anchor or narrative_day(sent.ctx, sent.start)
        out.append(Found(Event.broken, day, [main.start(), main.end(), r.start, r.end],
                         "ceasefire-attack-after", verb_starts=[main.start()]))
    return out


def _postpositive(sent: Sentence, r: DateExpr) -> list[Found]:
    """ "agreed on 3 May and collapsed two days later": the verb before, counted from the date
    before it in the sentence."""
    main = _main(sent, r)
    if not isinstance(main, Verb) or r.offset is None:
        return []
    sent.owned.add(main)
    before = [d for d in sent.dates if not d.relative and d.value and "/" not in d.value
              and d.end <= main.start]
    if not before:
        return []
    value = shift(before[-1].value or "", r.offset)
    return [_found(sent, main, value, [main.start, main.end, r.start, r.end], "ceasefire-relative")]


def _found(sent: Sentence, v: Verb, value: str, points: list[int], rule: str) -> Found:
    event = Event(v.event if v.event != "resumed" else "broken")
    return Found(event, value, points, rule, verb_starts=[x.start for x in sent.verbs])


def _main(sent: Sentence, r: DateExpr) -> Verb | re.Match[str] | None:
    """The main clause's verb (or attack) right before a relative date."""
    text = sent.ctx.text
    cands: list[Verb | re.Match[str]] = [v for v in sent.free_verbs() if v.end <= r.start]
    cands += [a for a in sent.attacks if a.end() <= r.start]
    near = [c for c in cands if r.start - _end(c) <= _REACH and not re.search(
        r"[;:]", text[_end(c) : r.start])]
    return max(near, key=_end, default=None)


def _end(c: Verb | re.Match[str]) -> int:
    return c.end if isinstance(c, Verb) else c.end()


def _anchor(sent: Sentence, r: DateExpr, clause_end: int) -> str | None:
    """The date a relative date counts from: one written outside its clause, else (for a count
    of days) the publication day."""
    outside = [d for d in sent.dates if not d.relative and d.value and "/" not in d.value
               and not r.start <= d.start < clause_end]
    if outside:
        return min(outside, key=lambda d: abs(d.start - r.start)).value
    published = sent.ctx.source.published
    return published.isoformat() if published and r.offset else None


__all__ = ["pair"]
