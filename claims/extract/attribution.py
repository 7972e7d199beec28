"""Who a figure is credited to: "according to the OSDH", "the United Nations says", "X said"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.aliases import AliasTable
from claims.extract.rx import word_start

if TYPE_CHECKING:
    from claims.extract.context import Context

_SPEECH_WORDS = ["said", "says", "say", "reported", "reports", "report", "announced", "announces",
                 "estimated", "estimates", "stated", "states", "counted", "counts", "recorded",
                 "records", "documented", "documents", "confirmed", "confirms", "added",
                 "tallied", r"put\s+the\s+(?:death\s+)?toll", "warned", "warns"]  # fmt: skip
_SPEECH = f"(?:{'|'.join(_SPEECH_WORDS)})"
_AFTER_NAME = re.compile(
    rf"\s*(?:\([^)]{{1,60}}\)\s*)?(?:,[^,.;]{{1,50}},)?,?\s*(?:has\s+|have\s+|had\s+)?{_SPEECH}\b",
    re.I,
)
# The patterns searched backwards from a name, in windows of text before it, are written with
# word_start (claims.extract.rx): the same words, case-blind, without trying every position.
_BEFORE_NAME = re.compile(word_start([(_SPEECH_WORDS, r"\b[^.;]{0,40}$")]))
_ACCORDING = re.compile(
    word_start([(
        [r"according\s+to", r"cited\s+by", r"quoted\s+by", r"said\s+by"], r"\s+(?:the\s+)?$"
    )])
)  # fmt: skip
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_TOLD = re.compile(r"\b(?:told|to|in|from|near|against|with|on|at)\s+(?:the\s+)?$", re.I)
_UNKNOWN = re.compile(
    word_start([
        r"according\s+to\s+(?:the\s+)?(?P<name>[\w'’-]+(?:\s+(?:of|for|the|and|[\w'’-]+)){0,5}?)"
        r"(?=\s*[,.;)(]|\s+(?:in|on|which|who|that|some|more|at|nearly)\b|$)"
    ])
)  # fmt: skip
_REPORTERS = {"monitor", "un", "ngo", "media"}  # bodies a passive "by" credits, not blames


@dataclass(frozen=True)
class Mention:
    """A body named in a sentence as the source of something said there."""

    start: int
    end: int
    text: str
    canonical: str
    cue: str  # "according", "by", "speaks-after", "speaks-before"
    reach: int = 0  # where the cue ends: "X, a monitor, said" reaches past "said"


def mentions(text: str, start: int, end: int, table: AliasTable) -> list[Mention]:
    """Bodies in text[start:end] named with a cue that they are the source of a statement."""
    found: list[Mention] = []
    for m in table.mentions(text, start, end):
        alias = table.find(m.group(0))
        if alias is None:
            continue
        cue = _cue(text, start, end, m.start(), m.end(), alias.type)
        if cue:
            speech = _AFTER_NAME.match(text, m.end(), end)
            reach = speech.end() if speech and cue == "speaks-after" else m.end()
            found.append(Mention(m.start(), m.end(), m.group(0), alias.canonical, cue, reach))
    for u in _UNKNOWN.finditer(text, start, end):
        if not any(x.start <= u.start("name") < x.end for x in found):
            name = u.group("name")
            canonical = table.lookup(name) or name
            found.append(Mention(u.start("name"), u.end("name"), name, canonical, "according"))
    return sorted(found, key=lambda x: x.start)


def _cue(text: str, start: int, end: int, m_start: int, m_end: int, kind: str) -> str | None:
    before = text[max(start, m_start - 60) : m_start]
    if _ACCORDING.search(before):
        return "according"
    if _BY.search(before):
        return "by" if kind in _REPORTERS else None
    if _TOLD.search(before[-12:]):
        return None  # "told AFP" names the listener; "in Damascus" names a place
    if _AFTER_NAME.match(text, m_end, end):
        return "speaks-after"
    if _BEFORE_NAME.search(before):
        return "speaks-before"
    return None


def credit(
    figure_start: int, figure_end: int, found: list[Mention], figures: list[int]
) -> Mention | None:
    """The mention a figure is credited to: a source named after it, else one named before it."""
    for m in found:
        if m.start >= figure_end and not _forward(m, figures) and not _leads(m, figures):
            return m
    before = [m for m in found if m.end <= figure_start and _forward(m, figures)]
    return before[-1] if before else None


def _forward(m: Mention, figures: list[int]) -> bool:
    """True when a mention credits the figures after it ("According to X, 5 died"; "X says 5")."""
    if m.cue == "according":
        return not any(f < m.start for f in figures)
    if m.cue == "speaks-after":
        return any(0 <= f - m.reach <= 60 for f in figures)
    return False


def _leads(m: Mention, figures: list[int]) -> bool:
    """True when a speaker named after a figure goes on to give figures of its own."""
    return m.cue == "speaks-after" and any(f >= m.reach for f in figures)


@dataclass(frozen=True)
class Credit:
    """Who a claim is credited to: the body (canonical and as written), who relays it, who spoke."""

    canonical: str | None
    text: str | None
    via: str | None = None
    speaker: str | None = None


def credit_for(
    ctx: Context, s_start: int, s_end: int, start: int, end: int, claims: list[tuple[int, int]]
) -> Credit | None:
    """The credit for the claim at text[start:end] in the sentence text[s_start:s_end], where
    `claims` are the spans of every claim read in that sentence (this one included)."""
    key = f"attribution.mentions:{s_start}:{s_end}"
    found = ctx.cache.get(key)
    if found is None:
        found = mentions(ctx.text, s_start, s_end, ctx.aliases)
        ctx.cache[key] = found
    assert isinstance(found, list)
    who = credit(start, end, found, [a for a, _ in claims])
    return Credit(who.canonical, who.text) if who else None
