r"""Case-blind word alternations written so that Python's regex engine can skip ahead in C.

`re.compile(r"\b(?:kill|wound...)", re.I)` is tried at every position of the text it searches:
the engine skips ahead only to a literal or a character class that the pattern starts with, and
neither a leading \b nor re.I allows that. `word_start` writes the same pattern as a class of
the alternatives' first letters, `(?<!\w.)` (the \b, checked after that letter) and then each
alternative's remaining letters behind a lookbehind for its own first letter, under (?i:).
The matches are the same: each alternative still starts at the same place, and at any one place
only alternatives starting with the letter there can match, tried in their order as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

# The non-ASCII letters re.I matches to ASCII ones: İ and ı (i), the Kelvin sign (k), ſ (s).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_QUANTIFIERS = ("?", "*", "+", "{")


def _cases(letter: str) -> str:
    """The letter in every form re.I matches."""
    return letter.lower() + letter.upper() + _FOLDS.get(letter.lower(), "")


def _split(alternative: str) -> tuple[str, str]:
    """(class members, rewritten alternative) of one alternative.

    An alternative starts with a plain ASCII letter, matched in any case; or is wrapped in
    (?-i:...) to match its letters as written, e.g. "(?-i:may)" (the verb, not the month).
    """
    if alternative.startswith("(?-i:"):
        first, rest = alternative[5], alternative[6:]
        members, rewritten = first, f"(?-i:(?<={first}){rest}"
    else:
        first, rest = alternative[0], alternative[1:]
        members, rewritten = _cases(first), f"(?<={first}){rest}"
    if not (first.isascii() and first.isalpha()) or rest.startswith(_QUANTIFIERS):
        raise ValueError(f"{alternative!r} does not start with one literal ASCII letter")
    return members, rewritten


Alternative = str | tuple[Sequence[str], str]


_LITERAL = re.compile(r"(?:\(\?-i:)?([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class Hit:
    """A WordMatcher match: which name's word matched, and where."""

    name: str
    start: int
    end: int


_WORD = re.compile(r"[A-Za-z]+")
_WORD_START = re.compile(r"\b[a-z]+")  # a run of letters not after a letter or digit
_WORD_SPLIT = re.compile(rf"({_WORD_START.pattern})")
Entry = tuple[str, str, "re.Pattern[str] | None"]  # lead, name, body (None: the lead is all)


class Tokens:
    """The words of a stretch of text that start a word, lower case, with where each starts:
    read once per sentence and shared by every WordMatcher that searches it."""

    __slots__ = ("starts", "words")

    def __init__(self, text: str, start: int, end: int) -> None:
        # split on the words runs in C and keeps what lies between them: each word's place is
        # the running sum of the lengths before it (no match object, no loop in Python)
        parts = _WORD_SPLIT.split(text[start:end].lower())  # between, word, between, ...
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = list(accumulate(map(len, parts), initial=start))[1:-1:2]

    def span(self, start: int, end: int) -> range:
        """The indices of the words starting in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


class WordMatcher:
    """Regex alternatives found by their first word: the text's words are looked up in a table
    of the alternatives that can start with them (memoised per word), and only those are tried
    there. The same matches as one case-blind alternation tried at each word start, in the
    alternatives' order, at a cost that grows with the words of the text, not the alternatives.
    """

    def __init__(self, table: Mapping[str, Sequence[Alternative]], suffix: str = "") -> None:
        self._entries: list[Entry] = []
        for name, alternatives in table.items():
            for alt in alternatives:
                words, rest = ([alt], "") if isinstance(alt, str) else (alt[0], alt[1])
                for word in words:
                    m = _LITERAL.match(word)
                    lead = m.group(1) if m else ""
                    if m and word[m.end() : m.end() + 1] in ("?", "*", "{"):
                        lead = lead[:-1]
                    if not lead:
                        raise ValueError(f"{word!r} does not start with a literal letter")
                    plain = word == lead and not rest and suffix in ("", r"\b")
                    # a plain word is matched by comparing it with the text's word, no regex
                    body = None if plain else re.compile(f"(?i:{word}{rest}){suffix}")
                    self._entries.append((lead.lower(), name, body))
        self._by_word: dict[str, list[Entry]] = {}
        self._by_letter: dict[str, list[Entry]] = {}
        for entry in self._entries:
            self._by_letter.setdefault(entry[0][0], []).append(entry)

    def _candidates(self, word: str) -> list[Entry]:
        found = self._by_word.get(word)
        if found is None:
            found = [e for e in self._by_letter.get(word[0], ())
                     if (word == e[0] if e[2] is None else word.startswith(e[0]))]
            if len(self._by_word) < 200_000:
                self._by_word[word] = found
        return found

    def finditer(self, text: str, start: int, end: int,
                 tokens: Tokens | None = None) -> Iterator[Hit]:
        """Every match in text[start:end] that starts at a word, left to right (`tokens`, the
        words of a stretch holding text[start:end], saves reading them again)."""
        toks = tokens if tokens is not None else Tokens(text, start, end)
        pos = start
        by_word, words, starts = self._by_word, toks.words, toks.starts
        for i in toks.span(start, end):
            at = starts[i]
            if at < pos:
                continue
            found = by_word.get(words[i])
            if found is None:
                found = self._candidates(words[i])
            for lead, name, body in found:
                if body is None:
                    if at + len(lead) <= end:
                        yield Hit(name, at, at + len(lead))
                        pos = at + len(lead)
                        break
                    continue
                m = body.match(text, at, end)
                if m:
                    yield Hit(name, m.start(), m.end())
                    pos = m.end()
                    break

    def search(self, text: str, start: int, end: int, tokens: Tokens | None = None) -> Hit | None:
        """The first match in text[start:end]."""
        return next(self.finditer(text, start, end, tokens), None)

    def ending_at(self, text: str, start: int, end: int,
                  tokens: Tokens | None = None) -> Hit | None:
        """The leftmost match in text[start:end] that ends exactly at `end`."""
        toks = tokens if tokens is not None else Tokens(text, start, end)
        for i in toks.span(start, end):
            at = toks.starts[i]
            for lead, name, body in self._candidates(toks.words[i]):
                if (at + len(lead) == end) if body is None else body.fullmatch(text, at, end):
                    return Hit(name, at, end)
        return None


def literal_prefixes(words: Sequence[str]) -> str:
    """An alternation of plain words in lower case, capitalised and upper case, grouped by their
    literal first character: a prefilter the engine searches in C ("kill" finds "Killed")."""
    forms = {f for w in words for f in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper())}
    groups: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        groups.setdefault(form[0], []).append(re.escape(form[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


def word_start(alternatives: Sequence[Alternative] | Mapping[str, Sequence[Alternative]]) -> str:
    r"""The regex r"\b(?:alternatives)" under re.I, compiled without re.I, starting with a class.

    An alternative may also be (words, rest), for r"(?:word|word...)rest" where rest holds named
    groups that may not be written twice. Given a mapping, each name's alternatives are wrapped
    in a group of that name, so `lastgroup` still names the one that matched (the groups no
    longer hold the first letter).
    """
    table = {"": alternatives} if not isinstance(alternatives, Mapping) else alternatives
    members: dict[str, None] = {}
    parts = []
    for name, alts in table.items():
        rewritten = []
        for alt in alts:
            words, rest = ([alt], "") if isinstance(alt, str) else alt
            heads = []
            for word in words:
                chars, head = _split(word)
                members.update(dict.fromkeys(chars))
                heads.append(head)
            rewritten.append(heads[0] + rest if len(heads) == 1 else f"(?:{'|'.join(heads)}){rest}")
        body = "|".join(rewritten)
        parts.append(f"(?P<{name}>{body})" if name else body)
    return rf"[{''.join(members)}](?<!\w.)(?i:{'|'.join(parts)})"
