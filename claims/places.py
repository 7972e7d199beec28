"""The gazetteer: places by canonical name, with kinds, parents and transliteration variants.

"Idlib" alone is the province: in the reporting of this war it names the province (the
region of the last rebel stronghold) far more often than the city, which writers qualify
("Idlib city", "the city of Idlib"). Provinces are named "<Name> province"; cities
elsewhere by their name ("Aleppo"), so "Aleppo" alone is the city, as writers mean it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from claims.aliases import names_pattern

FUZZY_CUTOFF = 90.0
_ARTICLES = re.compile(r"\b(?:al|el|an|ar|as|ash|ad|at|az|ech|es)[-\s]", re.I)
_SPELLINGS = (("ch", "sh"), ("ou", "u"), ("ee", "i"), ("ei", "i"), ("ay", "i"), ("aa", "a"),
              ("'", ""), ("’", ""), ("kh", "k"), ("q", "k"), ("e", "a"))  # fmt: skip


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # country, province, region, city, town, village
    parent: str | None
    variants: tuple[str, ...]


_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


def key(name: str) -> str:
    """A spelling-blind key: "Maarat Al-Nouman" and "Maraat al-Numan" both give "maratnuman"."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = _ARTICLES.sub(" ", " " + plain)
    for old, new in _SPELLINGS:
        plain = plain.replace(old, new)
    plain = _NOT_LETTERS.sub("", plain)
    return _DOUBLED.sub(r"\1", plain)


class Gazetteer:
    """Places and their variants, resolved exactly, by spelling-blind key, then fuzzily."""

    def __init__(self, places: list[Place]) -> None:
        self.places = {p.name: p for p in places}
        self._exact: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._resolved: dict[str, str | None] = {}
        for p in places:
            for variant in (p.name, *p.variants):
                self._exact.setdefault(variant.casefold(), p.name)
                self._keys.setdefault(key(variant), p.name)
        # Case-sensitive (as written, Title Case, lower case): far faster than re.I on long texts.
        written = {v for p in places for v in (p.name, *p.variants)}
        forms = {f for v in written for f in (v, v[:1].upper() + v[1:], v.title())}
        names = sorted(forms, key=len, reverse=True)
        self.pattern = names_pattern(names, lambda n: re.escape(n).replace(r"\ ", r"[\s-]+"))

    def resolve(self, text: str) -> str | None:
        """The canonical name of a place as written, or None when it is not in the gazetteer."""
        if text not in self._resolved:  # places as written recur in every article
            self._resolved[text] = self._resolve(text)
        return self._resolved[text]

    def _resolve(self, text: str) -> str | None:
        written = _SPACES.sub(" ", text.strip()).casefold()
        if written in self._exact:
            return self._exact[written]
        k = key(written)
        if k in self._keys:
            return self._keys[k]
        if len(k) < 5:
            return None
        best = process.extractOne(k, list(self._keys), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._keys[best[0]] if best else None

    def within(self, inner: str, outer: str) -> bool:
        """True when place inner lies in place outer (or is it)."""
        current: str | None = inner
        seen: set[str] = set()
        while current and current not in seen:
            if current == outer:
                return True
            seen.add(current)
            place = self.places.get(current)
            current = place.parent if place else None
        return False


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once."""
    data = resources.files("claims").joinpath("data/places.csv").read_text("utf-8")
    places = [
        Place(
            row["name"],
            row["kind"],
            row["parent"] or None,
            tuple(v for v in (row["variants"] or "").split("|") if v),
        )  # fmt: skip
        for row in csv.DictReader(data.splitlines())
    ]
    return Gazetteer(places)


def resolve_place(text: str) -> str | None:
    """The canonical name of a place as written ("Khan Cheikhoun" -> "Khan Sheikhoun")."""
    return gazetteer().resolve(text)


def place_within(inner: str, outer: str) -> bool:
    """True when inner lies within outer ("Khan Sheikhoun" within "Idlib province")."""
    g = gazetteer()
    a, b = g.resolve(inner) or inner, g.resolve(outer) or outer
    return g.within(a, b)


def containing(place: str) -> list[str]:
    """The place (canonical) and every place holding it, innermost first: town, province,
    region, country. A place the gazetteer does not know is its own one-entry chain."""
    g = gazetteer()
    current: str | None = g.resolve(place) or place
    chain: list[str] = []
    while current and current not in chain:
        chain.append(current)
        entry = g.places.get(current)
        current = entry.parent if entry else None
    return chain


def kind_of(place: str) -> str | None:
    """country, province, region, city, town, village (None for a place not in the gazetteer)."""
    g = gazetteer()
    entry = g.places.get(g.resolve(place) or place)
    return entry.kind if entry else None


def province_of(place: str) -> str | None:
    """The first-level division (province, governorate, state) holding a place, or None."""
    return next((p for p in containing(place) if kind_of(p) == "province"), None)


def country_of(place: str) -> str | None:
    """The country holding a place, or None."""
    return next((p for p in containing(place) if kind_of(p) == "country"), None)


def region_of(place: str) -> str | None:
    """The named region ("Northwest Syria", "Eastern Ghouta") holding a place, or None."""
    return next((p for p in containing(place) if kind_of(p) == "region"), None)


def main_place(text: str, skip: Callable[[int, int], bool] | None = None) -> str | None:
    """The province an article names most often (outside spans `skip` says to pass over)."""
    g = gazetteer()
    counts: dict[str, int] = {}
    for m in g.pattern.finditer(text):
        if skip is not None and skip(m.start(), m.end()):
            continue
        province = province_of(m.group())
        if province:
            counts[province] = counts.get(province, 0) + 1
    return max(counts, key=lambda p: (counts[p], p)) if counts else None


__all__ = ["Gazetteer", "Place", "containing", "country_of", "gazetteer", "key", "kind_of",
           "main_place", "place_within", "province_of", "region_of", "resolve_place"]
