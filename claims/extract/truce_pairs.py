"""Which date dates which ceasefire event in a sentence: the nearest verb in the same clause, a
word before the date ("from", "as of", "the delay until"), a possessive ("Thursday's ceasefire
accord"), and relative dates governing the clause after them ("minutes after the truce ...")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from claims.extract.clock import local_day, zone_of_place
from claims.extract.context import Context
from claims.extract.dates import DateExpr, find_dates, shift, zone_name
from claims.extract.narrative import narrative_day
from claims.extract.truce_words import TruceWords
from claims.model import Event

_REACH = 60  # a verb further than this from its date does not say what the date is
_FAR_REACH = 160  # ... unless the sentence has one date: "In June 2021, ..., X declared a truce"
_COMMA = 50  # a comma between a verb and a date means another clause
_PLACE_BACK = 3000  # how far back the place a sentence is about is looked for
_CLAUSE = re.compile(r"[,;:]")
_WORD = re.compile(r"[\w’'-]+")
_COORDINATED = re.compile(r",?\s+(?:and|or|&)\s+(?:on\s+)?|,\s+")
BY = re.compile(r"\b(?:announced|declared|proclaimed|brokered)\s+by\s+(?:the\s+)?$", re.I)
SAID = re.compile(r"\s*(?:said|says|stated|announced)\b")
LOCATIVE_BEFORE = re.compile(r"\b(?:in|to|from|near|at|against|on|of|with|told)\s+(?:the\s+)?$",
                             re.I)


@dataclass(frozen=True)
class Verb:
    """An event word: a verb of an event ("announced", "took effect") or one read as such."""

    start: int
    end: int
    event: str  # announced, starts, broken, resumed


@dataclass
class Found:
    """One ceasefire event read from a sentence, before it becomes a claim."""

    event: Event
    value: str | None
    points: list[int]  # offsets the span covers
    rule: str
    headline: bool = False
    verb_starts: list[int] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence's dates, truce words and event words."""

    ctx: Context
    w: TruceWords
    start: int
    end: int
    dates: list[DateExpr]
    triggers: list[re.Match[str]]
    verbs: list[Verb]
    attacks: list[re.Match[str]]
    anaphoric: bool
    owned: set[Verb] = field(default_factory=set)

    @classmethod
    def read(
        cls, ctx: Context, w: TruceWords, start: int, end: int, day: dt.date | None,
        anaphoric: bool,
    ) -> Sentence:
        text, region = ctx.text, ctx.source.in_region
        unreal = [m.end() for m in w.prospective.finditer(text, start, end)]
        verbs = [
            Verb(m.start(), m.end(), m.lastgroup or "") for m in w.verb.finditer(text, start, end)
            if text[m.start() - 1 : m.start()] != "-"
            and not any(0 <= m.start() - u <= 30 and len(text[u : m.start()].split()) <= 3
                        for u in unreal)
            and not _noun(text, start, m.start(), m.end(), w)
        ]  # fmt: skip
        verbs += [Verb(m.start(), m.end(), "announced")
                  for m in w.statement.finditer(text, start, end)]
        triggers = list(w.trigger.finditer(text, start, end))
        verbs += [v for t in triggers if (v := _intent(text, t)) is not None]
        verbs = [_over(text, v, triggers, w) for v in verbs]
        attacks = list(w.attack.finditer(text, start, end))
        dates: list[DateExpr] = []
        if verbs or attacks or w.dating.search(text, start, end):  # else nothing is dated
            dates = [d for d in find_dates(text, start, end, day, ctx.lexicon)
                     if not region(d.start, d.end)]
        if dates:
            inside = lambda pos: any(d.start <= pos < d.end for d in dates)  # noqa: E731
            verbs = [v for v in verbs if not inside(v.start)]
            attacks = [m for m in attacks if not inside(m.start())]
        return cls(ctx, w, start, end, dates, triggers, sorted(verbs, key=lambda v: v.start),
                   attacks, anaphoric)

    def free_verbs(self) -> list[Verb]:
        return [v for v in self.verbs if v not in self.owned]

    def nearest_trigger(self, pos: int) -> re.Match[str] | None:
        return min(self.triggers, key=lambda t: abs(t.start() - pos), default=None)

    def tight_trigger(self, v: Verb) -> re.Match[str] | None:
        """The truce a verb takes as its object ("violated the new truce", "agreed to a
        truce", "signed an agreement on a truce") or its subject ("the truce was breached")."""
        text = self.ctx.text
        for t in self.triggers:
            if t.start() >= v.end:
                words = [x.lower() for x in _WORD.findall(text[v.end : t.start()])]
                if _CLAUSE.search(text, v.end, t.start()) or len(words) > 5:
                    continue
                if words and words[0] in self.w.particles:
                    words = words[1:]
                stops = [i for i, x in enumerate(words) if x in self.w.stops]
                # "signed an agreement on a truce": the stop after a word for an agreement
                agreement = len(stops) == 1 and stops[0] > 0 and bool(
                    self.w.announcement.fullmatch(" " + words[stops[0] - 1]))
                if not stops or agreement:
                    return t
            elif t.end() <= v.start:
                words = _WORD.findall(text[t.end() : v.start])
                between = text[t.end() : v.start]
                if not _CLAUSE.search(between) and all(
                    x.lower() in self.w.auxiliaries for x in words
                ):
                    return t
        return None


def _noun(text: str, floor: int, pos: int, end: int, w: TruceWords) -> bool:
    """ "the collapse of", "a new breach of": an event word after a determiner is a noun."""
    before = [x.lower() for x in _WORD.findall(text[max(floor, pos - 20) : pos])[-2:]]
    if not before or text[pos - 1] != " ":
        return False
    if before[-1] in w.noun_before:
        return True
    noun = text[pos:end].lower() in w.noun_forms
    return noun and len(before) == 2 and before[0] in w.noun_before


def _background(sent: Sentence, pos: int) -> bool:
    """ "since the offensive began": a verb right after a subordinator and a subject that is no
    truce sets the scene; it dates nothing about the truce ("hours after they went into effect
    on October 10" is a relative date's clause, read as such)."""
    text, w = sent.ctx.text, sent.w
    m = w.subordinate.search(text, max(sent.start, pos - 30), pos)
    if not m or w.trigger.search(text, m.start(), pos):
        return False
    return not any(d.start <= m.start() < d.end for d in sent.dates)


def _over(text: str, v: Verb, triggers: list[re.Match[str]], w: TruceWords) -> Verb:
    """ "declared the ceasefire over": an announcement that the truce has ended."""
    if v.event != "announced":
        return v
    for t in triggers:
        if 0 <= t.start() - v.end <= 25 and w.over.match(text, t.end()):
            return Verb(v.start, v.end, "broken")
    return v


def _intent(text: str, t: re.Match[str]) -> Verb | None:
    """ "would cease military operations", "agreed to cease hostilities": a truce written as a
    verb after would / will / to is the announcement of it."""
    if not t.group(0).lower().startswith(("cease ", "ceasing", "halt ")):
        return None
    if re.search(r"\b(?:would|will|to|shall)\s+$", text[max(0, t.start() - 8) : t.start()]):
        return Verb(t.start(), t.end(), "announced")
    return None


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
    if prev and prev[1] and _COORDINATED.fullmatch(text, prev[0].end, d.start):
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
    stop = _CLAUSE.search(text, attack.end(), sent.end)
    end = min(stop.start() if stop else sent.end, attack.end() + 60)
    words = list(_WORD.finditer(text, attack.end(), end))
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
             if _allowed(sent, v, d) and not _background(sent, v.start)]
    gaps = [(g, v) for v in verbs if (g := _gap(sent, v, d)) is not None and g <= _REACH]
    if not gaps and sum(1 for x in sent.dates if not x.relative) == 1:
        gaps = [(g, v) for v in verbs
                if (g := _gap(sent, v, d, comma=0)) is not None and g <= _FAR_REACH]
    return min(gaps, key=lambda p: p[0])[1] if gaps else None


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
    if any(lo <= x.start < hi for x in sent.verbs):
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


def _relatives(sent: Sentence) -> list[Found]:
    """ "X days after <clause>": the clause's event dated from the main clause's date, or the
    main clause's event from the clause's own dates ("violated hours after they went into
    effect on October 10"); an attack minutes after a truce is its breach."""
    out: list[Found] = []
    text = sent.ctx.text
    for r in (d for d in sent.dates if d.relative):
        if r.postpositive:
            out += _postpositive(sent, r)
            continue
        stop = _CLAUSE.search(text, r.end, sent.end)
        clause_end = stop.start() if stop else sent.end
        inner = [d for d in sent.dates if r.end <= d.start < clause_end and not d.relative]
        anchored = next((v for v in sent.free_verbs() if r.end <= v.start < clause_end), None)
        truce = any(r.end <= t.start() < clause_end for t in sent.triggers)
        main = _main(sent, r)
        if anchored is not None and not inner:
            sent.owned.add(anchored)
        if r.vague:
            continue
        if inner and isinstance(main, Verb):
            sent.owned.add(main)
            for d in inner:
                if d.value and r.offset is not None:
                    out.append(_found(sent, main, shift(d.value, r.offset), [main.start, main.end,
                                      d.start, d.end], "ceasefire-relative"))
            continue
        if not truce or anchored is None or r.offset is None:
            continue
        anchor = _anchor(sent, r, clause_end)
        if anchor is not None:
            out.append(_found(sent, anchored, shift(anchor, -r.offset),
                              [r.start, r.end, anchored.start, anchored.end], "ceasefire-relative"))
        if isinstance(main, re.Match) and r.offset == 0:
            day = anchor or narrative_day(sent.ctx, sent.start)
            end = min(clause_end, r.end)
            out.append(Found(Event.broken, day, [main.start(), main.end(), r.start, end],
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


__all__ = ["BY", "LOCATIVE_BEFORE", "SAID", "Found", "Sentence", "Verb", "pair"]
