"""Modality: a figure reported as fact, projected ("could be forced to flee"), or denied."""

from __future__ import annotations

import re

from claims.extract.rx import word_start
from claims.model import Modality

# Written with word_start (claims.extract.rx): the same words, case-blind but for "may" (the
# month "May" projects nothing), found without trying every position of the clause.
_PROJECTED = re.compile(
    word_start(
        ["could", "(?-i:may)", "might", "would", "will", "shall", r"expected\s+to",
         r"likely\s+to", r"set\s+to", r"at\s+risk\s+of", "risk(?:s|ing)?",
         r"threaten(?:s|ed|ing)?\s+to", "projected", "forecast", r"feared?\s+(?:to|that)",
         r"plan(?:s|ned)?\s+to", r"if\b"]
    )
)  # fmt: skip
_DENIED = re.compile(
    word_start(
        ["den(?:y|ies|ied|ying)", "rejected", "dismissed", "refuted", "false(?:ly)?",
         r"no\s+one\s+was"]
    )
    + r"\b"
)  # fmt: skip


def modality(text: str, start: int, end: int) -> Modality:
    """The modality of the clause text[start:end] (figure to trigger, with a little before)."""
    clause = text[start:end]
    if _DENIED.search(clause):
        return Modality.denied
    if _PROJECTED.search(clause):
        return Modality.projected
    return Modality.reported
