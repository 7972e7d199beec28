"""Modality: a figure reported as fact, projected ("could be forced to flee"), or denied.

The words are the lexicon's (modality.toml). "may have killed 600,000" estimates the past: a
modal before "have" and a participle is reported, not projected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.rx import word_start
from claims.lexicon import Lexicon
from claims.model import Modality


@dataclass(frozen=True)
class Modals:
    projected: re.Pattern[str]
    denied: re.Pattern[str]
    past: re.Pattern[str]


def _build(lex: Lexicon) -> Modals:
    data = lex["modality"]
    return Modals(
        projected=re.compile(word_start(data["projected"])),
        denied=re.compile(word_start(data["denied"]) + r"\b"),
        past=re.compile(r"(?i:" + "|".join(data["past_estimate"]) + ")"),
    )


def modality(lex: Lexicon, text: str, start: int, end: int) -> Modality:
    """The modality of the clause text[start:end] (figure to trigger, with a little before)."""
    modals = lex.derived("modality", _build)
    clause = text[start:end]
    if modals.denied.search(clause):
        return Modality.denied
    projected = modals.projected.search(clause)
    if projected and not modals.past.match(clause, projected.start()):
        return Modality.projected
    return Modality.reported
