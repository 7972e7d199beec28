"""What every rule reads: the source, its sentences, the alias table and the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.aliases import AliasTable
from claims.extract.rx import Tokens, word_start
from claims.extract.text import Sentences
from claims.lexicon import Lexicon, lexicon
from claims.model import Source
from claims.place_finder import Finder, Mention, finder
from claims.places import Gazetteer, country_of, gazetteer, kind_of, main_place


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
        self._places: dict[tuple[int, int], list[Mention]] = {}
        self._seen: set[str] = set()
        self._carry: dict[tuple[int, bool], tuple[str | None, str | None]] = {}
        self._areas: dict[tuple[int, int], list[Mention]] = {}
        self._opening: set[str] | None = None

    def tokens(self, start: int, end: int) -> Tokens:
        """The words of the sentence text[start:end], read once for every rule."""
        if self._tokens is None or self._tokens[:2] != (start, end):
            self._tokens = (start, end, Tokens(self.text, start, end))
        return self._tokens[2]

    def places_in(self, start: int, end: int) -> list[Mention]:
        """Places written in text[start:end] (cached per sentence); `locative` says which are
        written as where (after "in", "near", "fled" ... or opening the sentence)."""
        found = self._places.get((start, end))
        if found is None:
            found = self._finder().find(self.text, start, end, self.countries_near)
            if self.source.regions:  # a site's name or a caption is not where ("- Metro US")
                found = [m for m in found if self.source.in_region(m.start, m.end) is None]
            found = [self._as_actor(m) for m in found if not self._a_body(m)]
            if len(self._places) >= _KEPT:  # rules read a sentence and the few before it
                self._places.clear()
                self._areas.clear()
                self._carry.clear()
            self._places[(start, end)] = found
            self._seen |= {self.places.place(m.id).country for m in found if m.sure}
        return found

    def _as_actor(self, m: Mention) -> Mention:
        """A place abroad written as who acts ("Research from US universities", "Moscow's
        claims" in an article on Ukraine) is not where: it loses its locative."""
        if m.actor and (m.locative or m.opening) and self._foreign(m):
            return m._replace(locative=False, strong=False, opening=False)
        return m

    def _a_body(self, m: Mention) -> bool:
        """True for a name the alias table knows as a body that names the place only as an
        alternate name ("Hamas" is GeoNames' alternate for Hamm): the body is meant."""
        return m.alternate and self.aliases.find(self.text[m.start : m.end]) is not None

    def place_near(self, start: int, end: int, pos: int, refuge: bool = True
                   ) -> tuple[str | None, str | None]:  # fmt: skip
        """(canonical, as written) of the place in text[start:end] a figure ending at pos is
        tied to (see `_tied`); of a place and one inside it written together ("in Yemen's
        Hodeidah province", "Hodeidah, Yemen"), the inner one. With `refuge` False (a death
        toll), where people fled to or shelter ("camps in Bangladesh") is not taken. A demonym
        on the counted people ("1,400 Israelis") is their country when no place is tied closer."""
        people = self._people_country(pos, end)
        everything = self.places_in(start, end)
        if not refuge:
            everything = [m for m in everything if not self._refuge_abroad(m)]
        if not everything:
            return _inner(self.places, people,
                          self._whole_country(start, end, refuge) or self._carried(start, refuge))
        found = [m for m in everything if m.locative]
        loose = not found
        costs = _costs(found, pos, self.text)
        if not costs:  # "Houthis violate Hodeidah ceasefire": a place named, not as where
            # and not a foreign power acting ("US airstrikes", "Russia said"): a place abroad
            # named but not as where is who acted, not where the figure is
            found = [m for m in everything
                     if not m.venue and _prominent(self.places, m) and not self._foreign(m)]
            costs = _costs(found, pos, self.text)
        if not costs:
            return _inner(self.places, people,
                          self._whole_country(start, end, refuge) or self._carried(start, refuge))
        at = min(costs, key=costs.__getitem__)
        if len(found) > 1:
            at = _innermost(self.places, found, _specific(self.places, found, at, costs), self.text)
        best = found[at]
        if people and not self.places.within(best.name, people[0]) and (
                loose or best.opening or self._apart(best, pos)):
            return people
        pair = _paired(self.places, found, at, self.text)
        if pair is not None:
            return pair
        return best.name, _widen(self.text, best)

    def _people_country(self, pos: int, end: int) -> tuple[str, str] | None:
        """(country, as written) of the counted people when a demonym follows the figure
        ("killed 1,400 Israelis", "60 South Sudanese"), from the lexicon's `demonyms`."""
        hit = _COUNTED.match(self.text, pos, end)
        if hit is None:
            return None  # (a people the article names no country of is abroad: "6 Lebanese
            # pilgrims" killed in Damascus are no figure for Lebanon)
        demonyms = self._finder().w.demonyms or {}
        words = hit.group(1)
        for written in (words, words.split()[0]):
            country = demonyms.get(written.lower())
            if country and self.places.has(country) and (
                    self.places.places[country].country in self._article_countries()):
                return country, written
        return None

    def _article_countries(self) -> set[str]:
        """The countries of the places the article names anywhere (outside captions and chrome),
        read once and only when asked for."""
        found = self.cache.get("context.article_countries")
        if not isinstance(found, set):
            mentions = self._finder().find(self.text, 0, len(self.text))
            found = {self.places.place(m.id).country for m in mentions
                     if self.source.in_region(m.start, m.end) is None}
            self.cache["context.article_countries"] = found
        return found

    def _apart(self, m: Mention, pos: int) -> bool:
        """True when a clause break stands between place m and the figure ("60 Israelis have
        died, while strikes in Lebanon")."""
        a, b = (pos, m.written_start) if m.start >= pos else (m.written_end, pos)
        return _CLAUSE_BREAK.search(self.text, a, b) is not None

    def _refuge_abroad(self, m: Mention) -> bool:
        """A place people fled to or shelter in, in another country than the article's main
        place ("fled into Bangladesh" in an article on Myanmar): no place of a death toll."""
        return m.refuge and self._foreign(m)

    def _foreign(self, m: Mention) -> bool:
        """True for a place in another country than the article's main place (False when no
        main place is known)."""
        main = self.main_place()
        home = self.places.places.get(main) if main else None
        return home is not None and self.places.place(m.id).country != home.country

    def _whole_country(self, start: int, end: int, refuge: bool = True
                       ) -> tuple[str | None, str | None] | None:  # fmt: skip
        """For a sentence about the whole country ("throughout the war-torn country"), the
        country of the place carried to it, as its words write it; None when it says no such
        thing. (None, None) when it does but no country is known: unknown, not a wrong town."""
        hit = self.lexicon.derived("places.whole_country", _whole_country_pattern).search(
            self.text, start, end)
        if hit is None:
            return None
        carried = self._carried(start, refuge)[0] or self.main_place()
        if carried is None:
            return None, None
        country = carried if kind_of(carried) == "country" else country_of(carried)
        return (country, hit.group(0)) if country else (None, None)

    def main_place(self) -> str | None:
        """The province the article names most, read once: where a sentence about "the whole
        country" is when no sentence before it names a place."""
        if "context.main_place" not in self.cache:
            self.cache["context.main_place"] = main_place(
                self.text, lambda a, b: self.source.in_region(a, b) is not None)
        found = self.cache["context.main_place"]
        return found if isinstance(found, str) else None

    def _carried(self, start: int, refuge: bool = True) -> tuple[str | None, str | None]:
        hit = self._carry.get((start, refuge))
        if hit is None:
            hit = self._carried_from(start, refuge)
            self._carry[(start, refuge)] = hit
        return hit

    def _carried_from(self, start: int, refuge: bool) -> tuple[str | None, str | None]:
        """The place the sentences just before name last: a figure in "The strikes killed 40."
        is tied to the "Douma" of "Jets struck Douma on Monday." just before it in its
        paragraph; an area (country, division, region) is looked for up to CARRY sentences back."""
        for back_n in range(CARRY):
            back = start - 1
            while back > 0 and self.text[back].isspace():
                back -= 1
            if back <= 0 or self.text[back:start].count("\n") >= LINES:
                break
            paragraph = self.text[back:start].count("\n") >= 1  # web text: a line is a paragraph
            start, end = self.sentences.bounds(back)
            near = back_n == 0 and not paragraph  # any place; further back, areas only
            found = [m for m in (self.places_in(start, end) if near else self._areas_in(start, end))
                     if m.locative and not (m.venue or m.opening)
                     and (refuge or not self._refuge_abroad(m))
                     and self.source.in_region(m.start, m.end) is None
                     and (near or _area(self.places, m))]  # fmt: skip
            if found:
                best = found[_innermost(self.places, found, len(found) - 1, self.text)]
                return best.name, _widen(self.text, best)
        return None, None

    def _areas_in(self, start: int, end: int) -> list[Mention]:
        """The countries, divisions and regions of text[start:end] (all its places if known)."""
        found = self._places.get((start, end)) or self._areas.get((start, end))
        if found is None:
            found = self._finder().find(self.text, start, end, self.countries_near, _AREAS)
            self._areas[(start, end)] = found
        return found

    def _finder(self) -> Finder:
        return finder(self.places, self.lexicon.language)

    def countries_near(self, pos: int) -> set[str]:
        """The countries the article has named for sure so far (in the sentences read) and in
        its opening lines: they resolve a name several countries have ("Homs" in an article
        on Syria is Syria's)."""
        if self._opening is None:
            end = self.sentences.bounds(min(len(self.text), OPENING))[1]
            self._opening = set()  # (the opening's own names are resolved without it)
            found = self._finder().find(self.text, 0, end)
            self._opening = {self.places.place(m.id).country for m in found if m.sure}
        return self._opening | self._seen


_COUNTED = re.compile(r"\s+([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)")  # "1,400 Israelis"
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:while|but|whereas|as)\b")
OPENING = 300  # characters: the headline and first lines, whose countries frame the article
CARRY = 3  # sentences back a figure with no place of its own looks for one
LINES = 3  # line breaks (two blank lines) that end the text a place is carried across
_FAR = 200  # characters: the cost of a place beyond a bracket, semicolon or line break
_LOOSE = 30  # ... of one a few words after its preposition ("in a single U.S. airstrike")
_SLACK = 60  # ... by which a place inside the nearest may be further and still be chosen


_PAIR_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+(?:the\s+)?")


def _paired(g: Gazetteer, found: list[Mention], at: int, text: str
            ) -> tuple[str | None, str | None] | None:  # fmt: skip
    """For a place written with another joined by "and" ("struck Turkey and Syria", "across
    Gaza and the West Bank"), neither inside the other: the place holding both, or (None,
    None) when none does; None when the place stands alone."""
    m = found[at]
    for i in (at - 1, at + 1):
        if not 0 <= i < len(found):
            continue
        a, b = (found[i], m) if i < at else (m, found[i])
        if not _PAIR_GAP.fullmatch(text, a.written_end, b.written_start):
            continue
        chain_a, chain_b = g.chain(a.id), g.chain(b.id)
        if a.id in chain_b or b.id in chain_a:
            return None
        common = next((c for c in chain_a if c in chain_b), None)
        if common is None:
            return None, None
        return g.place(common).name, text[a.written_start : b.written_end]
    return None


def _inner(g: Gazetteer, people: tuple[str, str] | None, other: tuple[str | None, str | None]
           ) -> tuple[str | None, str | None]:  # fmt: skip
    """The counted people's country, unless the other place found lies inside it (Rakhine
    State for "6,700 Rohingya")."""
    if people is None or (other[0] is not None and g.within(other[0], people[0])):
        return other
    return people


def _costs(found: list[Mention], pos: int, text: str) -> dict[int, float]:
    """How far each place is from a figure ending at pos: places after it count at half their
    distance (the verb comes first: "killed 40 in Mosul"), places a few words past their
    preposition, beyond a bracket or a line, or only opening the sentence cost more; venues
    ("talks in Moscow") are left out."""
    out = {}
    for i, m in enumerate(found):
        if m.venue:
            continue
        if m.start >= pos:
            gap, d = text[pos : m.written_start], (m.written_start - pos) / 2
        else:
            gap, d = text[m.written_end : pos], float(pos - m.written_end)
        if ")" in gap or ";" in gap or "\n" in gap or (m.start >= pos and "(" in gap):
            d += _FAR
        out[i] = d + (0 if m.strong else _LOOSE) + (_FAR if m.opening else 0)
    return out


def _specific(g: Gazetteer, found: list[Mention], at: int, costs: dict[int, float]) -> int:
    """A place inside the one chosen and nearly as close is the more specific answer: "In
    Syria, dozens dead after the assault on Idlib" is Idlib."""
    best = found[at]
    inner = [i for i in costs if found[i].id != best.id and best.id in g.chain(found[i].id)
             and costs[i] <= costs[at] + _SLACK]  # fmt: skip
    return min(inner, key=costs.__getitem__) if inner else at


_NEAR = 40  # characters between two places written together


_KEPT = 64  # sentences whose places a Context keeps (then forgets at once)
_AREAS = frozenset({"country", "province", "region"})


def _area(g: Gazetteer, m: Mention) -> bool:
    """A country, division or region: an area a figure a few sentences on may still be in."""
    return g.place(m.id).kind in _AREAS


def _prominent(g: Gazetteer, m: Mention) -> bool:
    """A country, division, region, curated place or big city: named, it is where."""
    p = g.place(m.id)
    big_city = p.population >= 100_000 and p.title != "capital"  # "Moscow said" is a government
    return p.kind in ("country", "province", "region") or big_city


def _innermost(g: Gazetteer, found: list[Mention], at: int, text: str) -> int:
    """Of the place at `at` and those written right next to it, the one the others hold."""
    group = [at]
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(found):
            a, b = (found[i + step], found[i]) if step < 0 else (found[i], found[i + step])
            if a.written_end > b.written_start or b.written_start - a.written_end > _NEAR:
                break
            if "\n" in text[a.written_end : b.written_start]:
                break
            i += step
            group.append(i)
    if len(group) == 1:
        return at
    for i in group:
        chain = g.chain(found[i].id)
        if all(j == i or found[j].id in chain for j in group):
            return i
    return at


def _widen(text: str, m: Mention) -> str:
    """The place as written with its head word or direction: "Idlib province", "the city of
    Idlib", "eastern Aleppo"."""
    return text[m.written_start : m.written_end]


def _whole_country_pattern(lex: Lexicon) -> re.Pattern[str]:
    """"throughout the (war-torn) country", "nationwide": the lexicon's whole-country words."""
    words = lex["places"]
    before = [re.escape(w) for w in words["whole_country_before"]]
    heads = "|".join(re.escape(w) for w in words["whole_country_heads"])
    single = [re.escape(w) for w in words["whole_country_words"]]
    # word_start: the engine skips to the words' first letters (a leading \b under re.I would
    # have it try every character of the sentence)
    return re.compile(word_start([(before, rf" the (?:[\w'-]+ ){{0,3}}?(?:{heads})"), *single])
                      + r"\b")
