"""Qualifiers ("more than", "nearly", "some") and the interval each makes of a figure."""

from __future__ import annotations

import re

from claims.extract.numbers import Figure
from claims.extract.rx import word_start
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
    rf"(?P<q>{word_start([re.escape(q) for q in _ALL])})" + r"(?i:\s*(?:of\s+)?$)"
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
    # Fields that stay None are not passed: a model keeps the names passed to it in a set, and
    # four names fit a set's smallest table (216 bytes) where five take 728, in every claim.
    if qualifier is None:
        return Quantity(low=n, high=n, estimate=n, figure=figure.text)
    key = qualifier.lower()
    if key in _LOWER:
        return Quantity(low=n, estimate=n, qualifier=qualifier, figure=figure.text)
    if key in _UPPER:
        return Quantity(high=n, estimate=n, qualifier=qualifier, figure=figure.text)
    low, high = n, n
    if key in _NEARLY:
        low = n - n // NEARLY_DIVISOR
    elif key in _ABOUT:
        low, high = n - n // ABOUT_DIVISOR, n + n // ABOUT_DIVISOR
    return Quantity(low=low, high=high, estimate=n, qualifier=qualifier, figure=figure.text)
