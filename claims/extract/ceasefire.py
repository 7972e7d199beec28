"""Ceasefire claims: a truce announced, starting or broken, on the day the text fixes.

A sentence naming a truce (claims/data/lexicon/<lang>/ceasefire.toml) is read for its dates and
event verbs: each date dates the event of its nearest verb (claims.extract.truce_pairs), a
relative date ("four days after", "minutes after") dates the clause it governs from another
date, and an event written without a date takes the day the narrative is on
(claims.extract.narrative). A sentence naming no truce right after one that does is read for
words that refer back to it ("It was supposed to begin on Tuesday night").
"""

from __future__ import annotations

import bisect
import re
from array import array

from claims.extract import truce_words
from claims.extract.context import Context
from claims.extract.dates import find_dates
from claims.extract.narrative import bounds, is_headline, narrative_day, previous, reference_day
from claims.extract.rules import Rule, add
from claims.extract.truce_pairs import pair
from claims.extract.truce_sentence import Found, Sentence, Verb
from claims.extract.truce_words import TruceWords
from claims.model import Claim, Event, Span
from claims.places import country_of

_CLAUSE = re.compile(r"[,;:]")
_BY = re.compile(r"\b(?:announced|declared|proclaimed|brokered)\s+by\s+(?:the\s+)?$", re.I)
_SAID = re.compile(r"\s*(?:said|says|stated|announced)\b")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|to|from|near|at|against|on|of|with|told)\s+(?:the\s+)?$", re.I
)

for _name, _why in {
    "ceasefire-date": "A ceasefire (or truce) with a date written next to it, the event read "
    "from the nearest verb (announced, starts, broken) or a word before the date (\"from\", "
    "\"as of\"), the date resolved against the publication day and moved to the place's local "
    "day when a time zone is written (\"2100 GMT on Monday\").",
    "ceasefire-relative": 'A ceasefire dated relative to another date ("four days after '
    'announcing a truce", "minutes after the council adopted a ceasefire"), counted from the '
    "date of the main clause or the publication day.",
    "ceasefire-attack-after": "An attack written minutes or hours after a truce (\"warplanes "
    "struck ... minutes after the council adopted a ceasefire\"), or opening the sentence after "
    "one naming a truce with \"However,\": the truce broken on the attack's day.",
    "ceasefire-breach": 'A truce broken without a date in the sentence ("violated the new '
    'ceasefire"), dated by the day the sentences before it last named, else the publication day.',
    "ceasefire-restated": "An announcement or start restated without a date right after the "
    "sentence that dated it (\"signed an agreement on a cessation of hostilities\"): that date.",
    "ceasefire-headline": "A headline's present-tense truce event without a date (\"X violates "
    "ceasefire\"): the publication day, unless the article dates that event otherwise.",
    "ceasefire-mention": "A truce named with who made it (\"the Security Council's truce\"), "
    "where (\"the truce in Pretoria\") or as an agreement (\"a ceasefire agreement\"), in a "
    "sentence that says nothing else of it: an announcement, its date not given (null).",
    "ceasefire-anaphoric": "A sentence naming no truce right after one that does, whose words "
    "refer to it (\"It was supposed to begin on Tuesday night\", \"Friday's announcement\", "
    "\"the delay until 2100 GMT on Monday\").",
}.items():
    add(Rule(_name, "ceasefire", _why))


def _words(ctx: Context) -> TruceWords:
    return ctx.lexicon.derived("truce", truce_words.build)


def ceasefire_claims(ctx: Context) -> list[Claim]:
    """One claim per ceasefire event in the prose, dated where the text allows."""
    w = _words(ctx)
    found: dict[int, list[Found]] = {}
    done: set[int] = set()
    out: list[tuple[Found, int, int]] = []
    triggers = list(w.trigger.finditer(ctx.text))
    at = array("q", (t.start() for t in triggers))
    for t in triggers:
        if ctx.source.in_region(t.start(), t.end()):
            continue
        start, end = bounds(ctx, t.start())
        if start in done:
            continue
        done.add(start)
        out += _read(ctx, w, start, end, found, anaphoric=False)
        nxt = _next(ctx, end)
        if nxt and nxt[0] not in done and _refers(w, ctx.text, at, *nxt):
            done.add(nxt[0])
            out += _read(ctx, w, *nxt, found, anaphoric=True)
    return [_claim(ctx, f, s, e) for f, s, e in _headlines_checked(out)]


def _refers(w: TruceWords, text: str, at: array[int], start: int, end: int) -> bool:
    """True when a sentence naming no truce may refer to the one before ("It was ...");
    `at` holds where the text's truce words start."""
    i = bisect.bisect_left(at, start)
    if i < len(at) and at[i] < end:
        return False
    return bool(w.opening.match(text, start, end) or w.cue.search(text, start, end))


def _next(ctx: Context, end: int) -> tuple[int, int] | None:
    pos = end
    while pos < len(ctx.text) and ctx.text[pos].isspace():
        pos += 1
    return bounds(ctx, pos) if pos < len(ctx.text) else None


def _read(
    ctx: Context, w: TruceWords, start: int, end: int, found: dict[int, list[Found]],
    anaphoric: bool,
) -> list[tuple[Found, int, int]]:
    """The events of one sentence, remembered for the sentence after it."""
    headline = is_headline(ctx, start)
    if headline is False or ctx.source.in_region(start, end):
        return []
    if ctx.text[start:end].rstrip().rstrip("\"'”’").endswith("?"):
        found[start] = []
        return []
    region = ctx.source.in_region
    dates = find_dates(ctx.text, start, end, ctx.source.published, ctx.lexicon)
    if dates and (day := reference_day(ctx, start)) != ctx.source.published:
        dates = find_dates(ctx.text, start, end, day, ctx.lexicon)  # quoted: the day spoken
    dates = [d for d in dates if not region(d.start, d.end)]
    before = previous(ctx, start)
    carried = found.get(before[0], []) if before else []
    if not (dates or anaphoric or headline or carried or _undated_cue(ctx, w, start, end)):
        found[start] = []  # nothing here can be dated or restated: a cheap look decides
        return []
    sent = Sentence.read(ctx, w, start, end, dates, anaphoric)
    hits = pair(sent)
    if any(v not in sent.owned for v in sent.verbs):
        hits += _undated(ctx, sent, hits, carried, headline=bool(headline))
    if not hits and not sent.dates and not anaphoric:
        hits = _mentions(ctx, sent)
    found[start] = hits
    return [(f, start, end) for f in hits]


def _undated_cue(ctx: Context, w: TruceWords, start: int, end: int) -> bool:
    """True when a sentence without a date may still give a claim: a breach word, or a truce
    named with who made it or as an agreement."""
    text = ctx.text
    if w.breach.search(text, start, end):
        return True
    for t in w.trigger.finditer(text, start, end):
        if w.made.match(text, t.end(), end) or w.made_in.match(text, t.end(), end):
            return True
        if text[max(start, t.start() - 3) : t.start()] in ("’s ", "'s "):
            return True
    return False


def _undated(
    ctx: Context, sent: Sentence, hits: list[Found], carried: list[Found], headline: bool
) -> list[Found]:
    """Events without a date: a breach on the narrative's day, a restated event on the day the
    sentence before gave it, a headline's on the publication day."""
    out: list[Found] = []
    dated = {f.event for f in hits}
    for v in sent.free_verbs():
        if v.event == "resumed" or Event(v.event) in dated or not _asserted(ctx, sent, v):
            continue
        event = Event(v.event)
        trig = sent.nearest_trigger(v.start)
        points = [v.start, v.end, trig.start(), trig.end()] if trig else [v.start, v.end]
        if headline:
            published = ctx.source.published
            value, rule = published.isoformat() if published and not hits else None, \
                "ceasefire-headline"
        elif event is Event.broken:
            value, rule = narrative_day(ctx, sent.start), "ceasefire-breach"
        else:  # restated only where the sentence dates nothing else
            value = None if hits else next(
                (f.value for f in carried if f.event is event and f.value), None)
            rule = "ceasefire-restated"
        if value is None:
            continue
        out.append(Found(event, value, points, rule, headline=headline))
        dated.add(event)
    return out


def _mentions(ctx: Context, sent: Sentence) -> list[Found]:
    """A truce named with who made it ("the Security Council's truce") or where ("the truce in
    Pretoria"), or as an agreement ("a ceasefire agreement"), where nothing else in the sentence
    says what happened to it or when: an announcement whose date the text does not give."""
    text, w = ctx.text, sent.w
    if any(sent.tight_trigger(v) for v in sent.verbs):
        return []
    for t in sent.triggers:
        if w.broken_noun.search(text, max(sent.start, t.start() - 40), t.start()):
            continue
        made = w.made.match(text, t.end(), sent.end)
        if not made and w.definite.search(text, max(sent.start, t.start() - 5), t.start()):
            made = w.made_in.match(text, t.end(), sent.end)  # "the truce in Pretoria", not
            # "a ceasefire in Syria", which is any truce there
        maker = text[max(sent.start, t.start() - 3) : t.start()] in ("’s ", "'s ")
        end = made.end() if made else t.end()
        if any(0 <= v.start - end <= 25 and not _CLAUSE.search(text, end, v.start)
               for v in sent.verbs):
            continue  # "a ceasefire agreement brokered by": an undated event, not a mention
        if made or maker:
            start = t.start() if made else _word_before(text, sent.start, t.start())
            return [Found(Event.announced, None, [start, end], "ceasefire-mention")]
    return []


def _word_before(text: str, floor: int, pos: int) -> int:
    """Where the word before pos ("Council's") starts."""
    start = text.rfind(" ", floor, pos - 3) + 1
    return max(start, floor)


def _asserted(ctx: Context, sent: Sentence, v: Verb) -> bool:
    """True when an undated verb reports the truce's event: the truce its subject or object,
    and not in a clause that sets the scene ("since the ceasefire came into effect"), describes
    ("who have violated") or supposes ("could be broken")."""
    trig = sent.tight_trigger(v)
    if trig is None:
        return False
    w, text = sent.w, ctx.text
    floor = sent.start
    if trig.end() <= v.start and w.subordinate.search(text, max(floor, trig.start() - 30),
                                                         trig.start()):
        return False
    window = (max(floor, v.start - 30), v.start)
    return not (w.relative.search(text, *window) or w.hypothetical.search(text, *window))


def _headlines_checked(out: list[tuple[Found, int, int]]) -> list[tuple[Found, int, int]]:
    """A headline's undated event is dropped when the article dates that event otherwise."""
    body = {(f.event, f.value) for f, _, _ in out if not f.headline}
    events = {f.event for f, _, _ in out if not f.headline}
    return [
        (f, s, e) for f, s, e in out
        if not f.headline or f.event not in events or (f.event, f.value) in body
    ]  # fmt: skip


def _claim(ctx: Context, f: Found, start: int, end: int) -> Claim:
    s, e = min(f.points), max(f.points)
    place, place_text = _truce_area(ctx, *ctx.place_near(start, end, e))
    who, who_text = _announcer(ctx, start, end, f.verb_starts)
    return Claim(
        source_id=ctx.source.id, source_path=ctx.source.path, kind="ceasefire",
        event=f.event, date=f.value, place=place, place_text=place_text,
        attribution=who, attribution_text=who_text, span=Span.of(ctx.text, s, e), rule=f.rule,
    )  # fmt: skip


def _truce_area(ctx: Context, place: str | None,
                written: str | None) -> tuple[str | None, str | None]:
    """Where a truce holds: a place in another country than the area the article is about is
    where it was brokered or signed ("talks in Moscow", "brokered by Russia", "signed in
    Pretoria"), not where the truce holds: that is left unsaid."""
    area = ctx.main_place() if place is not None else None
    if area is None or place is None or country_of(place) == country_of(area):
        return place, written
    return None, None


def _announcer(
    ctx: Context, start: int, end: int, verbs: list[int]
) -> tuple[str | None, str | None]:
    """Who announced the truce: the body acting on it, "announced by X", or who said so."""
    text = ctx.text
    found = [
        m for m in ctx.aliases.mentions(text, start, end)
        if not _LOCATIVE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
    ]  # fmt: skip
    for m in found:
        if _BY.search(text, max(start, m.start() - 30), m.start()):
            return ctx.aliases.lookup(m.group(0)), m.group(0)
    for m in found:
        if any(0 <= v - m.end() <= 25 for v in verbs):
            return ctx.aliases.lookup(m.group(0)), m.group(0)
    for m in found:
        if _SAID.match(text, m.end(), m.end() + 20):
            return ctx.aliases.lookup(m.group(0)), m.group(0)
    return None, None


__all__ = ["Verb", "ceasefire_claims"]
