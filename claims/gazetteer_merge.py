"""The gazetteer build's linking: curated rows merged into GeoNames and ISO places, GeoNames'
admin1 codes matched to ISO 3166-2 divisions, and every place given a unique canonical name.

GeoNames codes a city's first-level division by its own admin1 code (FIPS-like "15" for
Nineveh), ISO by "IQ-NI": the two are linked by (1) a curated city placed in its division
("Mosul,city,Nineveh governorate" anchors IQ.15 to IQ-NI), (2) the same letters as the ISO
code (US "NY"), (3) a division named as one of its biggest cities (Idlib, Aleppo/Halab), (4) the
one division and the one code a country has left. A city whose code is matched by none of these
lies directly in its country.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from claims.place_names import blind_key, display, plain_key

if TYPE_CHECKING:
    from claims.gazetteer_build import Entry

CITY_KINDS = ("city", "town", "village")
_HEADS = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|province|governorate|region|state)\s+of\s+)"
    r"|\s+(?:city|town|village|province|governorate|region|state|oblast|district)$",
    re.I,
)
# How claims.places.rank orders the places a name may be: by kind, and a place known by the
# name only as an alternate counts at 1/ALTERNATE of its size.
# A division outranks a city of its name but for its own capital ("Kirkuk" is the city, inside
# Kirkuk governorate; "Alabama" is the state, not a hamlet of New York): see capital_first.
KIND_RANK = {"country": 0, "region": 1, "province": 2, "city": 3, "town": 3, "village": 3}
ALTERNATE = 100
TOP_CITIES = 5  # a division is named after one of its biggest cities, if after any
TOP_CHILDREN = 12  # ... or holds second-level divisions named after its biggest cities
# GeoNames and ISO count a country's divisions alike, or GeoNames groups them otherwise (the
# West Bank and Gaza for Palestine's 16 governorates): then no name is trusted to link them.
SAME_SYSTEM = 0.6


@dataclass(frozen=True)
class Row:
    """One row of a curated or user places file: name,kind,parent,variants."""

    name: str
    kind: str
    parent: str | None
    variants: tuple[str, ...]


def read_rows(text: str, where: str) -> list[Row]:
    """The rows of a places CSV (name,kind,parent,variants with variants split on "|")."""
    from claims.errors import DataError

    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or not {"name", "kind"} <= set(reader.fieldnames):
        raise DataError(f"{where}: a places file needs the columns name,kind,parent,variants")
    rows = []
    for line, r in enumerate(reader, start=2):
        name, kind = (r.get("name") or "").strip(), (r.get("kind") or "").strip()
        if not name or not kind:
            raise DataError(f"{where}: line {line}: name and kind must not be empty")
        variants = tuple(v.strip() for v in (r.get("variants") or "").split("|") if v.strip())
        rows.append(Row(name, kind, (r.get("parent") or "").strip() or None, variants))
    return rows


def curated_rows() -> list[Row]:
    """The shipped curated file, claims/data/places.csv."""
    text = resources.files("claims").joinpath("data/places.csv").read_text("utf-8")
    return read_rows(text, "claims/data/places.csv")


def bare(name: str) -> str:
    """A name without its head word: "Hodeidah province" -> "Hodeidah", "city of X" -> "X"."""
    return _HEADS.sub("", name).strip() or name


def _class(kind: str) -> str:
    return "city" if kind in CITY_KINDS else kind


class Merger:
    """Curated rows and admin1 codes linked into the built places."""

    def __init__(self, entries: list[Entry], by_cc: dict[str, int]) -> None:
        self.entries = entries
        self.by_cc = by_cc
        self.by_key: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            for n in e.names:
                self.by_key[(e.cc, _class(e.kind), plain_key(n))].append(i)
        self.curated: dict[str, int] = {}  # canonical name -> entry
        self.group_of: dict[str, int] = {}  # GeoNames "CC.admin1" -> division (or region)
        self.eponym: set[int] = set()
        self.divisions: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            if e.kind == "province":
                self.divisions[e.cc].append(i)

    # curated rows ------------------------------------------------------------------------
    def merge(self, rows: list[Row]) -> None:
        """Each curated row merged into the place it is, or added; parents named first."""
        pending = list(rows)
        while pending:
            left = [r for r in pending if not self._merge_one(r)]
            if len(left) == len(pending):  # a parent no row or country names: under nothing
                for r in left:
                    self._add(r, None, "")
                break
            pending = left

    def _country_of(self, name: str | None) -> tuple[int | None, str] | None:
        """(entry, country code) of a parent name; None while it is not known yet."""
        if name is None:
            return None, ""
        if name in self.curated:
            i = self.curated[name]
            return i, self.entries[i].cc
        for cc, i in self.by_cc.items():
            if display(name) in self.entries[i].names:
                return i, cc
        return None

    def _merge_one(self, row: Row) -> bool:
        parent = self._country_of(row.parent)
        if parent is None:
            return False
        parent_id, cc = parent
        if row.kind == "country":
            written = {display(n) for n in (row.name, *row.variants)}
            cc = next(
                (c for c, i in self.by_cc.items() if written & set(self.entries[i].names)), ""
            )
        found = self._find(row, cc)
        if found is None:
            self._add(row, parent_id, cc)
            return True
        e = self.entries[found]
        e.name = row.name
        e.kind = row.kind if _class(row.kind) == _class(e.kind) else e.kind
        for n in (row.name, *row.variants):
            e.add(n, 0)
        if parent_id is not None and not self._is_ancestor(parent_id, e.parent):
            e.parent = parent_id
        self.curated[row.name] = found
        return True

    def _find(self, row: Row, cc: str) -> int | None:
        """The built place a curated row is: same country, same class, one of its names."""
        if row.kind == "country":
            return self.by_cc.get(cc)
        klass = _class(row.kind)
        if klass not in ("city", "province") or not cc:
            return None
        for name in (row.name, *row.variants):
            ids = self.by_key.get((cc, klass, plain_key(bare(name))))
            if ids:
                return max(ids, key=lambda i: self.entries[i].population)
        if klass == "province":  # ISO spellings: "Nīnawá" for Nineveh, "Tigrai" for Tigray
            return self._fuzzy_division(row, cc)
        return None

    def _fuzzy_division(self, row: Row, cc: str) -> int | None:
        best, score = None, 0.0
        for i in self.divisions[cc]:
            for n in self.entries[i].names:
                for name in (row.name, *row.variants):
                    s = fuzz.ratio(blind_key(bare(name)), blind_key(n))
                    if s > score:
                        best, score = i, s
        return best if score >= 85 else None

    def _add(self, row: Row, parent_id: int | None, cc: str) -> None:
        from claims.gazetteer_build import Entry

        e = Entry(row.name, row.kind, cc, parent=parent_id)
        for n in (row.name, *row.variants):
            e.add(n, 0)
        self.curated[row.name] = len(self.entries)
        self.entries.append(e)

    def _is_ancestor(self, a: int, b: int | None) -> bool:
        """True when place a holds place b (or is it)."""
        seen = set()
        while b is not None and b not in seen:
            if a == b:
                return True
            seen.add(b)
            b = self.entries[b].parent
        return False

    # admin1 codes ------------------------------------------------------------------------
    def link_divisions(self, rows: list[Row]) -> None:
        """Merge the curated rows, match admin1 codes to divisions, name every place once."""
        self.merge(rows)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            if e.kind in CITY_KINDS and e.group:
                groups[e.group].append(i)  # entries are biggest first
        self._anchor(groups)
        by_country: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            if e.kind == "province" and e.group:
                by_country[e.cc].append(i)
        for cc, divs in by_country.items():
            mine = [g for g in groups if g.startswith(cc + ".") and not g.endswith(".00")]
            self._match(cc, divs, mine, groups)
        for g, d in self.group_of.items():
            for i in groups[g]:
                e = self.entries[i]
                if e.parent is None or self._is_ancestor(e.parent, d):
                    e.parent = d
        self._name()

    def _anchor(self, groups: dict[str, list[int]]) -> None:
        """Curated cities tie their GeoNames code to the division (else region) they lie in."""
        for i in self.curated.values():
            e = self.entries[i]
            if e.kind not in CITY_KINDS or not e.group or e.group in self.group_of:
                continue
            region, p = None, e.parent
            while p is not None and self.entries[p].kind != "country":
                if self.entries[p].kind == "province":
                    self.group_of[e.group] = p
                    break
                region = region if region is not None else p
                p = self.entries[p].parent
            else:
                if region is not None:
                    self.group_of[e.group] = region

    def _match(
        self, cc: str, divs: list[int], mine: list[str], groups: dict[str, list[int]]
    ) -> None:
        taken = {d for g, d in self.group_of.items() if g in mine}
        free_g = [g for g in mine if g not in self.group_of]
        if min(len(mine), len(divs)) < SAME_SYSTEM * max(len(mine), len(divs)):
            return
        scores: list[tuple[float, str, int]] = []
        for d in divs:
            if d in taken:
                continue
            code = self.entries[d].group.split("-", 1)[1]
            keys = {blind_key(n) for n in self.entries[d].names}
            inner = {blind_key(n) for n in self.entries[d].within}
            for g in free_g:
                if g.split(".", 1)[1] == code and not code.isdigit():
                    scores.append((100.0, g, d))
                    continue
                s = self._eponym_score(keys, groups[g][:TOP_CITIES])
                if not s and inner:
                    s = self._eponym_score(inner, groups[g][:TOP_CHILDREN]) - 10
                if s > 0:
                    scores.append((s, g, d))
        for s, g, d in sorted(scores, key=lambda t: (-t[0], t[1], t[2])):
            if g not in self.group_of and d not in taken:
                self.group_of[g] = d
                taken.add(d)
                if s < 100:
                    self.eponym.add(d)
        left_g = [g for g in free_g if g not in self.group_of]
        left_d = [d for d in divs if d not in taken]
        if len(left_g) == 1 and len(left_d) == 1:
            self.group_of[left_g[0]] = left_d[0]

    def _eponym_score(self, keys: set[str], top: list[int]) -> float:
        """How surely a division is named after one of a code's biggest cities (0: not)."""
        best = 0.0
        for rank, i in enumerate(top):
            for n in self.entries[i].names:
                k = blind_key(n)
                if len(k) < 3:
                    continue
                for dk in keys:
                    if dk == k:
                        s = 99.0
                    elif dk.startswith(k) and len(dk) - len(k) <= 3 and len(k) >= 4:
                        s = 95.0  # "Donetska" (oblast) after "Donetsk"
                    elif min(len(dk), len(k)) >= 6 and fuzz.ratio(dk, k) >= 92:
                        s = 92.0
                    elif _shared_start(dk, k) >= max(5, 0.75 * min(len(dk), len(k))):
                        s = 90.0  # "Cherkaska" (oblast) after "Cherkasy"
                    else:
                        continue
                    best = max(best, s - rank)
        return best

    # names -------------------------------------------------------------------------------
    def _name(self) -> None:
        """Canonical names, unique: curated ones as written, then countries, divisions, cities."""
        city_names: dict[int, set[str]] = defaultdict(set)  # a division's cities' names
        for e in self.entries:
            if e.kind in CITY_KINDS and e.parent is not None:
                city_names[e.parent].add(plain_key(e.name))
        curated = set(self.curated.values())
        owner = self._owners()
        order = sorted(range(len(self.entries)), key=lambda i: self._naming_rank(i, curated))
        taken: set[str] = set()
        for i in order:
            e = self.entries[i]
            name = e.name
            owned = i not in curated and owner.get(plain_key(name), i) != i
            if (
                i not in curated
                and e.kind == "province"
                and (plain_key(name) in city_names[i] or name in taken or owned)
            ):
                name = f"{name} {e.title or 'province'}"
                owned = owner.get(plain_key(name), i) != i
            # a name another place is known by first ("Basra", Iraq's Al Basrah, not a village
            # of Pakistan) is qualified, so that a canonical name resolves to its own place
            if name in taken or owned:
                name = self._qualified(e, taken | {name})
            e.name = name
            taken.add(name)

    def _owners(self) -> dict[str, int]:
        """Each name's key -> the place a reader means by it, ranked as claims.places.rank does."""
        best: dict[str, tuple[tuple[int, int, float], int]] = {}
        city: dict[str, tuple[tuple[int, int, float], int]] = {}
        for i, e in enumerate(self.entries):
            for n, tier in e.names.items():
                rank = (min(tier, 1), KIND_RANK.get(e.kind, 4),
                        -e.population / (ALTERNATE if tier == 2 else 1))  # fmt: skip
                k = plain_key(n)
                if k not in best or rank < best[k][0]:
                    best[k] = (rank, i)
                if e.kind in CITY_KINDS and (k not in city or rank < city[k][0]):
                    city[k] = (rank, i)
        out = {}
        for k, (rank, i) in best.items():
            c = city.get(k)
            if (self.entries[i].kind == "province" and c is not None and c[0][0] == rank[0]
                    and self._is_ancestor(i, self.entries[c[1]].parent)):  # fmt: skip
                i = c[1]
            out[k] = i
        return out

    def _naming_rank(self, i: int, curated: set[int]) -> tuple[int, int, int]:
        e = self.entries[i]
        tier = 0 if i in curated else {"country": 1, "province": 2}.get(e.kind, 3)
        return tier, -e.population, i

    def _qualified(self, e: Entry, taken: set[str]) -> str:
        """ "Tripoli, Lebanon": a name already taken, qualified by the place holding it."""
        chain = []
        p = e.parent
        while p is not None:
            chain.append(self.entries[p].name)
            p = self.entries[p].parent
        for holder in chain[:1] + chain[-1:]:
            if f"{e.name}, {holder}" not in taken:
                return f"{e.name}, {holder}"
        n = 2
        while f"{e.name} ({n})" in taken:
            n += 1
        return f"{e.name} ({n})"


def _shared_start(a: str, b: str) -> int:
    """How many letters a and b share from their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


__all__ = ["CITY_KINDS", "Merger", "Row", "bare", "curated_rows", "read_rows"]
