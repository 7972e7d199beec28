"""Figures as written: one compiled scan for digits and number words, and their values.

The words (units, scales, vague plurals, set phrases, range joiners) come from the language's
lexicon (claims/data/lexicon/<lang>/numbers.toml); the scans are built once per lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from claims.lexicon import Lexicon, lexicon

# A figure's value is kept when it fits a signed 64-bit column; a longer run of digits is not a
# count anyone reports ("10**30 killed" is a typo or an attack on the store): no figure.
MAX_VALUE = 2**63 - 1


@dataclass(frozen=True, slots=True)  # slots: a dense text holds a figure every 200 characters
class Figure:
    """A figure found in the text: where it stands, its value or interval, as written.

    `vague` is an interval: a vague plural ("hundreds": 200-999) or a range written with two
    figures ("between 300 and 400"; "between 385,000 and over 600,000" has no upper bound).
    """

    start: int
    end: int
    text: str
    value: int | None  # exact value, None for vague plurals and ranges
    vague: tuple[int, int | None] | None = None
    is_word: bool = False
    lead: str | None = None  # a range's opening words as written: "Between", "a minimum of"


@dataclass(frozen=True)
class NumberWords:
    """The number words of one language, and the scans built from them."""

    units: dict[str, int]
    scales: dict[str, int]
    digit_scales: dict[str, int]
    phrases: dict[str, int]
    vague: dict[str, tuple[int, int]]
    words: re.Pattern[str]
    words_after: re.Pattern[str]
    digits: re.Pattern[str]
    between: re.Pattern[str]
    joiner: re.Pattern[str]
    minimum: re.Pattern[str]
    maximum: re.Pattern[str]
    not_after: re.Pattern[str]
    and_split: re.Pattern[str]


def _capitalised(word: str) -> tuple[str, str]:
    return word, word[:1].upper() + word[1:]


def _build(lex: Lexicon) -> NumberWords:
    data = lex["numbers"]
    units = {k: int(v) for k, v in data["units"].items()}
    scales = {k: int(v) for k, v in data["scales"].items()}
    digit_scales = {**scales, **{k: int(v) for k, v in data["digit_scales"].items()}}
    phrases = {k: int(v) for k, v in data["phrases"].items()}
    vague = {k: (int(v[0]), int(v[1])) for k, v in data["vague"].items()}
    word = "(?:" + "|".join(f for w in [*units, *scales] for f in _capitalised(w)) + ")"
    spaced = lambda p: re.escape(p).replace(r"\ ", r"\s+")  # noqa: E731
    forms = [
        *(f for v in sorted([*vague, *phrases], key=len, reverse=True)
          for f in _capitalised(spaced(v))),
        *(f"{form}(?:(?:\\s+|-)(?:and\\s+)?{word})*"
          for u in sorted(units, key=len, reverse=True) for form in _capitalised(u)),
    ]  # fmt: skip
    words, words_after = _words_patterns(forms)
    scale_words = "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in scales)
    scale_short = "|".join(re.escape(k) for k in data["digit_scales"])
    ranges = data["ranges"]
    return NumberWords(
        units, scales, digit_scales, phrases, vague, words, words_after,
        _digits_pattern(scale_words, scale_short),
        re.compile(rf"\b(?i:{ranges['between']})\s+$"),
        re.compile(r"\s*(?:" + "|".join(
            r"\s+" + re.escape(j) + r"\s+" if j.isalpha() else re.escape(j)
            for j in ranges["joiners"]) + r")\s*(?:(?P<open>more\s+than|over)\s+)?"),
        re.compile(r"(?i:" + "|".join(ranges["minimum"]) + r")\s+$"),
        re.compile(r"\s+and\s+(?i:" + "|".join(ranges["maximum"]) + r")\s+"),
        re.compile(r"\b(?i:" + "|".join(ranges["not_after"]) + r")\s+$"),
        re.compile(r"(?<!" + r")(?<!".join(scales) + r")\s+and\s+", re.I),
    )  # fmt: skip


def _words_patterns(forms: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""Number words: "\b(?:form|form...)\b", its alternatives grouped by their first letter.

    Each group reads its literal first letter, then `(?<!\w.)` checks what \b checked before
    it (no word character before the figure). Only alternatives with the same first letter can
    match at one place, and the group keeps their order, so each match is the one before.
    The second pattern reads the non-word character before the figure instead (group "f" is
    the figure): a class rarer than first letters, so the engine skips further in C. It finds
    every figure but one at the very start of the range scanned, which the first one matches.
    """
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[0], []).append(form[1:])
    at = "|".join(rf"{first}(?<!\w.)(?:{'|'.join(rest)})" for first, rest in groups.items())
    after = "|".join(rf"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(rf"(?:{at})\b"), re.compile(rf"\W(?P<f>{after})\b")


# Digits: one \d, then the rest of "1,234" or "12.5" (the pattern starts with a class, so the
# engine skips in C to the digits). Thousands are grouped by a comma, or in European copy by a
# space, a no-break or a narrow no-break space ("600 000"); only 1-3 digits then groups of
# exactly three join, so "In 2019 200 fled" stays a year and a count.
_SEPARATORS = ", \u00a0\u202f"
# A figure may end in a plus sign ("174+ civilians": 174 or more); a colon ends it unless a
# digit follows ("822: UN" is a figure, "12:30" a time).
_GROUP = f"[{_SEPARATORS}]"


def _digits_pattern(scale_words: str, scale_short: str) -> re.Pattern[str]:
    scale = rf"(?:\s*(?:{scale_words})\b|(?:{scale_short})\b)?"
    return re.compile(
        rf"(?P<num>\d(?:\d{{0,2}}(?:{_GROUP}\d{{3}})+(?![{_SEPARATORS}\d]\d)|\d*(?:\.\d+)?))"
        rf"(?P<scale>{scale})(?P<plus>\+(?![\d\w]))?(?![\w%/]|:\d)"
    )


def number_words(lex: Lexicon | None = None) -> NumberWords:
    """The number words and scans of a lexicon (English by default), built once."""
    return (lex or lexicon()).derived("numbers", _build)


_GROUP_RE = re.compile(_GROUP)
_SPACES = re.compile(r"\s+")
_TOKENS = re.compile(r"[\s-]+")
_START = attrgetter("start")
_BLOCK = 1 << 16  # characters whose figures are sorted together
_NOT_BEFORE_DIGITS = frozenset(".,/:-–")
_RANGE_DASHES = frozenset("-–")


def words_value(text: str, lex: Lexicon | None = None) -> int | None:
    """The value of number words: "one thousand" -> 1000, "twenty-four" -> 24."""
    return _words_value(number_words(lex), text)


def _words_value(nw: NumberWords, text: str) -> int | None:
    total = current = 0
    for token in _TOKENS.split(text.lower()):
        if token in ("", "and"):
            continue
        if token in nw.units:
            current += nw.units[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in nw.scales:
            total += max(current, 1) * nw.scales[token]
            current = 0
        else:
            return None
    return total + current


def digits_value(number: str, scale: str | None, lex: Lexicon | None = None) -> int | None:
    """The value of a digit figure ("5,555,000", "230000", "1.2 million"); None past MAX_VALUE."""
    digits = _GROUP_RE.sub("", number)
    if len(digits.split(".")[0]) > 19:
        return None  # float() of a longer run is inexact or infinite
    value = float(digits)
    if scale:
        value *= number_words(lex).digit_scales[scale.strip().lower()]
    if value != value or value > MAX_VALUE:
        return None
    return round(value)


def _word_figure(nw: NumberWords, start: int, end: int, text: str) -> Figure | None:
    key = _SPACES.sub(" ", text.lower())
    if key in nw.vague:
        return Figure(start, end, text, None, nw.vague[key], is_word=True)
    if key in nw.phrases:
        return Figure(start, end, text, nw.phrases[key], is_word=True)
    value = _words_value(nw, text)
    return Figure(start, end, text, value, is_word=True) if value is not None else None


def _digit_figures(nw: NumberWords, text: str, start: int, stop: int) -> Iterator[Figure]:
    for m in nw.digits.finditer(text, start, stop):
        before = text[m.start() - 1] if m.start() > 0 else " "
        if before.isalnum() or before == "_":
            continue
        if before in _NOT_BEFORE_DIGITS and not _range_dash(text, m.start() - 1):
            continue
        if m.group(0)[:1] == "0" and m.group(0)[1:2].isdigit():
            continue  # "000", "007": not how a count is written
        value = digits_value(m.group("num"), m.group("scale") or None)
        if value is not None:
            yield Figure(m.start(), m.end(), m.group(0), value)


def _range_dash(text: str, dash: int) -> bool:
    """A dash between two digit figures ("9,000-11,000") joins a range; elsewhere it signs."""
    return text[dash] in _RANGE_DASHES and dash > 0 and text[dash - 1].isdigit()


def _word_figures(nw: NumberWords, text: str, start: int, stop: int) -> Iterator[Figure]:
    # What words.finditer(text, start, stop) finds: a figure right after a non-word character
    # starts a word, and the next figure starts past the previous one's end (a letter).
    first = nw.words.match(text, start, stop)
    pos = start
    if first:
        yield from _split_and(nw, first.start(), first.group(0))
        pos = first.end()
    for m in nw.words_after.finditer(text, pos, stop):
        yield from _split_and(nw, m.start("f"), m.group("f"))


def _split_and(nw: NumberWords, start: int, written: str) -> Iterator[Figure]:
    """ "and" joins number words only after a scale ("one hundred and twenty"); after anything
    else it joins two figures ("between two and five children"), read one by one."""
    pos = 0
    for m in nw.and_split.finditer(written):
        if (f := _word_figure(nw, start + pos, start + m.start(), written[pos : m.start()])):
            yield f
        pos = m.end()
    if (f := _word_figure(nw, start + pos, start + len(written), written[pos:])):
        yield f


def iter_figures(
    text: str, start: int = 0, end: int | None = None, lex: Lexicon | None = None
) -> Iterator[Figure]:
    """Every figure in text[start:end], in order of position, ranges joined into one.

    Both scans run over the whole of text[start:end], but their figures are taken and sorted
    a block of text at a time: holding every figure of a dense text at once was most of the
    extractor's working memory.
    """
    nw = number_words(lex)
    stop = len(text) if end is None else end
    digits = _digit_figures(nw, text, start, stop)
    words = _word_figures(nw, text, start, stop)
    d, w = next(digits, None), next(words, None)
    limit = start
    pending: list[Figure] = []
    while d is not None or w is not None:
        limit += _BLOCK
        block = pending
        while d is not None and d.start < limit:
            block.append(d)
            d = next(digits, None)
        while w is not None and w.start < limit:
            block.append(w)
            w = next(words, None)
        block.sort(key=_START)  # one C sort beats merging the two scans figure by figure
        # the last figure waits for the next block: it may open a range closed there
        pending = block[-1:] if d is not None or w is not None else []
        yield from _ranges(nw, text, block[: len(block) - len(pending)])
    yield from _ranges(nw, text, pending)


def _ranges(nw: NumberWords, text: str, figures: list[Figure]) -> Iterator[Figure]:
    """Two figures that write one interval, "between 300 and 400", as one figure."""
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        joined = _range(nw, text, a, b) if b is not None else None
        if joined is not None:
            yield joined
            i += 2
        else:
            yield a
            i += 1


_SCALED = re.compile(r"(?i:\s*(?P<s>[a-z]+))$")


def _scaled(nw: NumberWords, a: Figure, b: Figure) -> int | None:
    """a's value, scaled as b is when only b writes the scale: "between 5 and 6 million"."""
    if a.value is None or b.value is None:
        return None
    scale_b, scale_a = _SCALED.search(b.text), _SCALED.search(a.text)
    factor = nw.digit_scales.get(scale_b.group("s").lower(), 1) if scale_b else 1
    if factor > 1 and not (scale_a and scale_a.group("s").lower() in nw.digit_scales):
        return a.value * factor
    return a.value


def _range(nw: NumberWords, text: str, a: Figure, b: Figure) -> Figure | None:
    """The range a and b write, if they write one."""
    if a.value is None or b.value is None or b.start - a.end > 40:
        return None
    low = _scaled(nw, a, b)
    if low is None or low >= b.value:
        return None
    lead = nw.between.search(text, max(0, a.start - 12), a.start)
    minimum = nw.minimum.search(text, max(0, a.start - 30), a.start)
    maximum = nw.maximum.fullmatch(text, a.end, b.start)
    if minimum and maximum:  # "a minimum estimate of 385k and a maximum of 600k"
        start = minimum.start()
        return Figure(start, b.end, text[start : b.end], None, (low, b.value),
                      a.is_word and b.is_word, lead=text[start : minimum.end()].strip())
    join = nw.joiner.fullmatch(text, a.end, b.start)
    if join is None:
        return None
    word = text[a.end : b.start].strip().split()[0] if text[a.end : b.start].strip() else "-"
    if lead is None and (word == "and" or nw.not_after.search(text, max(0, a.start - 8), a.start)):
        return None  # "two and five" only after "between"; "from 50 to 100" is a change
    if word == "or" and b.value > 4 * low:
        return None  # "one or 100" is not a range a writer means
    if word in "-–" and (a.is_word or b.is_word):
        return None
    start = lead.start() if lead else a.start
    high = None if join.group("open") else b.value
    return Figure(start, b.end, text[start : b.end], None, (low, high),
                  a.is_word and b.is_word, lead=lead.group(0).strip() if lead else None)


def find_figures(
    text: str, start: int = 0, end: int | None = None, lex: Lexicon | None = None
) -> list[Figure]:
    """Every figure in text[start:end], in order."""
    return list(iter_figures(text, start, end, lex))
