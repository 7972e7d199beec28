"""What every rule reads: the source, its sentences, the alias table and the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.aliases import AliasTable
from claims.extract.rx import Tokens, word_start
from claims.extract.text import Sentences
from claims.lexicon import Lexicon, lexicon
from claims.model import Source
from claims.places import Gazetteer, gazetteer


@dataclass
class Context:
    """One source being read, with the lookups its rules share."""

    source: Source
    aliases: AliasTable
    places: Gazetteer = field(default_factory=gazetteer)

    def __post_init__(self) -> None:
        self.text = self.source.text
        self.lexicon: Lexicon = lexicon(self.source.language)
        # what a rule computes once per article and others read (bodies named so far, ...)
        self.cache: dict[str, object] = {}
        self._tokens: tuple[int, int, Tokens] | None = None
        self.sentences = Sentences(self.text)
        self._cache_key: tuple[int, int] = (-1, -1)
        self._cache: list[re.Match[str]] = []

    def tokens(self, start: int, end: int) -> Tokens:
        """The words of the sentence text[start:end], read once for every rule."""
        if self._tokens is None or self._tokens[:2] != (start, end):
            self._tokens = (start, end, Tokens(self.text, start, end))
        return self._tokens[2]

    def places_in(self, start: int, end: int) -> list[re.Match[str]]:
        """Places written as locations in text[start:end] (cached per sentence)."""
        if self._cache_key != (start, end):
            self._cache_key = (start, end)
            self._cache = [
                m
                for m in self.places.pattern.finditer(self.text, start, end)
                if m.start() == start
                or _LOCATIVE.search(self.text, max(start, m.start() - 40), m.start())
            ]
        return self._cache

    def place_near(self, start: int, end: int, pos: int) -> tuple[str | None, str | None]:
        """(canonical, as written) of the place in text[start:end] next after pos, else before."""
        found = self.places_in(start, end)
        if not found:
            return None, None
        after = [m for m in found if m.start() >= pos]
        best: re.Match[str] = after[0] if after else found[-1]
        written = _widen(self.text, best)
        return self.places.resolve(written) or self.places.resolve(best.group(0)), written


# A place counts when written as where something is: "in southern Idlib", "on the city of X".
# (Written with word_start, claims.extract.rx: searched before every place name of a sentence.)
_LOCATIVE = re.compile(
    word_start([(
        ["in", "at", "on", "near", "of", "around", "across", "from", "outside", "inside", "into",
         "over", "to"],
        r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    )])
)  # fmt: skip
_PROVINCE_AFTER = re.compile(r"\s+(?:province|governorate|city|region)\b", re.I)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|city|town|governorate)\s+of\s+$", re.I)


def _widen(text: str, m: re.Match[str]) -> str:
    """The place as written with its head word: "Idlib province", "the city of Idlib"."""
    after = _PROVINCE_AFTER.match(text, m.end())
    if after:
        return text[m.start() : after.end()]
    before = _PROVINCE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
    if before:
        return text[m.start() - (len(before.string) - before.start()) : m.end()]
    return m.group(0)
