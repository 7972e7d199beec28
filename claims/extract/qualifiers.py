"""Qualifiers ("more than", "nearly", "some") and the interval each makes of a figure."""

from __future__ import annotations

import re

from claims.extract.numbers import Figure
from claims.model import Quantity

# Each qualifier reads the figure as a bound or an approximation.
_LOWER = ("more than", "over", "upwards of", "in excess of", "above", "at least", "no fewer than",
          "no less than", "a minimum of", "a total of at least")  # fmt: skip
_UPPER = ("up to", "at most", "no more than", "fewer than", "less than", "under", "as many as",
          "a maximum of")  # fmt: skip
_NEARLY = ("nearly", "almost", "close to", "just under")
_ABOUT = ("some", "around", "about", "approximately", "roughly", "an estimated", "estimated",
          "an approximate", "circa", "nearly some", "just over", "a reported",
          "more or less")  # fmt: skip

_ALL = sorted((*_LOWER, *_UPPER, *_NEARLY, *_ABOUT), key=len, reverse=True)
_QUALIFIER = re.compile(
    r"\b(?P<q>" + "|".join(re.escape(q) for q in _ALL) + r")\s*(?:of\s+)?$", re.IGNORECASE
)

NEARLY_DIVISOR = 4  # "nearly 20" is [15, 20]: within a quarter below the figure
ABOUT_DIVISOR = 10  # "some 120,000" is [108,000, 132,000]: give or take a tenth


def qualifier_before(text: str, start: int, floor: int) -> tuple[str | None, int]:
    """The qualifier written just before text[start:], and where it starts."""
    window = text[max(floor, start - 30) : start]
    match = _QUALIFIER.search(window)
    if not match:
        return None, start
    return match.group("q"), start - len(window) + match.start()


def quantity(figure: Figure, qualifier: str | None) -> Quantity:
    """The interval a qualified figure stands for."""
    if figure.vague is not None:
        floor, top = figure.vague
        # "more than hundreds" keeps the floor and opens the ceiling
        ceiling = None if qualifier and qualifier.lower() in _LOWER else top
        return Quantity(
            low=floor, high=ceiling, qualifier=qualifier or figure.text, figure=figure.text
        )
    n = figure.value or 0
    low: int | None = n
    high: int | None = n
    key = qualifier.lower() if qualifier else None
    if key in _LOWER:
        high = None
    elif key in _UPPER:
        low = None
    elif key in _NEARLY:
        low = n - n // NEARLY_DIVISOR
    elif key in _ABOUT:
        low, high = n - n // ABOUT_DIVISOR, n + n // ABOUT_DIVISOR
    return Quantity(low=low, high=high, estimate=n, qualifier=qualifier, figure=figure.text)
