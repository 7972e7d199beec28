"""Who a figure is credited to, read from how its sentence is built ("according to X", "X
said", "said X", "X's figures", "X, citing Y"), then from its neighbours ("..., the ministry
said." closing a paragraph, a quote running on, a statement introduced with "said:") and, for a
body's own release, its publisher. Bodies are named canonically where the alias table or the
nationality table knows them and kept as written where not (claims/extract/bodies.py).

The one entry point is `credit_for`; every rule below is registered with what it reads, and a
Credit names the rules that gave it (`rule` for the cue, `resolution` for how the body was named).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.extract.bodies import Body
from claims.extract.discourse import (
    acronyms,
    article,
    history,
    lexicon_words,
    mentions,
    paragraph,
    sentence_cues,
    sentence_quotes,
    sentences,
    settle,
)
from claims.extract.rules import Rule, add
from claims.extract.speech import Cue, facing, has_speech_word, last_cue

if TYPE_CHECKING:
    from claims.aliases import AliasTable
    from claims.extract.context import Context
    from claims.model import Claim, Source

_RULES = {
    # cues in the sentence
    "according-to": 'A body after "according to", "figures from", "cited by" ... credits the '
    "figures of its clause.",
    "speaker-verb": 'A body before a verb of saying ("the UN said", "Airwars estimated", '
    '"Azerbaijan says"): what follows the verb, or what precedes the body when the verb closes '
    "the sentence.",
    "verb-speaker": 'A verb of saying followed by the body ("..., said Chris Woods, head of '
    'Airwars"): what precedes the verb.',
    "toll-phrase": '"X put the toll at", "X, which has put the figure in the hundreds": the '
    "figure X puts.",
    "citing": '"X, citing Y", "X cited Y saying": credited to Y, relayed by X.',
    "passive-by": '"displaced by the United Nations": a counting body (monitor, UN agency, NGO, '
    "news agency) after a passive \"by\".",
    "possessive": '"Obasanjo\'s 600,000 estimate", "the monitor\'s figures": the figure inside a '
    "body's own count.",
    "headline-colon": 'A body before a colon ("UN: more than 121,000 have fled") says what '
    "follows it.",
    # how the body is named
    "alias": "A body the alias table knows, under its canonical name.",
    "acronym": 'An acronym the article defines ("the Kurdistan Democratic Party (KDP)") names '
    "that body from there on.",
    "nationality": '"Ethiopian officials", "Myanmar\'s military", "the Yemeni health ministry": '
    "the state's government, military or ministry, from the nationality table.",
    "place-speaks": '"Azerbaijan says": a country speaks through its government, another place '
    "through its authorities.",
    "titled-person": '"Doe, the UN\'s coordinator": the organisation, with the person as speaker; '
    "a principal (president, envoy, former minister ...) speaks in their own name.",
    "person": "A person credited by name, where no organisation is given for them.",
    "role-named-later": '"Iraq\'s prime minister says" with no name: the person holding that '
    "role elsewhere in the article, else the next person credited.",
    "back-reference": '"the monitor", "the ministry", "the report", "it", "he": the last body '
    "named before with that head noun, type or role.",
    "anonymous-source": '"a military source" or bare "officials": qualified with the nationality '
    "of the country the sentence is about.",
    "unknown-body": 'A body the tables do not know, kept as written ("local sources").',
    "specified-later": '"according to intelligence reports", then "according to Kurdish '
    'intelligence services": the vague source is the one named next with the same word.',
    # neighbours
    "continued-sentence": "A sentence cut at an abbreviation (\"since Sept. 27\") continues the "
    "one before: its credit carries on.",
    "quote-continues": "A paragraph that is all quotation, with no speaker, goes on quoting the "
    "speaker of the paragraph before.",
    "trailing-credit": 'A figure with no credit in its sentence is credited by a later sentence '
    'of the paragraph that closes with "X said" (the first later sentence with a cue decides).',
    "block-quote": 'Paragraphs after one ending "X said:" are X\'s, until another body is '
    "credited.",
    "publisher": "A figure no sentence credits, in an article published by a body that is no "
    "news outlet (an IOM release, the Observatory's own site): that body.",
}  # fmt: skip
for _name, _why in _RULES.items():
    add(Rule(_name, "attribution", _why))

_TRAILING = re.compile(r"[\s\w,.’'-]{0,40}[.!?]?[”\"’]?\s*$")
_BLOCK = re.compile(r":[ \t]*\n")
_FIRST_CHARACTER = re.compile(r"\s*(\S)")
BLOCK_REACH = 4000  # characters a statement introduced with "said:" runs on for at most


@dataclass(frozen=True)
class Credit:
    """Who a claim is credited to: the body (canonical and as written), who relays it, who spoke,
    and the rules that found it (the cue's, then how the body was named)."""

    canonical: str | None
    text: str | None
    via: str | None = None
    speaker: str | None = None
    rule: str | None = None
    resolution: str | None = None


def ranked(
    cues: list[Cue], start: int, end: int, quoted: list[tuple[int, int]], figures: list[int]
) -> Iterator[Cue]:
    """The cues that may credit the figure at text[start:end], best first: one it is part of,
    one in the same quotation, the nearest forward cue before it, the nearest backward one after
    (`figures`: where the sentence's claims start, which decides what each cue faces)."""
    faced = [(c, facing(c, figures)) for c in cues]
    inner = [c for c, d in faced if d == "inner" and c.inner and c.inner[0] <= start < c.inner[1]]
    yield from sorted(inner, key=lambda c: c.end - c.start)
    quote = next(((a, b) for a, b in quoted if a <= start < b), None)
    if quote is not None:
        same = [c for c, d in faced if quote[0] <= c.at < quote[1] and c.after <= start
                and d in ("forward", "both")]  # fmt: skip
        yield from sorted(same, key=lambda c: -c.after)
    ahead = sorted((c for c, d in faced if d == "forward" and c.after <= start < c.scope_end),
                   key=lambda c: -c.after)  # fmt: skip
    if ahead and ahead[0].weak:  # "Putin said Moscow believed ...": Putin's
        ahead = [c for c in ahead[1:] if c.after <= ahead[0].at] + ahead
    yield from ahead
    yield from sorted((c for c, d in faced if d in ("backward", "both") and c.start >= end),
                      key=lambda c: c.start)  # fmt: skip
    yield from sorted((c for c, d in faced if d == "both" and c.after <= start),
                      key=lambda c: -c.after)  # fmt: skip


def choose(
    cues: list[Cue], start: int, end: int, quoted: list[tuple[int, int]], figures: list[int]
) -> Cue | None:
    """The best cue for the figure at text[start:end] (see ranked)."""
    return next(ranked(cues, start, end, quoted, figures), None)


def _sentence_start(ctx: Context, s: int) -> int:
    """Where the sentence really starts: one beginning in lower case or with a digit continues
    the sentence before it in the same paragraph ("... since Sept. 27, in addition to ...")."""
    text = ctx.text
    for _ in range(2):
        if s == 0 or not (text[s].islower() or text[s].isdigit()):
            break
        x = s - 1
        while x > 0 and text[x].isspace():
            x -= 1
        prev, _end = ctx.sentences.bounds(x)
        if prev >= s or "\n" in text[prev:s]:
            break
        s = prev
    return s


def _in_sentence(ctx: Context, s: int, e: int, start: int, end: int, figures: list[int]) -> (
    tuple[Body, Body | None, str] | None
):
    s2 = _sentence_start(ctx, s)
    cues = sentence_cues(ctx, s2, e)
    if not cues:
        return None
    for cue in ranked(cues, start, end, sentence_quotes(ctx, s2, e), figures):
        body = settle(ctx, cue.body, s2, e, start)
        if body.canonical:  # "we" with no one to stand for: the next cue may name the speaker
            break
    else:
        return None
    if body.resolution == "unknown-body" and body.text.split()[-1].lower() in (
        lexicon_words(ctx).documents
    ):
        body = _specified_later(ctx, body, e) or body
    via = settle(ctx, cue.via, s2, e, start) if cue.via else None
    rule = "continued-sentence" if cue.start < s else cue.rule
    return body, via, rule


def _specified_later(ctx: Context, body: Body, e: int) -> Body | None:
    """ "intelligence reports" named more precisely in the next sentences ("Kurdish intelligence
    services"): the body sharing a word with it."""
    words = {x.lower() for x in body.text.split()} - lexicon_words(ctx).documents
    for a, b in sentences(ctx, e, len(ctx.text), 2):
        for c in sentence_cues(ctx, a, b):
            found = settle(ctx, c.body, a, b, c.start)
            if words & {x.lower() for x in found.text.split()} and found.canonical:
                return Body(found.canonical, body.text, body.start, body.end, found.kind,
                            "specified-later", type=found.type)  # fmt: skip
    return None


def _quote_continues(ctx: Context, start: int) -> Body | None:
    """A paragraph all in quotes, with no cue of its own: the speaker of the paragraph before."""
    text = ctx.text
    p0, p1 = paragraph(text, start)
    first = _FIRST_CHARACTER.match(text, p0, p1)
    if first is None or first.group(1) not in ("“", '"') or p0 < 2:
        return None
    if _cues_between(ctx, p0, p1):
        return None
    q0, q1 = paragraph(text, p0 - 2)
    before = _cues_between(ctx, q0, q1)
    if not before or not any(c in text[q0:q1] for c in "“”\""):
        return None
    a, b, cue = before[-1]
    return settle(ctx, cue.body, a, b, cue.start)


def _cues_between(ctx: Context, lo: int, hi: int) -> list[tuple[int, int, Cue]]:
    """The cues of the sentences in text[lo:hi], each with its sentence's bounds."""
    return [(a, b, c) for a, b in sentences(ctx, lo, hi) for c in sentence_cues(ctx, a, b)]


def _trailing(ctx: Context, e: int) -> Body | None:
    """The credit of a later sentence in the paragraph closing with "X said": the first later
    sentence with a cue decides, and only a closing one credits."""
    _p0, p1 = paragraph(ctx.text, e - 1)
    for a, b in sentences(ctx, e, p1, TRAILING_REACH):
        closing = _closing(ctx, a, b)
        if closing is not _NO_CUE:
            return closing if isinstance(closing, Body) else None
    return None


_NO_CUE = "no cue"
# Reported speech closes a paragraph with a verb ("..., the ministry said."); "according to X"
# at the end of a sentence credits that sentence alone.
_REPORTED = frozenset({"speaker-verb", "verb-speaker"})
TRAILING_REACH = 3  # later sentences a figure's credit is looked for in
_TAIL = 60  # characters at the end of a sentence a closing "X said" is looked for in
_NOT_CLOSING = "not closing"


def _closing(ctx: Context, a: int, b: int) -> Body | str:
    """What text[a:b] gives the sentences before it: the body of a cue closing it ("...,
    the ministry said."), _NOT_CLOSING when its cue does not close it, _NO_CUE when it has no
    cue (cached: consecutive figures ask about the same sentences)."""
    cache = article(ctx).closing
    if (a, b) not in cache:
        text, w = ctx.text, lexicon_words(ctx)
        found: Body | str = _NO_CUE
        last: Cue | None = None
        low = text[a:b].lower()
        if has_speech_word(low, w):
            found = _NOT_CLOSING  # a word of saying, but too far from the end to close it
            if has_speech_word(low[-_TAIL:], w):
                known = article(ctx).cues.get((a, b))
                last = (known[-1] if known else None) if known is not None else last_cue(
                    text, a, b, w, ctx.aliases, lambda: acronyms(ctx), b - _TAIL, low)
                found = _NOT_CLOSING if last else _NO_CUE
        if last is not None:
            found = _NOT_CLOSING
            if last.rule in _REPORTED and facing(last, [a]) in ("backward", "both") and (
                _TRAILING.fullmatch(text, last.end, b)
            ):
                body = settle(ctx, last.body, a, b, last.start)
                found = body if body.canonical else _NOT_CLOSING
        cache[(a, b)] = found
    return cache[(a, b)]


def _block(ctx: Context, start: int) -> Body | None:
    """A paragraph after one ending "X said:" (within BLOCK_REACH), no other body credited since."""
    text = ctx.text
    p0, _ = paragraph(text, start)
    state = article(ctx)
    if state.blocks is None:
        state.blocks = [m.start() for m in _BLOCK.finditer(text)]
    blocks = state.blocks
    k = bisect.bisect_left(blocks, p0)  # the last "said:" before the paragraph
    intro = blocks[k - 1] if k and blocks[k - 1] > start - BLOCK_REACH else None
    if intro is None:
        return None
    a, b = ctx.sentences.bounds(intro - 1)
    cues = [c for c in sentence_cues(ctx, a, b) if c.rule == "speaker-verb"]
    if not cues or len(text[cues[-1].after : intro].strip()) > 40:
        return None  # "X said in a statement:" introduces; "X said ... that ... :" does not
    body = settle(ctx, cues[-1].body, a, b, cues[-1].start)
    for x, y, c in _cues_between(ctx, b, p0):
        if settle(ctx, c.body, x, y, c.start).canonical != body.canonical:
            return None
    return body


def _publisher(ctx: Context) -> Body | None:
    """The body an article is published by, when it is one the alias table knows and no outlet."""
    state = article(ctx)
    if state.publisher is None:
        state.publisher = []
        outlet = ctx.source.outlet or ""
        for m in ctx.aliases.mentions(outlet):
            alias = ctx.aliases.find(m.group(0))
            if alias is not None and alias.type not in ("media", "person"):
                state.publisher = [Body(alias.canonical, outlet, 0, 0, "alias", "alias",
                                        type=alias.type)]  # fmt: skip
                break
    return state.publisher[0] if state.publisher else None


def _neighbours(ctx: Context, s: int, e: int, start: int) -> tuple[Body, str] | None:
    """The credit a figure's neighbours give it when its sentence gives none (the same for
    every figure of the sentence, so found once per sentence)."""
    cache = article(ctx).neighbours
    if (s, e) not in cache:
        cache[(s, e)] = _find_neighbours(ctx, s, e, start)
    found = cache[(s, e)]
    return found if isinstance(found, tuple) else None


def _find_neighbours(ctx: Context, s: int, e: int, start: int) -> tuple[Body, str] | None:
    for rule, find in (
        ("quote-continues", lambda: _quote_continues(ctx, start)),
        ("trailing-credit", lambda: _trailing(ctx, e)),
        ("block-quote", lambda: _block(ctx, start)),
        ("publisher", lambda: _publisher(ctx)),
    ):
        body = find()
        if body is not None and body.canonical:
            return body, rule
    return None


def credit_for(
    ctx: Context, s_start: int, s_end: int, start: int, end: int, claims: list[tuple[int, int]]
) -> Credit | None:
    """The credit for the claim at text[start:end] in the sentence text[s_start:s_end], where
    `claims` are the spans of every claim read in that sentence (this one included)."""
    figures = [a for a, _ in claims]
    found = _in_sentence(ctx, s_start, s_end, start, end, figures)
    if found is not None:
        body, via, rule = found
    else:
        near = _neighbours(ctx, s_start, s_end, start)
        if near is None:
            return _record(ctx, start, end, None)
        (body, rule), via = near, None
    if not body.canonical:
        return _record(ctx, start, end, None)
    credit = Credit(body.canonical, body.text, via.canonical if via else None, body.speaker,
                    rule, body.resolution)  # fmt: skip
    return _record(ctx, start, end, credit)


def credits_of(
    source: Source, aliases: AliasTable | None = None
) -> list[tuple[Claim, Credit | None]]:
    """Each figure claim of a source with the Credit that named its attribution, rules and all:
    what `claims show --explain` can print beside the claim's own (figure) rule."""
    from claims.aliases import default_aliases
    from claims.extract.context import Context
    from claims.extract.figures import figure_claims

    ctx = Context(source, aliases or default_aliases())
    given: dict[tuple[int, int], Credit | None] = {}
    article(ctx).credits = given
    out = []
    for claim in figure_claims(ctx):
        inside = [v for (a, b), v in given.items() if claim.span.start <= a and b <= claim.span.end]
        out.append((claim, inside[0] if inside else None))
    return out


def _record(ctx: Context, start: int, end: int, credit: Credit | None) -> Credit | None:
    """Keep each credit given, by figure span, where asked to (credit_of: --explain, tests)."""
    given = article(ctx).credits
    if given is not None:
        given[(start, end)] = credit
    return credit


__all__ = ["Credit", "choose", "credit_for", "credits_of", "history", "mentions", "ranked"]
