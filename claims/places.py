"""The gazetteer: places of every country, town within province within country.

Built from GeoNames (countries; cities of 1,000 people or more, with their alternate names) and
ISO 3166-2 (first-level divisions) by claims/gazetteer_build.py into claims/data/gazetteer.tsv.gz,
with the curated file claims/data/places.csv merged in (English spellings, exonyms, regions no
gazetteer has: "Eastern Ghouta", "Nagorno-Karabakh"); a user's places.csv adds rows at load.

Kinds are country, province (any first-level division: governorate, state, region, oblast; its
own word is `Place.title`), region (a curated area: "Northwest Syria", "Darfur"), city, town,
village. A name shared by a division and its capital ("Aleppo", "Hodeidah") is the city when
written bare, as writers mean it: they qualify the division ("Aleppo province", "Hodeidah
governorate"). The curated file records where writers do the opposite: bare "Idlib" is listed
as a variant of Idlib province, since the reporting of that war means the province by it and
qualifies the city ("Idlib city"). A curated variant outranks GeoNames' names, a GeoNames
main name its alternate names; among equals, a country comes first, then a city, then a division.
"""

from __future__ import annotations

import bisect
import gzip
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claims.gazetteer_merge import ALTERNATE, CITY_KINDS, KIND_RANK, Row, bare, read_rows
from claims.place_names import blind_key, plain_key

FUZZY_CUTOFF = 90.0
FUZZY_MIN = 5  # letters: shorter names are never matched fuzzily
key = blind_key  # the spelling-blind key, under its old name


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # country, province, region, city, town, village
    parent: str | None
    variants: tuple[str, ...] = ()
    country: str = ""  # ISO 3166-1 alpha-2 of the country holding it
    population: int = 0
    title: str = ""  # a division's own word: governorate, state, region, oblast ...


@dataclass(frozen=True)
class Candidate:
    """A place a name may stand for, and how: tier 0 curated, 1 a main name, 2 an alternate."""

    id: int
    tier: int


class _Places(Mapping[Any, Place]):
    """Canonical name -> Place, over the gazetteer's rows (parsed when first asked for)."""

    def __init__(self, g: Gazetteer) -> None:
        self._g = g

    def __getitem__(self, name: Any) -> Place:
        if not isinstance(name, str):
            raise KeyError(name)
        return self._g.place(self._g.id_of(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._g.has(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._g.ids)

    def __len__(self) -> int:
        return len(self._g.rows)


@dataclass(frozen=True)
class _Found:
    """A place found by `Gazetteer.pattern`, shaped like a regex match."""

    at: tuple[int, int]
    text: str

    def start(self) -> int:
        return self.at[0]

    def end(self) -> int:
        return self.at[1]

    def group(self, _: int = 0) -> str:
        return self.text


class _Pattern:
    """`finditer` over the places a text names, for callers written against a regex of names
    (verify/group.py until it uses the functions below)."""

    def __init__(self, g: Gazetteer) -> None:
        self._g = g

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_Found]:
        from claims.place_finder import finder

        for m in finder(self._g).find(text, pos, len(text) if endpos is None else endpos):
            yield _Found((m.start, m.end), m.name)


class Gazetteer:
    """Places, looked up by name as written: exactly, spelling-blind, then fuzzily."""

    def __init__(self, places: Iterable[Place] = (), *, index: str | None = None) -> None:
        self.rows: list[str] = []  # one TSV line per place: see claims/gazetteer_build.py
        self._keys: list[str] = []  # sorted "key\ttier:id,...\tflag" lines
        self._blind_text = ""  # split when first needed: most articles never need it
        self._blind_lines: list[str] | None = None
        self._extra: dict[str, list[Candidate]] = {}  # keys added after load
        self._extra_blind: dict[str, list[Candidate]] = {}
        self._parsed: dict[int, Place] = {}
        self._parent: dict[int, int | None] = {}
        self._ids: dict[str, int] | None = None
        self._resolved: dict[str, str | None] = {}
        self._looked: dict[str, tuple[list[Candidate], bool]] = {}
        self._chains: dict[int, list[int]] = {}
        if index is not None:
            self._read(index)
        for p in places:
            self.add(Row(p.name, p.kind, p.parent, p.variants))
        self.places: Mapping[Any, Place] = _Places(self)
        self.source = ""

    def _read(self, text: str) -> None:
        header, _, rest = text.partition("\n")
        self.source = header
        places, _, keys = rest.partition("\n\n")
        keyed, _, blind = keys.partition("\n\n")
        self.rows = places.split("\n")
        self._keys = keyed.split("\n") if keyed else []
        self._blind_text = blind

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> Gazetteer:
        """The shipped gazetteer plus the rows of each extra CSV (name,kind,parent,variants)."""
        raw = resources.files("claims").joinpath("data/gazetteer.tsv.gz").read_bytes()
        g = cls(index=gzip.decompress(raw).decode("utf-8"))
        for path in extra:
            for row in read_rows(Path(path).read_text("utf-8"), str(path)):
                g.add(row)
        return g

    @property
    def pattern(self) -> _Pattern:
        """The places a text names, as regex-like matches (m.group() is the canonical name)."""
        return _Pattern(self)

    # rows ----------------------------------------------------------------------------------
    @property
    def ids(self) -> dict[str, int]:
        """Canonical name -> row id (built when first needed)."""
        if self._ids is None:
            self._ids = {line.split("\t", 1)[0]: i for i, line in enumerate(self.rows)}
        return self._ids

    def id_of(self, name: str) -> int:
        """The row id of a canonical name (KeyError if none has it), found by its key."""
        if self._ids is None:
            for c in self.lookup(name)[0]:
                if self._fields(c.id)[0] == name:
                    return c.id
            k = plain_key(name)
            if k and k not in _unkeyed():  # every other name is indexed under its key
                raise KeyError(name)
        return self.ids[name]  # (all names, read once: 0.1 s, for the few words never keyed)

    def has(self, name: str) -> bool:
        """True when name is a place's canonical name."""
        try:
            self.id_of(name)
        except KeyError:
            return False
        return True

    def _fields(self, i: int) -> list[str]:
        return self.rows[i].split("\t")

    def parent_id(self, i: int) -> int | None:
        """The row id of the place holding place i."""
        if i not in self._parent:
            value = self._fields(i)[2]
            self._parent[i] = int(value) if value else None
        return self._parent[i]

    def place(self, i: int) -> Place:
        """Place i, parsed from its row once."""
        if i not in self._parsed:
            name, kind, parent, cc, pop, title, names = self._fields(i)[:7]
            holder = self._fields(int(parent))[0] if parent else None
            variants = tuple(n for n in names.split("|") if n and n != name)
            self._parsed[i] = Place(name, kind, holder, variants, cc, int(pop or 0), title)
        return self._parsed[i]

    def chain(self, i: int) -> list[int]:
        """Place i and every place holding it, innermost first."""
        hit = self._chains.get(i)
        if hit is None:
            hit = []
            current: int | None = i
            while current is not None and current not in hit:
                hit.append(current)
                current = self.parent_id(current)
            self._chains[i] = hit
        return hit

    # lookups -------------------------------------------------------------------------------
    def lookup(self, written: str) -> tuple[list[Candidate], bool]:
        """The places a name as written may be (best first) and whether it is also a common
        English word ("Mobile", "Reading"), by its plain key."""
        hit = self._looked.get(written)
        if hit is None:  # names as written recur in every article
            k = plain_key(written)
            found, common = _scan(self._keys, k)
            extra = self._extra.get(k, [])
            hit = (_ranked(self, extra + found) if extra else found), common and not extra
            self._looked[written] = hit
        return hit

    @property
    def _blind(self) -> list[str]:
        if self._blind_lines is None:
            self._blind_lines = self._blind_text.split("\n") if self._blind_text else []
        return self._blind_lines

    def lookup_blind(self, written: str) -> list[Candidate]:
        """The prominent places a name is, spelling-blind ("Maraat al-Numan")."""
        k = blind_key(written)
        found, _ = _scan(self._blind, k)
        extra = self._extra_blind.get(k, [])
        return _ranked(self, extra + found) if extra else found

    def resolve(self, text: str) -> str | None:
        """The canonical name of a place as written, or None when it is not in the gazetteer."""
        if text not in self._resolved:  # places as written recur in every article
            from claims.place_finder import resolve_written

            self._resolved[text] = resolve_written(self, text)
        return self._resolved[text]

    def fuzzy(self, written: str) -> Candidate | None:
        """The prominent place a name is most like, at a high cut-off (None under it)."""
        k = blind_key(written)
        if len(k) < FUZZY_MIN:
            return None
        from rapidfuzz import fuzz, process

        best: tuple[float, int, str] | None = None  # score, place in _fuzzy_keys, key
        for keys, order in self._fuzzy_near(len(k)):
            hit = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            # the first best of the whole list, as one extractOne over it would return
            if hit is not None and (best is None or (hit[1], -order[hit[2]]) > best[:2]):
                best = (hit[1], -order[hit[2]], hit[0])
        if best is None:
            return None
        found = self.lookup_blind(best[2])
        return found[0] if found else None

    def _fuzzy_near(self, n: int) -> Iterator[tuple[list[str], list[int]]]:
        """The fuzzy keys of the lengths that can score the cut-off against a key of n letters
        (fuzz.ratio is at most 200 * min(n, m) / (n + m)): a tenth of the keys, not all."""
        for m, group in self._fuzzy_lengths().items():
            if 200 * min(n, m) / (n + m) >= FUZZY_CUTOFF - 1e-9:
                yield group

    @lru_cache(maxsize=1)  # noqa: B019  (one gazetteer per process: kept for its life)
    def _fuzzy_lengths(self) -> dict[int, tuple[list[str], list[int]]]:
        """The fuzzy keys by length, each with its place in _fuzzy_keys (for ties)."""
        out: dict[int, tuple[list[str], list[int]]] = {}
        for i, k in enumerate(self._fuzzy_keys()):
            keys, order = out.setdefault(len(k), ([], []))
            keys.append(k)
            order.append(i)
        return out

    @lru_cache(maxsize=1)  # noqa: B019  (one gazetteer per process: kept for its life)
    def _fuzzy_keys(self) -> list[str]:
        keys = [line.split("\t", 1)[0] for line in self._blind]
        return [k for k in keys + list(self._extra_blind) if len(k) >= FUZZY_MIN]

    def within(self, inner: str, outer: str) -> bool:
        """True when place inner lies in place outer (or is it)."""
        if not (self.has(inner) and self.has(outer)):
            return inner == outer
        return self.id_of(outer) in self.chain(self.id_of(inner))

    # additions -----------------------------------------------------------------------------
    def add(self, row: Row) -> int:
        """A user's (or a test's) row: merged into the place it names, else a new place."""
        parent = self._parent_for(row.parent)
        cc = self.place(parent).country if parent is not None else ""
        found = self._same_place(row, cc)
        names = [row.name, *row.variants]
        if found is None:
            found = len(self.rows)
            country = cc or (row.name if row.kind == "country" else "")
            self.rows.append("\t".join([row.name, row.kind, "" if parent is None else str(parent),
                                        country, "0", "", "|".join(names)]))  # fmt: skip
            if self._ids is not None:
                self._ids[row.name] = found
            self._extra.setdefault(plain_key(row.name), []).insert(0, Candidate(found, 1))
        else:
            self._merge_row(found, row, parent)
        for n in names:
            self._extra.setdefault(plain_key(n), []).insert(0, Candidate(found, 0))
            self._extra_blind.setdefault(blind_key(n), []).insert(0, Candidate(found, 0))
        self._resolved.clear()
        self._looked.clear()
        self._chains.clear()
        self._fuzzy_keys.cache_clear()
        self._fuzzy_lengths.cache_clear()
        return found

    def _parent_for(self, name: str | None) -> int | None:
        if not name:
            return None
        if self.has(name):
            return self.id_of(name)
        resolved = self.resolve(name)
        return self.id_of(resolved) if resolved else None

    def _same_place(self, row: Row, cc: str) -> int | None:
        klass = "city" if row.kind in CITY_KINDS else row.kind
        if self.has(row.name) and self.place(self.id_of(row.name)).kind == row.kind:
            return self.id_of(row.name)
        for n in (row.name, *row.variants):
            for c in self.lookup(bare(n))[0]:
                p = self.place(c.id)
                same_kind = ("city" if p.kind in CITY_KINDS else p.kind) == klass
                if same_kind and (not cc or p.country == cc):
                    return c.id
        return None

    def _merge_row(self, i: int, row: Row, parent: int | None) -> None:
        fields = self._fields(i)
        if parent is not None and parent not in self.chain(i):
            fields[2] = str(parent)
            self._parent.pop(i, None)
        fields[6] = "|".join(dict.fromkeys([*fields[6].split("|"), row.name, *row.variants]))
        self.rows[i] = "\t".join(fields)
        self._parsed.pop(i, None)


@lru_cache(maxsize=1)
def _unkeyed() -> frozenset[str]:
    """The keys the gazetteer's index leaves out (claims/gazetteer_build.py: the place words
    `never` read as places), under which a canonical name is not found by its key."""
    from claims.lexicon import lexicon

    return frozenset(plain_key(w) for w in lexicon("en")["places"].get("never", []))


def _scan(lines: list[str], k: str) -> tuple[list[Candidate], bool]:
    """The candidates of key k in sorted key lines, and its common-word flag."""
    probe = k + "\t"
    at = bisect.bisect_left(lines, probe)
    if at >= len(lines) or not lines[at].startswith(probe):
        return [], False
    _, ids, flag = lines[at].split("\t")
    found = []
    for item in ids.split(","):
        tier, _, i = item.partition(":")
        found.append(Candidate(int(i), int(tier)))
    return found, flag == "w"


def _ranked(g: Gazetteer, found: list[Candidate]) -> list[Candidate]:
    """Candidates best first: tier, then kind (country, region, city, division), then size."""
    best: dict[int, Candidate] = {}
    for c in found:
        if c.id not in best or c.tier < best[c.id].tier:
            best[c.id] = c
    return sorted(best.values(), key=lambda c: rank(g, c))


def rank(g: Gazetteer, c: Candidate) -> tuple[int, int, float]:
    """How a candidate sorts when nothing else tells: curated first, then by kind, then the
    bigger place, a place known by the name only as an alternate counting at a hundredth of
    its size ("Basra" is Iraq's Al Basrah, not a village of Pakistan; "Veroia" is Greek, though
    GeoNames lists it among Aleppo's old names)."""
    p = g.place(c.id)
    return (
        min(c.tier, 1),
        KIND_RANK.get(p.kind, 4),
        -p.population / (ALTERNATE if c.tier == 2 else 1),
    )


_LOADED: dict[tuple[str, ...], Gazetteer] = {}


def gazetteer(extra: Iterable[Path] = ()) -> Gazetteer:
    """The shipped gazetteer (plus a user's places files), loaded once per set of files."""
    paths = tuple(str(Path(p).resolve()) for p in extra)
    if paths not in _LOADED:
        _LOADED[paths] = Gazetteer.load([Path(p) for p in paths])
    return _LOADED[paths]


def resolve_place(text: str) -> str | None:
    """The canonical name of a place as written ("Khan Cheikhoun" -> "Khan Sheikhoun")."""
    return gazetteer().resolve(text)


def place_within(inner: str, outer: str) -> bool:
    """True when inner lies within outer ("Khan Sheikhoun" within "Idlib province"); names
    are resolved first, so "Hodeidah" lies within "Yemen"."""
    g = gazetteer()
    a, b = g.resolve(inner) or inner, g.resolve(outer) or outer
    return g.within(a, b)


def containing(place: str) -> list[str]:
    """The place (canonical) and every place holding it, innermost first: town, province,
    region, country. A place the gazetteer does not know is its own one-entry chain."""
    g = gazetteer()
    name = place if g.has(place) else (g.resolve(place) or place)
    if not g.has(name):
        return [name]
    return [g.place(i).name for i in g.chain(g.id_of(name))]


def _entry(place: str) -> Place | None:
    g = gazetteer()
    name = place if g.has(place) else g.resolve(place)
    return g.places[name] if name else None


def kind_of(place: str) -> str | None:
    """country, province, region, city, town, village (None for a place not in the gazetteer)."""
    entry = _entry(place)
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
    """The province an article names most often (outside spans `skip` says to pass over); for
    places in no province, the curated region standing in for one ("Nagorno-Karabakh")."""
    from claims.place_finder import finder

    g = gazetteer()
    found = finder(g).find(text, 0, len(text))
    # a name several countries have is read again in the countries the article names for sure
    # ("Madaya" beside Zabadani is Syria's, not Myanmar's), as the extractor reads it
    sure = {g.place(m.id).country for m in found if m.sure}
    if sure and any(m.candidates for m in found):
        found = finder(g).find(text, 0, len(text), lambda _pos: sure)
    counts: dict[str, int] = {}
    for m in found:
        if skip is not None and skip(m.start, m.end):
            continue
        area = province_of(m.name) or region_of(m.name)
        if area:
            counts[area] = counts.get(area, 0) + 1
    return max(counts, key=lambda p: (counts[p], p)) if counts else None


__all__ = ["Candidate", "Gazetteer", "Place", "containing", "country_of", "gazetteer", "key",
           "kind_of", "main_place", "place_within", "province_of", "region_of",
           "resolve_place"]  # fmt: skip
