"""Modality: a figure reported as fact, projected ("could be forced to flee"), or denied."""

from __future__ import annotations

import re

from claims.model import Modality

_PROJECTED = re.compile(
    r"\b(?:could|(?-i:may)|might|would|will|shall|expected\s+to|likely\s+to|set\s+to|at\s+risk\s+of"
    r"|risk(?:s|ing)?|threaten(?:s|ed|ing)?\s+to|projected|forecast|feared?\s+(?:to|that)"
    r"|plan(?:s|ned)?\s+to|if\b)",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|rejected|dismissed|refuted|false(?:ly)?|no\s+one\s+was)\b", re.I
)


def modality(text: str, start: int, end: int) -> Modality:
    """The modality of the clause text[start:end] (figure to trigger, with a little before)."""
    clause = text[start:end]
    if _DENIED.search(clause):
        return Modality.denied
    if _PROJECTED.search(clause):
        return Modality.projected
    return Modality.reported
