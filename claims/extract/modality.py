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


def _build(lex: Lexicon) -> Modals:
    data = lex["modality"]
    return Modals(
        words=WordMatcher({"denied": data["denied"], "projected": data["projected"]}),
        past=re.compile(r"(?i:" + "|".join(data["past_estimate"]) + ")"),
    )


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
