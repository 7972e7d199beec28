"""One sentence naming a truce, as read for ceasefire events: its dates, its truce words and its
event words (verbs, "a statement released", "would cease hostilities"), and which truce a verb
takes as its subject or object."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.extract.context import Context
from claims.extract.dates import DateExpr
from claims.extract.truce_words import TruceWords
from claims.model import Event

CLAUSE = re.compile(r"[,;:]")
_EVENTS = ("announced", "starts", "broken", "resumed")
WORD = re.compile(r"[\w’'-]+")


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
        cls, ctx: Context, w: TruceWords, start: int, end: int, dates: list[DateExpr],
        anaphoric: bool,
    ) -> Sentence:
        """Read text[start:end], whose dates are found already."""
        text = ctx.text
        words: dict[str, list[re.Match[str]]] = {}
        for m in w.scan.finditer(text, start, end):
            words.setdefault(m.lastgroup or "", []).append(m)
        unreal = [m.end() for m in words.get("prospective", [])]
        verbs = [
            Verb(m.start(), m.end(), event) for event in _EVENTS for m in words.get(event, [])
            if text[m.start() - 1 : m.start()] != "-"
            and not any(0 <= m.start() - u <= 30 and len(text[u : m.start()].split()) <= 3
                        for u in unreal)
            and not _noun(text, start, m.start(), m.end(), w)
        ]  # fmt: skip
        verbs += [Verb(m.start(), m.end(), "announced") for m in words.get("statement", [])]
        triggers = list(w.trigger.finditer(text, start, end))
        verbs += [v for t in triggers if (v := _intent(text, t, w)) is not None]
        verbs = [_over(text, v, triggers, w) for v in verbs]
        attacks = words.get("attack", [])
        if dates:
            inside = lambda pos: any(d.start <= pos < d.end for d in dates)  # noqa: E731
            verbs = [v for v in verbs if not inside(v.start)]
            attacks = [m for m in attacks if not inside(m.start())]
        return cls(ctx, w, start, end, dates, triggers, sorted(verbs, key=lambda v: v.start),
                   attacks, anaphoric)

    def free_verbs(self) -> list[Verb]:
        """The event words no date has taken yet."""
        return [v for v in self.verbs if v not in self.owned]

    def nearest_trigger(self, pos: int) -> re.Match[str] | None:
        """The truce word nearest to pos."""
        return min(self.triggers, key=lambda t: abs(t.start() - pos), default=None)

    def tight_trigger(self, v: Verb) -> re.Match[str] | None:
        """The truce a verb takes as its object ("violated the new truce", "agreed to a
        truce", "signed an agreement on a truce") or its subject ("the truce was breached")."""
        text = self.ctx.text
        for t in self.triggers:
            if t.start() >= v.end:
                words = [x.lower() for x in WORD.findall(text[v.end : t.start()])]
                if CLAUSE.search(text, v.end, t.start()) or len(words) > 5:
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
                words = WORD.findall(text[t.end() : v.start])
                between = text[t.end() : v.start]
                if not CLAUSE.search(between) and all(
                    x.lower() in self.w.auxiliaries for x in words
                ):
                    return t
        return None


def _noun(text: str, floor: int, pos: int, end: int, w: TruceWords) -> bool:
    """ "the collapse of", "a new breach of": an event word after a determiner is a noun."""
    before = [x.lower() for x in WORD.findall(text[max(floor, pos - 20) : pos])[-2:]]
    if not before or text[pos - 1] != " ":
        return False
    if before[-1] in w.noun_before:
        return True
    noun = text[pos:end].lower() in w.noun_forms
    return noun and len(before) == 2 and before[0] in w.noun_before


def _over(text: str, v: Verb, triggers: list[re.Match[str]], w: TruceWords) -> Verb:
    """ "declared the ceasefire over": an announcement that the truce has ended."""
    if v.event != "announced":
        return v
    for t in triggers:
        if 0 <= t.start() - v.end <= 25 and w.over.match(text, t.end()):
            return Verb(v.start, v.end, "broken")
    return v


def _intent(text: str, t: re.Match[str], w: TruceWords) -> Verb | None:
    """ "would cease military operations", "agreed to cease hostilities": a truce written as a
    verb after would / will / to is the announcement of it."""
    if not w.verbal.match(text, t.start(), t.end()):
        return None
    if w.intent.search(text, max(0, t.start() - 8), t.start()):
        return Verb(t.start(), t.end(), "announced")
    return None



__all__ = ["CLAUSE", "WORD", "Found", "Sentence", "Verb"]
