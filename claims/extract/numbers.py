"""Figures as written: one compiled scan for digits and number words, and their values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

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


def _cased(words: list[str]) -> str:
    """An alternation matching each word lower-case or capitalised: faster than re.I."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(words, key=len, reverse=True))


_BOTH = lambda w: f"{w}|{w[0].upper()}{w[1:]}"  # noqa: E731
_WORD = (
    "(?:" + "|".join(_BOTH(w) for w in [*_UNITS, "hundred", "thousand", "million", "billion"]) + ")"
)
_VAGUE_RX = [r"tens\s+of\s+thousands", r"hundreds\s+of\s+thousands", "dozens", "scores",
             "hundreds", "thousands", "millions"]  # fmt: skip
_SPECIAL = [r"half\s+a\s+million", r"half\s+a\s+billion", r"a\s+dozen", r"a\s+hundred",
            r"a\s+thousand", r"a\s+million"]  # fmt: skip
_SCALE = r"(?:\s*(?:[Mm]illion|[Bb]illion|[Tt]housand)\b|(?:m|bn|k)\b)?"
# Two scans: digits start with a digit class the regex engine skips to in C; words with a
# word boundary (a lookbehind first, or re.I, runs several times slower: benchmarks/extract.py).
DIGITS = re.compile(
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?![\d,]\d)|\d+(?:\.\d+)?)(?P<scale>{_SCALE})(?![\w%:/])"
)
WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        [*(_BOTH(v) for v in _VAGUE_RX + _SPECIAL)]
        + [
            f"{form}(?:(?:\\s+|-)(?:and\\s+)?{_WORD})*"
            for u in sorted(_UNITS, key=len, reverse=True)
            for form in (u, u[0].upper() + u[1:])
        ]
    )
    + r")\b"
)
_NOT_BEFORE_DIGITS = set(".,/:-")
_SPACES = re.compile(r"\s+")
_TOKENS = re.compile(r"[\s-]+")
_START = attrgetter("start")


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
    for token in _TOKENS.split(text.lower()):
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


def _word_figure(start: int, end: int, text: str) -> Figure:
    key = _SPACES.sub(" ", text.lower())
    if key in VAGUE:
        return Figure(start, end, text, None, VAGUE[key], is_word=True)
    if key.startswith("half a "):
        return Figure(
            start, end, text, 500_000 if key.endswith("million") else 500_000_000, is_word=True
        )
    if key.startswith("a "):
        unit = key.split()[-1]
        return Figure(start, end, text, 12 if unit == "dozen" else _SCALES[unit], is_word=True)
    return Figure(start, end, text, words_value(text), is_word=True)


def _digit_figures(text: str, start: int, stop: int) -> Iterator[Figure]:
    for m in DIGITS.finditer(text, start, stop):
        before = text[m.start() - 1] if m.start() > 0 else " "
        if before.isalnum() or before == "_" or before in _NOT_BEFORE_DIGITS:
            continue
        value = digits_value(m.group("num"), m.group("scale") or None)
        yield Figure(m.start(), m.end(), m.group(0), value)


def _word_figures(text: str, start: int, stop: int) -> Iterator[Figure]:
    for m in WORDS.finditer(text, start, stop):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        yield _word_figure(m.start(), m.end(), m.group(0))


def iter_figures(text: str, start: int = 0, end: int | None = None) -> Iterator[Figure]:
    """Every figure in text[start:end], in order of position."""
    stop = len(text) if end is None else end
    found = [*_digit_figures(text, start, stop), *_word_figures(text, start, stop)]
    found.sort(key=_START)  # one C sort beats merging two generators figure by figure
    return iter(found)


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in text[start:end], in order."""
    return list(iter_figures(text, start, end))
