"""Modality: a figure reported as fact, projected ("could be forced to flee"), or denied.

The words are the lexicon's (modality.toml). "may have killed 600,000" estimates the past: a
modal before "have" and a participle is reported, not projected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.rx import Tokens, WordMatcher
from claims.lexicon import Lexicon
from claims.model import Modality


@dataclass(frozen=True)
class Modals:
    words: WordMatcher  # projected and denied
    past: re.Pattern[str]
    after_noun: re.Pattern[str]  # "50 hostages are expected to be released"
    earlier_clause: re.Pattern[str]  # "previously put the death toll at"
    earlier_next: re.Pattern[str]  # "up from 50"
    clause_stop: re.Pattern[str]


def _alts(words: list[str]) -> str:
    return "(?i:" + "|".join(words) + ")"


def _build(lex: Lexicon) -> Modals:
    data = lex["modality"]
    return Modals(
        words=WordMatcher({"denied": data["denied"], "projected": data["projected"]}),
        past=re.compile(_alts(data["past_estimate"])),
        after_noun=re.compile(r"[ \t]+" + _alts(data["after_noun"]) + r"\b"),
        earlier_clause=re.compile(r"\b" + _alts(data["earlier_clause"]) + r"\b"),
        earlier_next=re.compile(r"\b" + _alts(data["earlier_next"]) + r"[\s,]*$"),
        clause_stop=re.compile(r"[;!?]|\.\s|,\s+(?:but|while|whereas|and)\s"),
    )


def projected_after(lex: Lexicon, text: str, pos: int, end: int) -> bool:
    """True when the words right after a figure's noun hold it as to come: "50 hostages are
    expected to be released", "30 prisoners will be freed"."""
    return lex.derived("modality", _build).after_noun.match(text, pos, end) is not None


def earlier(lex: Lexicon, text: str, floor: int, start: int, figure: int) -> bool:
    """True when the clause before a figure (from floor to its claim's start, or right before
    the figure) gives it as an earlier count: "previously put the death toll at 5,500", "up
    from 50"."""
    modals = lex.derived("modality", _build)
    stops = list(modals.clause_stop.finditer(text, floor, start))
    floor = stops[-1].end() if stops else floor
    return (modals.earlier_clause.search(text, floor, figure) is not None
            or modals.earlier_next.search(text, floor, figure) is not None)


def modality(lex: Lexicon, text: str, start: int, end: int,
             tokens: Tokens | None = None) -> Modality:
    """The modality of the clause text[start:end] (figure to trigger, with a little before)."""
    modals = lex.derived("modality", _build)
    hits = list(modals.words.finditer(text, start, end, tokens))
    if any(h.name == "denied" for h in hits):
        return Modality.denied
    if any(h.name == "projected" and not modals.past.match(text, h.start) for h in hits):
        return Modality.projected
    return Modality.reported
