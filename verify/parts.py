"""When two figures that differ can both be right: one counts a part of what the other does."""

from __future__ import annotations

from collections.abc import Sequence

from verify.rows import ClaimRow, broader


def explained_by_subject(low: Sequence[ClaimRow], high: Sequence[ClaimRow]) -> bool:
    """True when every lower figure counts a narrower group than every higher one: 900
    civilians and 1,200 people can both be right."""
    lows = {r.subject for r in low}
    highs = {r.subject for r in high}
    return all(broader(h, lw) for lw in lows for h in highs)


def explained(low: Sequence[ClaimRow], high: Sequence[ClaimRow], tolerance: float) -> bool:
    """The lower figures count a part of what the higher count: a narrower group (900
    civilians within 1,200 people), or one site of the place and day a higher toll is the
    whole of ("ten killed on the bus" among the city's 31)."""
    if explained_by_subject(low, high) or parts_of_other_counts(low, high, tolerance):
        return True
    return all(r.site for r in low) and not any(r.site for r in high)


def parts_of_other_counts(low: Sequence[ClaimRow], high: Sequence[ClaimRow],
                          tolerance: float) -> bool:
    """Sub-counts of wholes that differ as much ("19 killed, including six children" and "72
    killed, including nine children") differ because the wholes do: the wholes are compared."""
    wholes = [[r.whole for r in side] for side in (low, high)]
    if not all(w is not None for side in wholes for w in side):
        return False
    lo, hi = max(wholes[0]), min(wholes[1])  # type: ignore[type-var]
    return hi > lo * (1 + tolerance)  # type: ignore[operator]


__all__ = ["explained", "explained_by_subject", "parts_of_other_counts"]
