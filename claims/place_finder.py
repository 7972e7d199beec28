"""Finding places in prose: capitalised runs looked up in the gazetteer, kept when written as
a place, and resolved by the article's own places when a name is in several countries.

No regex of every name: a run of capitalised words ("Maarat al-Numan", "Rakhine State",
"Government of Myanmar") is split at "of", "the", "and" and after a possessive, and its longest
spans are looked up by key. A place must fill its piece of the run, but for head words
("Province", "State"), directions ("Northern") and sites ("Dam"): "Ali Khamenei" is no "Ali",
"Tigray People's Liberation Front" no Tigray. Names that are also common English words
("Mobile", "Reading") and small towns count only after a locative preposition; a name after a
person's title ("President") or before "said" is a person's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from claims.lexicon import Lexicon, lexicon
from claims.place_names import plain_key
from claims.place_words import (
    Words,
    is_brief,
    is_excluded,
    is_locative,
    is_refuge,
    is_strong,
    is_title,
    is_venue,
    place_words,
    tail,
)
from claims.places import Candidate, Gazetteer, Place, rank

SMALL_TOWN = 15_000  # people: a town smaller than this (and not curated) needs a locative
BIG_CITY = 100_000  # an all-capitals name ("MOSUL") must be at least this, or a division
MAX_TOKENS = 7
SENTENCES_KEPT = 5_000  # stretches of text whose places are kept, then forgotten at once
SENTENCE_MAX = 2_000  # characters: longer stretches are not kept
DOMINANT = 50  # times: a place this much bigger than any namesake abroad is the one meant
_ARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ath|adh|ed|es|ez|ul|ur)"
_TOKEN = rf"(?:{_ARTICLE}[-‐])?[A-Z](?:[\w'’‘ʿ]|\.(?=[A-Za-z]\.))*(?:-[\w'’‘]+)*"
_CONNECTORS = rf"(?:{_ARTICLE}|bin|ibn|abu|bou|ben|de|del|della|di|da|do|dos|das|du|des|la|le" \
              r"|les|los|las|y|e|of|the|and)"  # fmt: skip
_SPLITTERS = {"of", "the", "and"}
# A run of capitalised words; runs with connectors between them ("Maarat al-Numan", "Bosnia
# and Herzegovina") are joined in Python: one alternation of connectors in the regex would be
# tried after every capitalised word, at a third of the speed.
_WORDS = r"[A-Z](?:[\w'’‘ʿ-]|\.(?=[A-Za-z]\.))*"
RUN = re.compile(rf"[A-Z](?<![\w'’‘-].)(?:[\w'’‘ʿ-]|\.(?=[A-Za-z]\.))*"
                 rf"(?:[ \t]+(?:{_ARTICLE}[-‐])?{_WORDS})*")  # "Deir ez-Zor": one run
_JOIN = re.compile(rf"[ \t]+(?:{_CONNECTORS}[ \t]+)+|[ \t]+(?:{_CONNECTORS}[ \t]+)*{_ARTICLE}[-‐]")
_ITEM = re.compile(rf"{_TOKEN}|{_CONNECTORS}(?=[ \t])")
_POSSESSIVE = re.compile(r"['’]s?$")
_PART_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
_ARTICLE_WORD = re.compile(rf"{_ARTICLE}[-‐]", re.I)
_LEADING_ARTICLE = re.compile(rf"(?<![\w-]){_ARTICLE}[-‐]$")


_Part = tuple[int, int, list[Candidate], bool] | list[tuple[int, int]]  # a name, or words


def _moved(m: Mention, by: int) -> Mention:
    """A mention with its offsets moved by `by` characters."""
    return m._replace(start=m.start + by, end=m.end + by, written_start=m.written_start + by,
                      written_end=m.written_end + by)  # fmt: skip


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of capitalised runs in text[start:end], joined across connectors."""
    spans: list[tuple[int, int]] = []
    for m in RUN.finditer(text, start, end):
        a, b = m.span()
        if spans and a - spans[-1][1] <= 12 and _JOIN.fullmatch(text, spans[-1][1], a):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


class Mention(NamedTuple):
    """A place written in a text: the name's span, the place, and the words around it."""

    start: int
    end: int
    id: int
    name: str  # canonical
    written_start: int  # with a direction or head word: "eastern Aleppo", "Rakhine State"
    written_end: int
    locative: bool  # written as where: after "in", "near", "from" ...
    head: str | None  # "province", "city" or "district" when a head word says which
    strong: bool = False  # right after its preposition ("in Mosul", "in the city of Mosul")
    venue: bool = False  # where people met or spoke: "talks in Moscow", "signed in Pretoria"
    opening: bool = False  # a location only by opening the text searched ("Iran raised ...")
    sure: bool = True  # the name is of one country only (or names a country or division)
    candidates: tuple[Candidate, ...] = ()
    weak: bool = False  # only an alternate name of a small place: kept in the article's countries
    # a small town: kept unless the article names only other countries ("loyal to Assads
    # regime" in an article on Syria is no town in Morocco; a Syrian "Castello" no Italian one)
    abroad: bool = False
    refuge: bool = False  # where people went or shelter: "fled into Bangladesh", "camps in X"
    alternate: bool = False  # the name is only ever an alternate name ("Hamas" of Hamm)
    actor: bool = False  # before a noun of who acts: "US universities", "Moscow's claims"


def _country(g: Gazetteer, c: Candidate) -> str:
    return g.place(c.id).country


def choose(g: Gazetteer, found: list[Candidate], head: str | None, near: set[str]) -> Candidate:
    """The candidate meant: of the kind a head word names, in a country the article names."""

    def score(c: Candidate) -> tuple[Any, ...]:
        kind = g.place(c.id).kind
        fits = head is None or (kind == "province" if head == "province" else kind != "province")
        country = _country(g, c)
        far = bool(country) and country not in near  # "Africa", in no country, is never far
        return (not fits, far, *rank(g, c))

    best = min(found, key=score)
    return capital_first(g, found, best, score) if head != "province" else best


def capital_first(g: Gazetteer, found: list[Candidate], best: Candidate,
                  score: Callable[[Candidate], tuple[Any, ...]]) -> Candidate:  # fmt: skip
    """A division's name written bare is its capital when the capital has the name too
    ("Kirkuk" is the city in Kirkuk governorate), as writers qualify the division."""
    if g.place(best.id).kind != "province":
        return best
    top = score(best)[:3]
    inside = [c for c in found if g.place(c.id).kind in ("city", "town", "village")
              and best.id in g.chain(c.id) and score(c)[:3] == top]  # fmt: skip
    return min(inside, key=score) if inside else best


class Finder:
    """Mentions of places in a text, by one gazetteer and one lexicon's place words."""

    def __init__(self, g: Gazetteer, lex: Lexicon) -> None:
        self.g = g
        self.w: Words = lex.derived("place-words", place_words)
        self._memo: dict[str, list[tuple[int, int, list[Candidate], bool]]] = {}
        self._sentences: dict[tuple[str, frozenset[str] | None], list[Mention]] = {}
        self._near: dict[tuple[tuple[Candidate, ...], str | None, frozenset[str]], Candidate] = {}
        self._chosen: dict[tuple[int, str | None], tuple[list[Candidate], bool, Candidate]] = {}

    def find(self, text: str, start: int, end: int,
             near: Callable[[int], set[str]] | None = None,
             kinds: frozenset[str] | None = None) -> list[Mention]:  # fmt: skip
        """The places written in text[start:end] that pass the rules (module docstring), of
        the given kinds only when `kinds` is given (faster: others are not looked at).

        What is found depends on text[start:end] alone (nothing outside it is read) but for
        `near`, so it is kept per stretch of text as written: sentences recur across articles
        (wire copies, captions, a site's furniture), a fifth of FA-KES's sentences."""
        if end - start > SENTENCE_MAX:  # a whole article (main_place): not kept
            found = self._find(text, start, end, kinds)
        else:
            key = (text[start:end], kinds)
            kept = self._sentences.get(key)
            if kept is None:
                found = self._find(text, start, end, kinds)
                if len(self._sentences) >= SENTENCES_KEPT:
                    self._sentences.clear()
                self._sentences[key] = [_moved(m, -start) for m in found] if start else found
            else:
                found = [_moved(m, start) for m in kept] if start else kept
        return self._settle(found, near) if any(not m.sure for m in found) else found

    def _find(self, text: str, start: int, end: int, kinds: frozenset[str] | None) -> list[Mention]:
        out: list[Mention] = []
        memo = self._memo
        for a, b in _runs(text, start, end):
            names = memo.get(text[a:b])
            if names is not None and not names and not (a > start and text[a - 1] in "-‐"):
                continue  # most runs name no place: "The", "President Vladimir Putin"
            out += self._run(text, a, b, start, end, kinds)
        return _listed(text, out) if len(out) > 1 else out

    def _settle(
        self, found: list[Mention], near: Callable[[int], set[str]] | None
    ) -> list[Mention]:
        """Names of several countries resolved by the sure ones of the same text ("Tripoli,
        Lebanon") and those the reader has met before (`near`)."""
        local = {self.g.place(m.id).country for m in found if m.sure}
        out = []
        for m in found:
            if m.weak:
                near_set = local | (near(m.start) if near else set())
                best = self._near_choice(m, near_set)
                if self.g.place(best.id).country not in near_set:
                    continue
                m = m._replace(id=best.id, name=self.g.place(best.id).name)
            elif not m.sure:
                near_set = local | (near(m.start) if near else set())
                best = self._near_choice(m, near_set)
                if m.abroad and near_set and self.g.place(best.id).country not in near_set:
                    continue
                if best.id != m.id:
                    m = m._replace(id=best.id, name=self.g.place(best.id).name)
            out.append(m)
        return out

    def _near_choice(self, m: Mention, near: set[str]) -> Candidate:
        """The candidate of an ambiguous mention in the countries around it (kept per name)."""
        k = (m.candidates, m.head, frozenset(near))
        hit = self._near.get(k)
        if hit is None:
            hit = self._near[k] = choose(self.g, list(m.candidates), m.head, near)
        return hit

    def _run(self, text: str, s0: int, e0: int, lo: int, hi: int,
             kinds: frozenset[str] | None = None) -> list[Mention]:  # fmt: skip
        lead = (
            _LEADING_ARTICLE.search(text, max(lo, s0 - 4), s0)
            if s0 > lo and text[s0 - 1] in "-‐"
            else None
        )
        if lead:  # "al-Hudaydah": the article before the capital is part of the name
            s0 = lead.start()
        out: list[Mention] = []
        for a, b, cands, common in self._names(text[s0:e0]):
            if (
                kinds is not None
                and self.g.place(self._choice(cands, None)[1].id).kind not in kinds
            ):
                continue
            m = self._mention(text, s0 + a, s0 + b, cands, common, lo, hi)
            if m is not None:
                out.append(m)
        if out and (self.w.speech_after.match(text, e0, hi) or self.w.role_after.match(text, e0, hi)
                    ) and self._a_name(text[s0:e0]):  # fmt: skip
            # "opposition figure George Sabra said", "Mary Lund, the UN envoy": a person
            return []
        return out

    def _a_name(self, run: str) -> bool:
        """True when a run names two places of two countries word after word, neither an
        acronym ("George Sabra": George, Sabratah): before "said" or a role in apposition
        (", the UN envoy"), a person's name."""
        names = [(a, b, c) for a, b, c, _ in self._names(run) if not run[a:b].isupper()]
        country = [self.g.place(self._choice(c, None)[1].id).country for _, _, c in names]
        return any(names[i][1] + 1 == names[i + 1][0] and country[i] != country[i + 1]
                   for i in range(len(names) - 1))

    def _names(self, run: str) -> list[tuple[int, int, list[Candidate], bool]]:
        """The places a run of capitalised words names, by offset in the run (kept per run)."""
        hit = self._memo.get(run)
        if hit is None:
            items = (
                [m.span() for m in _ITEM.finditer(run)]
                if " " in run or "\t" in run
                else [(0, len(run))]
            )
            hit = [n for part in self._joined(run, items) for n in (
                [part] if isinstance(part, tuple) else
                [x for piece in self._pieces(run, part) for x in self._piece(run, piece)])]
            self._memo[run] = hit
        return hit

    def _joined(self, run: str, items: list[tuple[int, int]]) -> list[_Part]:
        """The run cut around the names written with "of", "the" or "and" inside them ("the Horn
        of Africa", "Bosnia and Herzegovina"): each such name found whole, as (start, end,
        candidates, common); the words between, as lists of items to split and read."""
        if len(items) < 3 or not any(run[a:b] in _SPLITTERS for a, b in items):
            return [items]
        out: list[_Part] = []
        rest: list[tuple[int, int]] = []
        i = 0
        while i < len(items):
            hit = None
            if run[items[i][0] : items[i][1]] not in _SPLITTERS:
                for j in range(min(len(items), i + MAX_TOKENS), i + 2, -1):
                    inner = {run[a:b] for a, b in items[i + 1 : j - 1]}
                    if run[items[j - 1][0] : items[j - 1][1]] in _SPLITTERS or not (
                            inner & _SPLITTERS):
                        continue
                    a, b = items[i][0], items[j - 1][1]
                    cands, common = self.g.lookup(run[a:b])
                    if cands and not common:
                        hit = (j, (a, b, cands, common))
                        break
            if hit is None:
                rest.append(items[i])
                i += 1
                continue
            if rest:
                out.append(rest)
                rest = []
            out.append(hit[1])
            i = hit[0]
        if rest:
            out.append(rest)
        return out

    def _pieces(self, run: str, items: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """The run split at "of", "the", "and" and after a possessive ("Yemen's")."""
        pieces: list[list[tuple[int, int]]] = [[]]
        skip = False  # the piece after "University of" is part of the institution's name
        for a, b in items:
            word = run[a:b]
            if word in _SPLITTERS:
                last = pieces[-1][-1] if pieces[-1] else None
                skip = (
                    word == "of"
                    and last is not None
                    and run[last[0] : last[1]].lower() in self.w.institutions
                )
                pieces.append([])
                continue
            if skip:
                continue
            pieces[-1].append((a, b))
            if _POSSESSIVE.search(word) and len(word) > 2:
                pieces.append([])
        return [p for p in pieces if p]

    def _piece(
        self, run: str, items: list[tuple[int, int]]
    ) -> list[tuple[int, int, list[Candidate], bool]]:
        """The places of one piece, or none when a word in it is neither place nor head word
        ("Ali Khamenei", "Aleppo Media Center": a name, not a place)."""
        found: list[tuple[int, int, list[Candidate], bool]] = []
        covered = [False] * len(items)
        i = 0
        while i < len(items):
            if i and _ARTICLE_WORD.match(run, items[i][0]):
                i += 1  # "al-Ain" of "Ras al-Ain": the end of a longer name, not Al Ain
                continue
            hit = self._longest(run, items, i)
            if hit is None:
                i += 1
                continue
            j, a, b, cands, common = hit
            found.append((a, b, cands, common))
            for k in range(i, j):
                covered[k] = True
            i = j
        for k, (a, b) in enumerate(items):
            word = run[a:b].lower()
            if (
                not covered[k]
                and word not in self.w.allowed
                and word.rstrip("'’s") not in self.w.allowed
            ):
                return []
        return found

    def _longest(self, run: str, items: list[tuple[int, int]], i: int
                 ) -> tuple[int, int, int, list[Candidate], bool] | None:  # fmt: skip
        """The longest span of items from i that names a place: (end item, start, end, ...)."""
        for j in range(min(len(items), i + MAX_TOKENS), i, -1):
            a, b = items[i][0], items[j - 1][1]
            written = run[a:b]
            if _POSSESSIVE.search(written) and len(written) > 2:  # "Assad's": Assad, not "Assads"
                b = a + len(_POSSESSIVE.sub("", written))
                written = run[a:b]
            if written.lower() in self.w.never:
                continue
            cands, common = self.g.lookup(written)
            if cands:
                return j, a, b, cands, common
        return None

    def _kind(self, cands: list[Candidate]) -> str:
        """The kind of place a name most likely is."""
        return self.g.place(self._choice(cands, None)[1].id).kind

    def _choice(self, cands: list[Candidate], head: str | None) -> tuple[bool, Candidate]:
        """(whether the name is of several countries, the best candidate), kept per name."""
        k = (id(cands), head)
        hit = self._chosen.get(k)
        if hit is None or hit[0] is not cands:
            best = choose(self.g, cands, head, set())
            hit = (cands, not self._dominant(cands, best), best)
            self._chosen[k] = hit
        return hit[1], hit[2]

    def _eponymous(self, best: Candidate, place: Place) -> tuple[Candidate, Place]:
        """For "Kirkuk province", the division named after the city Kirkuk that holds it."""
        holder = self.g.parent_id(best.id)
        if holder is not None:
            p = self.g.place(holder)
            if p.kind == "province" and plain_key(p.name).startswith(plain_key(place.name)):
                return Candidate(holder, best.tier), p
        return best, place

    def _dominant(self, cands: list[Candidate], best: Candidate) -> bool:
        """True when no other country has a rival for the name: "Damascus" is Syria's, though
        Oregon has a Damascus of 10,000 people."""
        g = self.g
        top = g.place(best.id)
        others = [
            g.place(c.id)
            for c in cands
            if c.tier <= max(best.tier, 1) and g.place(c.id).country != top.country
        ]
        if not others or top.kind in ("country", "province"):
            return True
        if top.population < BIG_CITY and any(p.population == 0 for p in others):
            return False  # a rival of unknown size ("Madaya" in Syria) against a mere town
        return top.population >= DOMINANT * max(1, max(p.population for p in others))

    def _mention(self, text: str, a: int, b: int, cands: list[Candidate], common: bool,
                 lo: int, hi: int) -> Mention | None:  # fmt: skip
        w = self.w
        ws, we, head = a, b, None
        after = w.head_after.match(text, b, hi)
        if after:
            we, head = after.end(), w.heads.get(_squash(after.group(1)))
            whole = self.g.lookup(text[a:we])[0]  # "Hodeidah province" may be a name itself
            if whole:
                b, cands, common = we, whole, False
        spans = tail(text, max(lo, a - 50), a)
        n = len(spans)
        if head is None and n >= 2 and spans[-1][0] == "of":  # "the city of Idlib"
            k = n - 3 if n >= 3 and f"{spans[-3][0]} {spans[-2][0]}" in w.of_heads else n - 2
            if spans[k][0] in w.of_heads or k == n - 3:
                word = " ".join(x for x, _ in spans[k : n - 1])
                ws, head, n = spans[k][1], w.heads.get(word, "district"), k
        if n and spans[n - 1][0] in w.directions:  # "eastern Aleppo"; "north-west Syria" may be
            ws, n = spans[n - 1][1], n - 1  # a place of its own
            whole = self.g.lookup(text[ws:b])[0] if head is None else []
            if whole:
                a, cands, common = ws, whole, False
        words = [x for x, _ in spans[:n]]
        strong_loc = is_strong(w, words)
        locative = strong_loc or head is not None or is_locative(w, words)
        opening = not locative and ws - lo <= 3 and not text[lo:ws].strip(" \t\"“‘'(")
        if is_title(w, words):
            return None  # "President Assad": a person
        if is_excluded(w, words):
            return None  # "killed outside of Derna": the figure is set apart from Derna
        ambiguous, best = self._choice(cands, head)
        alternate = best.tier == 2  # the place meant goes by the name only as an alternate
        if alternate and self._source(text, ws, we, lo, hi):
            return None  # "The White House estimated", "according to Hamas": a body, no town
        place = self.g.place(best.id)
        if head == "province" and place.kind != "province":
            best, place = self._eponymous(best, place)
        if place.kind != "country" and w.particle_after.match(text, we, hi):
            return None  # "Bab al-Nayrab", "Khan al-Assal": part of a longer name
        if head == "district" and _PART_OF.match(text, we, hi):
            return None  # "the Salah al-Din district of Aleppo": a part of Aleppo, not Iraq's
        strong = place.kind in ("country", "province", "region") or best.tier == 0
        if not strong and w.speech_after.match(text, we, hi):
            return None  # "Jackson said": a speaker; "Azerbaijan says" is still the country
        written = text[a:b]
        if written.isupper() and len(written) > 1:
            if len(written) <= 4 and written not in (place.name, *place.variants):
                return None  # "SANA" (the news agency) is not Sana; "US" and "UK" are listed
            if not strong and place.population < BIG_CITY:
                return None
        if common and not strong and not (words and words[-1] in w.strict):
            return None  # "Reading the report", "Nice to see": a word, not Reading or Nice
        if not strong and place.population < SMALL_TOWN and not (locative or opening):
            return None
        # a small place known by the name only as an alternate ("Essa", "Taha") counts in a
        # country the article names ("Tadmor" for Tadmur in an article on Syria)
        weak = best.tier == 2 and place.population < BIG_CITY and not strong_loc
        venue = (is_venue(w, words) or is_brief(w, words)
                 or bool(w.venue_after.match(text, we, hi)))
        abroad = not strong and place.population < SMALL_TOWN
        sure = not (ambiguous or weak or abroad)
        return Mention(a, b, best.id, place.name, ws, we, locative or opening, head, strong_loc,
                       venue, opening, sure, tuple(cands) if not sure else (), weak,
                       abroad, is_refuge(w, words), alternate,
                       head is None and bool(w.actor_after.match(text, we, hi)))  # fmt: skip

    def _source(self, text: str, a: int, b: int, lo: int, hi: int) -> bool:
        """True when the name at text[a:b] is written as who gave a figure: before a verb of
        speech ("estimated", "said") or after "according to", "citing" (the attribution words)."""
        w = self.w
        return bool(w.source_after.match(text, b, hi)) or bool(
            w.source_before.search(text, max(lo, a - 40), a))


_LIST_GAP = re.compile(r"(?:\s*\([^()]*\))?\s*(?:,|,?\s+(?:and|or))\s*(?:the\s+)?")


def _listed(text: str, found: list[Mention]) -> list[Mention]:
    """Places listed after a located one are located too: "in Mosul, Tilkaif and Telefar"."""
    out = list(found)
    for i in range(1, len(out)):
        prev, m = out[i - 1], out[i]
        if m.locative or not prev.locative or prev.opening:
            continue
        if _LIST_GAP.fullmatch(text, prev.written_end, m.written_start):
            out[i] = m._replace(locative=True, venue=prev.venue, refuge=prev.refuge)
    return out


def _squash(words: str) -> str:
    return " ".join(words.lower().split())


@lru_cache(maxsize=8)
def finder(g: Gazetteer, language: str = "en") -> Finder:
    """The finder for a gazetteer and a language's place words, built once."""
    return Finder(g, lexicon(language))


def resolve_written(g: Gazetteer, text: str) -> str | None:
    """The canonical name of a place as written alone: "Hodeidah province", "the city of
    Idlib", "eastern Aleppo", "Tripoli, Lebanon", "Maraat al-Numan" (spelling-blind), then the
    closest prominent name."""
    written = " ".join(text.split())
    if not written:
        return None
    if g.has(written):
        return written
    cands, _ = g.lookup(written)
    if cands:
        return g.place(choose(g, cands, None, set()).id).name
    f = finder(g)
    name, head, near = _parse(f, written)
    cands, _ = g.lookup(name)
    if not cands:
        cands = g.lookup_blind(name)
    if not cands:
        c = g.fuzzy(name)
        cands = [c] if c else []
    if not cands:
        return None
    best = choose(g, cands, head, near)
    place = g.place(best.id)
    if head == "province" and place.kind != "province":  # "Kirkuk province"
        place = f._eponymous(best, place)[1]
    return place.name


def _parse(f: Finder, written: str) -> tuple[str, str | None, set[str]]:
    """The name in a written place, the head word's class, and the country after a comma."""
    near: set[str] = set()
    if ", " in written:
        written, _, holder = written.partition(", ")
        outer = f.g.lookup(holder)[0]
        near = {_country(f.g, choose(f.g, outer, None, set()))} if outer else set()
    head = None
    after = f.w.head_suffix.match(written)
    if after:
        written, head = after.group(1), f.w.heads.get(_squash(after.group(2)))
    before = f.w.head_prefix.match(written)
    if before:
        written, head = written[before.end() :], f.w.heads.get(_squash(before.group(1)), "district")
    direction = f.w.direction_prefix.match(written)
    if direction and f.g.lookup(written[direction.end() :])[0]:
        written = written[direction.end() :]
    written = re.sub(r"^the\s+", "", written, flags=re.I)
    return written, head, near


__all__ = ["Finder", "Mention", "choose", "finder", "resolve_written"]
