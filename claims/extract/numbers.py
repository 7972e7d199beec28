"""Figures as written: one compiled scan for digits and number words, and their values."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGIT_SCALES = {**_SCALES, "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}

# Vague plurals as intervals. "dozens" starts at two dozen (24); "hundreds" is 200-999, never
# 100, and likewise for the others: DESIGN.md. "scores" is at least two score (40).
VAGUE: dict[str, tuple[int, int]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}

_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD = rf"(?:{_UNIT_ALT}|hundred|thousand|million|billion)"
FIGURE = re.compile(
    rf"""
    (?P<vague>\b(?:tens|hundreds)\s+of\s+thousands\b|\b(?:dozens|scores|hundreds|thousands|millions)\b)
    |(?P<half>\bhalf\s+a\s+(?:million|billion)\b)
    |(?P<a>\ba\s+(?:dozen|hundred|thousand|million)\b)
    |(?P<num>(?<![\w.,/:-])\d{{1,3}}(?:,\d{{3}})+(?![\d,]\d)|(?<![\w.,/:-])\d+(?:\.\d+)?)
        (?P<scale>\s*(?:million|billion|thousand)\b|(?:m|bn|k)\b)?(?![\w%:/])
    |(?P<words>\b(?:{_UNIT_ALT})(?:(?:\s+|-)(?:and\s+)?{_WORD})*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Figure:
    """A figure found in the text: where it stands, its value or vague range, as written."""

    start: int
    end: int
    text: str
    value: int | None  # exact value, None for vague plurals
    vague: tuple[int, int] | None = None
    is_word: bool = False


def words_value(text: str) -> int | None:
    """The value of number words: "one thousand" -> 1000, "twenty-four" -> 24."""
    total = current = 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("", "and"):
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return total + current


def digits_value(number: str, scale: str | None) -> int:
    """The value of a digit figure: "5,555,000", "230000", "1.2 million"."""
    value = float(number.replace(",", ""))
    if scale:
        value *= _DIGIT_SCALES[scale.strip().lower()]
    return round(value)


def figure_of(match: re.Match[str]) -> Figure:
    """The Figure a FIGURE match stands for."""
    start, end, text = match.start(), match.end(), match.group(0)
    if match.group("vague"):
        key = re.sub(r"\s+", " ", text.lower())
        return Figure(start, end, text, None, VAGUE[key], is_word=True)
    if match.group("half"):
        scale = 1_000_000 if text.lower().endswith("million") else 1_000_000_000
        return Figure(start, end, text, scale // 2, is_word=True)
    if match.group("a"):
        unit = text.split()[-1].lower()
        value = 12 if unit == "dozen" else words_value("one " + unit)
        return Figure(start, end, text, value, is_word=True)
    if match.group("num"):
        return Figure(start, end, text, digits_value(match.group("num"), match.group("scale")))
    return Figure(start, end, text, words_value(text), is_word=True)


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in text[start:end], in order."""
    stop = len(text) if end is None else end
    return [figure_of(m) for m in FIGURE.finditer(text, start, stop)]
