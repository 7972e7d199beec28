"""Qualifiers ("more than", "nearly", "some") and the interval each makes of a figure.

The words and what each does are the lexicon's (claims/data/lexicon/<lang>/qualifiers.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.numbers import Figure, number_words
from claims.extract.rx import word_start
from claims.lexicon import Lexicon
from claims.model import Quantity

NEARLY_DIVISOR = 4  # "nearly 20" is [15, 20]: within a quarter below the figure
ABOUT_DIVISOR = 10  # "some 120,000" is [108,000, 132,000]: give or take a tenth
_KINDS = ("lower", "upper", "nearly", "about", "exact")


@dataclass(frozen=True)
class Qualifiers:
    """The qualifiers of one language: what each does, and the scan before a figure."""

    does: dict[str, str]  # lower-cased qualifier -> lower, upper, nearly, about or exact
    pattern: re.Pattern[str]


def _build(lex: Lexicon) -> Qualifiers:
    data = lex["qualifiers"]
    does = {q.lower(): kind for kind in _KINDS for q in data.get(kind, [])}
    ordered = sorted(does, key=len, reverse=True)
    alternatives = [re.escape(q).replace(r"\ ", r"\s+") for q in ordered if q[:1].isalpha()]
    pattern = re.compile(rf"(?P<q>{word_start(alternatives)})" + r"(?i:\s*(?:of\s+)?$)")
    return Qualifiers(does, pattern)


def qualifiers(lex: Lexicon) -> Qualifiers:
    return lex.derived("qualifiers", _build)


def qualifier_before(lex: Lexicon, text: str, start: int, floor: int) -> tuple[str | None, int]:
    """The qualifier written just before text[start:], and where it starts."""
    window = text[max(floor, start - 30) : start]
    match = qualifiers(lex).pattern.search(window)
    if not match:
        return None, start
    return match.group("q"), start - len(window) + match.start()


def _key(qualifier: str) -> str:
    return re.sub(r"\s+", " ", qualifier.lower())


def quantity(lex: Lexicon, figure: Figure, qualifier: str | None) -> Quantity:
    """The interval a qualified figure stands for."""
    if qualifier is None and figure.text.endswith("+"):
        qualifier = "+"  # "174+ civilians": the sign written after the figure opens it
    does = qualifiers(lex).does.get(_key(qualifier), "exact") if qualifier else None
    written = qualifier or figure.lead
    if figure.vague is not None:
        floor, top = figure.vague
        # "more than hundreds" keeps the floor and opens the ceiling; "nearly hundreds" the floor
        ceiling = None if does == "lower" else top
        plural = _key(figure.text) in number_words(lex).vague  # "hundreds", not "5 to 10"
        return Quantity(low=floor, high=ceiling,
                        qualifier=written or (figure.text if plural else None), figure=figure.text)
    n = figure.value or 0
    # Fields that stay None are not passed: a model keeps the names passed to it in a set, and
    # four names fit a set's smallest table (216 bytes) where five take 728, in every claim.
    if qualifier is None:
        return Quantity(low=n, high=n, estimate=n, figure=figure.text)
    if does == "lower":
        return Quantity(low=n, estimate=n, qualifier=qualifier, figure=figure.text)
    if does == "upper":
        return Quantity(high=n, estimate=n, qualifier=qualifier, figure=figure.text)
    low, high = n, n
    if does == "nearly":
        low = n - n // NEARLY_DIVISOR
    elif does == "about":
        low, high = n - n // ABOUT_DIVISOR, n + n // ABOUT_DIVISOR
    return Quantity(low=low, high=high, estimate=n, qualifier=qualifier, figure=figure.text)
