"""How severe a conflict is: the size of the gap, the independent support on each side,
named bodies, and how recent the disputed figures are."""

from __future__ import annotations

from collections.abc import Sequence

from claims.model import SeverityLabel

FULL_GAP_RATIO = 0.5  # figures 50% apart (or more) are as far apart as it gets
FULL_GAP_DAYS = 7  # a week between two dates of one ceasefire
WEIGHTS = (0.5, 0.2, 0.15, 0.15)  # gap, independent support, attribution, recency
HIGH, MEDIUM = 0.6, 0.35
FRESH_DAYS = 30  # figures this close to the newest in the store are current
STALE_DAYS = 365  # a year older than the newest: of the record, not of the news


def gap_score(gap: float, unit: str = "ratio") -> float:
    """The gap on a 0..1 scale: a ratio for figures, days for dates."""
    full = FULL_GAP_DAYS if unit == "days" else FULL_GAP_RATIO
    return min(1.0, max(0.0, gap / full))


def recency(day: int | None, newest: int | None) -> float:
    """1 for figures of the last month of reporting, falling to 0 for a year older."""
    if day is None or newest is None:
        return 0.5
    age = newest - day - FRESH_DAYS
    return 1.0 if age <= 0 else max(0.0, 1 - age / (STALE_DAYS - FRESH_DAYS))


def label(score: float) -> SeverityLabel:
    """high, medium or low."""
    if score >= HIGH:
        return "high"
    return "medium" if score >= MEDIUM else "low"


def severity(
    gap: float, support: Sequence[int], attributed: Sequence[bool], confidence: float = 1.0,
    fresh: float = 1.0,
) -> tuple[float, SeverityLabel]:
    """A score 0..1 and its label: wider gaps, better-supported, attributed and recent sides
    rank higher.

    `gap` is already on 0..1 (see gap_score); `support` is the independent sources per side;
    `attributed` says whether each side credits a body; `confidence` falls for inferred places
    and unstated scopes; `fresh` is the recency (see recency).
    """
    weakest = min(support) if support else 1
    support_score = min(1.0, weakest / 2)  # one source on a side: half; two or more: full
    attributed_score = sum(attributed) / len(attributed) if attributed else 0.0
    w_gap, w_support, w_attr, w_fresh = WEIGHTS
    score = (w_gap * gap + w_support * support_score + w_attr * attributed_score
             + w_fresh * fresh) * confidence
    score = round(min(1.0, max(0.0, score)), 2)
    return score, label(score)


__all__ = ["gap_score", "label", "recency", "severity"]
