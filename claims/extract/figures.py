"""The figure rules: a count of people killed, injured, displaced, returned, living somewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract import kinds
from claims.extract.attribution import credit_for
from claims.extract.context import Context
from claims.extract.modality import modality
from claims.extract.nouns import HEADS, noun_after
from claims.extract.numbers import Figure, iter_figures
from claims.extract.periods import MONTHS, find_periods, period_for
from claims.extract.qualifiers import qualifier_before, quantity
from claims.extract.rules import Rule, add
from claims.extract.rx import word_start
from claims.model import Claim, Kind, Span

for _name, _why in {
    "pre-trigger": "A figure right after a word naming what happened to the people counted "
    '("killed at least four", "displacement of more than 400,000", "home to 3 million").',
    "post-trigger": "A figure and the people it counts, followed in the same sentence by a verb "
    'saying what happened to them ("12 civilians ... were killed", "could be forced to flee").',
    "noun-kind": 'A figure whose noun carries the kind itself ("dozens dead", "5,000 refugees").',
    "share-of": 'A population figure behind a share ("most of its 140,000 residents"): '
    "the figure is the whole population, not the share.",
    "subset": 'A part of the figure before it ("40 civilians were killed, among them 11 '
    'children"): the same kind, counted as part of that figure.',
}.items():
    add(Rule(_name, "figure-kind", _why))

_MONTHS_LONGEST_FIRST = sorted(MONTHS, key=len, reverse=True)
_MONTH_WORD = "|".join(_MONTHS_LONGEST_FIRST)
# Searched in short windows before a figure: written with word_start (claims.extract.rx), the
# same words, case-blind, without trying every position of the window.
_MONTH_BEFORE = re.compile(word_start([(_MONTHS_LONGEST_FIRST, r"\.?,?\s*(?:the\s+)?$")]))
_MONTH_AFTER = re.compile(
    rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_WORD})\b|\s*(?:st|nd|rd|th)\b", re.I
)
_SUBSET = re.compile(
    word_start([(
        ["including", r"among\s+them", r"among\s+whom", r"of\s+whom", r"of\s+them", r"incl\."],
        r"\s*$",
    )])
)  # fmt: skip
_TOLL_ADJ = re.compile(
    r"\b(civilian|child|children|fighter|rebel|regime|military)\s+(?:death\s+)?toll", re.I
)
_NEXT_WORD = re.compile(r"\s*([\w-]+)")
_LAST_WORD = re.compile(r"[\w-]+$")
_CLAUSE_STOP = re.compile(r"[;:]")
# A bare figure this close after another inherits its subject: "6 civilians killed and 15 injured"
_LIST_GAP = 40


@dataclass
class Found:
    """A figure read as a claim, before it is built."""

    figure: Figure
    qualifier: str | None
    start: int  # span start (qualifier or trigger)
    end: int  # span end (noun or trigger)
    np_end: int
    kind: Kind
    subject: str | None
    rule: str
    subset: bool


def figure_claims(ctx: Context) -> list[Claim]:
    """Every figure claim in the source's prose."""
    out: list[Claim] = []
    last_sentence = (-1, -1)
    batch: list[Figure] = []
    for f in iter_figures(ctx.text):
        bounds = ctx.sentences.bounds(f.start)
        if bounds != last_sentence:
            out += _sentence(ctx, last_sentence, batch)
            last_sentence, batch = bounds, []
        batch.append(f)
    out += _sentence(ctx, last_sentence, batch)
    return out


def _sentence(ctx: Context, bounds: tuple[int, int], figures: list[Figure]) -> list[Claim]:
    s_start, s_end = bounds
    if not figures or not kinds.has_trigger(ctx.text, s_start, s_end):
        return []
    found: list[Found] = []
    for f in figures:
        if ctx.source.in_region(f.start, f.end) or _is_date_part(ctx.text, f, s_start):
            continue
        hit = _read(ctx, f, s_start, s_end, found)
        if hit and not ctx.source.in_region(hit.start, hit.end):
            found.append(hit)
    if not found:
        return []
    return _build(ctx, found, s_start, s_end)


def _is_date_part(text: str, f: Figure, floor: int) -> bool:
    """Days of months, years and the like are not counts."""
    if f.is_word:
        return False
    if _MONTH_BEFORE.search(text[max(floor, f.start - 12) : f.start]):
        return True
    if _MONTH_AFTER.match(text, f.end):
        return True
    raw = f.text.replace(",", "")
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and "," not in f.text


def _read(ctx: Context, f: Figure, s_start: int, s_end: int, found: list[Found]) -> Found | None:
    text = ctx.text
    qualifier, q_start = qualifier_before(text, f.start, s_start)
    subject, blocked, np_end = noun_after(text, f.end, s_end)
    if blocked:
        return None
    head = _LAST_WORD.search(text[f.end : np_end]) or _NEXT_WORD.match(text, np_end, s_end)
    head_word = head.group(1 if head.re is _NEXT_WORD else 0).lower() if head else ""
    window_start = max(s_start, q_start - 70)
    pre = kinds.pre_trigger(text[window_start:q_start])
    share = kinds.SHARE_OF.search(text[window_start:q_start])
    kind: Kind | None = None
    start, end, rule = q_start, np_end, ""
    if share or (head_word in ("residents", "inhabitants") and pre is None):
        kind, rule = (Kind.population, "share-of") if share else (None, "")
    if pre is not None and found and found[-1].end > window_start + pre.start():
        pre = None  # "8 Killed 25 Injured": "Killed" is the previous figure's, not this one's
    if kind is None and pre is not None:
        kind, rule, start = kinds.kind_of(pre), "pre-trigger", window_start + pre.start()
        subject = subject or _toll_subject(text[max(s_start, start - 16) : q_start])
    elif kind is None and head_word in kinds.NOUN_KIND:
        kind, rule = kinds.NOUN_KIND[head_word], "noun-kind"
        end = max(end, head.end() if head else end)
    subset = bool(_SUBSET.search(text[max(s_start, q_start - 20) : q_start])) and bool(found)
    if kind is None:
        clause_end = min(s_end, np_end + 150)
        stop = _CLAUSE_STOP.search(text, np_end, clause_end)
        post = kinds.post_trigger(text, np_end, stop.start() if stop else clause_end)
        if post is not None:
            kind, rule, end = kinds.kind_of(post), "post-trigger", post.end()
        elif subset:  # "40 civilians were killed, among them 11 children": the parent's kind
            kind, rule = found[-1].kind, "subset"
        else:
            return None
    if subject is None and found and f.start - found[-1].np_end <= _LIST_GAP:
        subject = found[-1].subject
    return Found(f, qualifier, start, end, np_end, kind, subject or "people", rule, subset)


def _toll_subject(trigger: str) -> str | None:
    m = _TOLL_ADJ.search(trigger)
    if not m:
        return None
    word = m.group(1).lower()
    return {"civilian": "civilians", "regime": "regime fighters", "military": "soldiers"}.get(
        word, HEADS.get(word + "s", HEADS.get(word))
    )


def _build(ctx: Context, found: list[Found], s_start: int, s_end: int) -> list[Claim]:
    out: list[Claim] = []
    spans = [(x.figure.start, x.figure.end) for x in found]
    periods = find_periods(ctx.text, s_start, s_end, ctx.source.published)
    ends = [x.end for x in found]
    parent: Claim | None = None
    for x in found:
        period = period_for(x.start, x.end, periods, ends)
        who = credit_for(ctx, s_start, s_end, x.figure.start, x.figure.end, spans)
        place, place_text = ctx.place_near(s_start, s_end, x.figure.end)
        claim = Claim(
            source_id=ctx.source.id,
            source_path=ctx.source.path,
            kind=x.kind,
            subject=x.subject,
            part_of=parent.id if x.subset and parent else None,
            quantity=quantity(x.figure, x.qualifier),
            place=place,
            place_text=place_text,
            period=period.text if period else None,
            period_start=period.start if period else None,
            period_end=period.end if period else None,
            attribution=who.canonical if who else None,
            attribution_text=who.text if who else None,
            attribution_via=who.via if who else None,
            speaker=who.speaker if who else None,
            modality=modality(ctx.text, max(s_start, x.start - 40), x.end),
            span=Span.of(ctx.text, x.start, x.end),
            rule=x.rule,
        )
        out.append(claim)
        if not x.subset:
            parent = claim
    return out
