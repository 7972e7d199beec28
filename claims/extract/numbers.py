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
# Two scans, each written so that its first element is a character class or a literal: only
# then does the regex engine skip in C to the characters a figure can start with (a leading
# \b, a lookbehind, a group of repeats or re.I each turn that off: about 3x slower).
# Digits: one \d, then the rest of "1,234" or "12.5" (the same alternatives, the same greed).
# Thousands are grouped by a comma, or in French and other European copy by a space, a no-break
# or a narrow no-break space ("600 000", "1\u00a0200"); only 1-3 digits then groups of exactly
# three join, so "In 2019 200 fled" stays a year and a count.
_SEPARATORS = ", \u00a0\u202f"
_GROUP = f"[{_SEPARATORS}]"
DIGITS = re.compile(
    rf"(?P<num>\d(?:\d{{0,2}}(?:{_GROUP}\d{{3}})+(?![{_SEPARATORS}\d]\d)|\d*(?:\.\d+)?))"
    rf"(?P<scale>{_SCALE})(?![\w%:/])"
)


def _words_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""Number words: "\b(?:form|form...)\b", its alternatives grouped by their first letter.

    Each group reads its literal first letter, then `(?<!\w.)` checks what \b checked before
    it (no word character before the figure). Only alternatives with the same first letter can
    match at one place, and the group keeps their order, so each match is the one before.

    The second pattern reads the non-word character before the figure instead (group "f" is
    the figure): it starts with a class of the characters between words, rarer than the first
    letters of number words, so the engine skips further in C. It finds every figure but one
    at the very start of the range scanned, which the first pattern matches.
    """
    forms = [
        *(f for v in _VAGUE_RX + _SPECIAL for f in (v, v[0].upper() + v[1:])),
        *(
            f"{form}(?:(?:\\s+|-)(?:and\\s+)?{_WORD})*"
            for u in sorted(_UNITS, key=len, reverse=True)
            for form in (u, u[0].upper() + u[1:])
        ),
    ]
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[0], []).append(form[1:])
    at = "|".join(rf"{first}(?<!\w.)(?:{'|'.join(rest)})" for first, rest in groups.items())
    after = "|".join(rf"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(rf"(?:{at})\b"), re.compile(rf"\W(?P<f>{after})\b")


WORDS, _WORDS_AFTER = _words_patterns()
_NOT_BEFORE_DIGITS = set(".,/:-")
_GROUP_RE = re.compile(_GROUP)
_SPACES = re.compile(r"\s+")
_START = attrgetter("start")
_BLOCK = 1 << 16  # characters whose figures are sorted together
_TOKENS = re.compile(r"[\s-]+")


@dataclass(frozen=True, slots=True)  # slots: a dense text holds a figure every 200 characters
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


MAX_COUNT = 2**63 - 1  # the store's integers are 64-bit; no count of people comes near


def digits_value(number: str, scale: str | None) -> int | None:
    """The value of a digit figure: "5,555,000", "230000", "1.2 million"; None beyond
    MAX_COUNT (a run of digits that long is not a count, and float() of it is infinite)."""
    value = float(_GROUP_RE.sub("", number))
    if scale:
        value *= _DIGIT_SCALES[scale.strip().lower()]
    return round(value) if value <= MAX_COUNT else None


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
        if m.group(0)[:1] == "0" and m.group(0)[1:2].isdigit():
            continue  # "000", "007": not how a count is written
        value = digits_value(m.group("num"), m.group("scale") or None)
        if value is None:
            continue
        yield Figure(m.start(), m.end(), m.group(0), value)


def _word_figures(text: str, start: int, stop: int) -> Iterator[Figure]:
    # What WORDS.finditer(text, start, stop) finds (its \b already made the old check that no
    # letter, digit or "_" stands before a figure). A figure right after a non-word character
    # starts a word; and the next figure starts at least one character after the previous one
    # ends (that one ends in a letter), so the character read before it is never part of it.
    first = WORDS.match(text, start, stop)
    pos = start
    if first:
        yield from _split_and(first.start(), first.group(0))
        pos = first.end()
    for m in _WORDS_AFTER.finditer(text, pos, stop):
        yield from _split_and(m.start("f"), m.group("f"))


# "and" joins number words only after a scale ("one hundred and twenty"); after anything else it
# joins two figures ("between two and five children", "three and four"), read one by one.
_AND_SPLIT = re.compile(r"(?<!hundred)(?<!thousand)(?<!million)(?<!billion)\s+and\s+", re.I)


def _split_and(start: int, written: str) -> Iterator[Figure]:
    pos = 0
    for m in _AND_SPLIT.finditer(written):
        yield _word_figure(start + pos, start + m.start(), written[pos : m.start()])
        pos = m.end()
    yield _word_figure(start + pos, start + len(written), written[pos:])


def iter_figures(text: str, start: int = 0, end: int | None = None) -> Iterator[Figure]:
    """Every figure in text[start:end], in order of position.

    Both scans run over the whole of text[start:end] (so each match is the same as in one
    pass), but their figures are taken and sorted a block of text at a time: holding every
    figure of a dense text at once was most of the extractor's working memory, while merging
    them one by one, interleaved with the reading of each, ran 10% slower in all.
    """
    stop = len(text) if end is None else end
    digits = _digit_figures(text, start, stop)
    words = _word_figures(text, start, stop)
    d, w = next(digits, None), next(words, None)
    limit = start
    while d is not None or w is not None:
        limit += _BLOCK
        block: list[Figure] = []
        while d is not None and d.start < limit:
            block.append(d)
            d = next(digits, None)
        while w is not None and w.start < limit:
            block.append(w)
            w = next(words, None)
        block.sort(key=_START)  # one C sort beats merging the two scans figure by figure
        yield from _ranges(text, block)


_BETWEEN = re.compile(r"\b[Bb]etween\s+$")
_AND = re.compile(r"\s+and\s+")


def _ranges(text: str, figures: list[Figure]) -> Iterator[Figure]:
    """Two figures that write one range, "between 300 and 400", as one figure [300, 400]."""
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        lead = _range_start(text, a, b) if b is not None else None
        if lead is not None and b is not None and a.value is not None and b.value is not None:
            yield Figure(lead, b.end, text[lead : b.end], None, (a.value, b.value),
                         is_word=a.is_word and b.is_word)
            i += 2
        else:
            yield a
            i += 1


def _range_start(text: str, a: Figure, b: Figure) -> int | None:
    """Where "between" stands before a, when a and b write a range; else None."""
    if a.value is None or b.value is None or a.value >= b.value:
        return None
    if not _AND.fullmatch(text, a.end, b.start):
        return None
    lead = _BETWEEN.search(text, max(0, a.start - 12), a.start)
    return lead.start() if lead else None


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in text[start:end], in order."""
    return list(iter_figures(text, start, end))
