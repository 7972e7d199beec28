"""Independent origins: wire copies carrying the same passage count as one source, not several.

Two claims share an origin when they come from one article, or when their sentences are
near-duplicates: equal once normalised, word-trigram overlap above the threshold, or a rapidfuzz
ratio above the cut-off. Small groups compare every pair; larger ones only the candidates that
share a min-hash of their trigrams (linear). Only groups that become results are checked.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from verify.group import ClaimRow
from verify.settings import Settings

PAIRWISE_LIMIT = 12  # above this many claims, only min-hash candidates are compared
MINHASHES = 4  # P(a pair with trigram overlap J shares one) = 1 - (1 - J) ** 4: 0.94 at J = 0.5
MIN_WORDS = 8  # fuzzy matching only for sentences this long
CONTAINED = 0.9  # share of the shorter sentence's trigrams found in the longer: one passage
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def normalised(sentence: str) -> str:
    """Lower-case words only: punctuation, quotes and spacing differ between copies."""
    return " ".join(_WORD.findall(sentence.casefold()))


@lru_cache(maxsize=65536)
def shingles(sentence: str) -> frozenset[str]:
    """Word trigrams of a normalised sentence (the whole sentence when it is shorter)."""
    words = sentence.split()
    if len(words) < 3:
        return frozenset([sentence])
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


@lru_cache(maxsize=65536)
def signature(sentence: str) -> tuple[int, ...]:
    """Min-hashes of a sentence's trigrams (crc32, so the same in every process)."""
    grams = [g.encode("utf-8") for g in shingles(sentence)]
    return tuple(min(zlib.crc32(g, seed) for g in grams) for seed in range(1, MINHASHES + 1))


def near_duplicates(a: str, b: str, settings: Settings) -> bool:
    """True when two normalised sentences are one passage copied (wire copy, light edits)."""
    if a == b:
        return True
    if min(a.count(" "), b.count(" ")) < MIN_WORDS:
        return False  # short sentences share wording by chance: only exact copies join
    sa, sb = shingles(a), shingles(b)
    shared = len(sa & sb)
    if shared / len(sa | sb) >= settings.duplicate_threshold:
        return True
    if shared >= CONTAINED * min(len(sa), len(sb)):
        return True  # one copy's sentence ran into the one before it (a full stop lost)
    return fuzz.ratio(a, b) >= settings.duplicate_ratio


def origins(rows: Sequence[ClaimRow], settings: Settings) -> dict[str, int]:
    """Each claim's origin number: one article, and copies of one passage, share a number."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    texts = [normalised(r.sentence) for r in rows]
    for i, r in enumerate(rows):
        for key in (r.source_id, "\0" + texts[i]):
            if key in first:
                parent[find(i)] = find(first[key])
            else:
                first[key] = i

    def join(i: int, j: int) -> None:
        if find(i) != find(j) and near_duplicates(texts[i], texts[j], settings):
            parent[find(i)] = find(j)

    if len(rows) <= PAIRWISE_LIMIT:
        for i in range(len(rows)):
            for j in range(i):
                join(i, j)
    else:
        buckets: dict[tuple[int, int], int] = {}
        for i, text in enumerate(texts):
            if text.count(" ") < MIN_WORDS:
                continue  # a short sentence joins only its exact copies, found above
            for k, h in enumerate(signature(text)):
                j = buckets.setdefault((k, h), i)
                if j != i:
                    join(i, j)
    return {r.id: find(i) for i, r in enumerate(rows)}


def independent_count(rows: Sequence[ClaimRow], origin: dict[str, int]) -> int:
    """How many independent origins stand behind these claims."""
    return len({origin[r.id] for r in rows})



@lru_cache(maxsize=8192)
def body_type(name: str) -> str | None:
    """The type of body a name is: the alias table's ("monitor", "media"), "named" for a name
    it does not know ("Olusegun Obasanjo"), None for a descriptor ("a monitoring group")."""
    from claims.aliases import default_aliases

    alias = default_aliases().find(name)
    if alias is not None:
        return alias.type or "named"
    # "Ghent University" names a body; "the university", "Syrian informed source" describe one
    words = name.split()
    common = len(words) == 1 or words[-1].islower()
    return None if common and _head(name) in _descriptor_heads() else "named"


def _head(name: str) -> str:
    from claims.aliases import normalise

    words = normalise(name).split()
    return words[-1] if words else ""


@lru_cache(maxsize=1)
def _descriptor_heads() -> frozenset[str]:
    """Words that describe a body rather than name it: the alias table's types of body, the
    lexicon's kinds of body, documents, anonymous sources, roles, and back-references."""
    from claims.lexicon import lexicon

    section = lexicon().get("attribution")
    nouns, people = section.get("nouns", {}), section.get("people", {})
    words = [*_alias_types(), *section.get("anaphora", {}), *nouns.get("bodies", ()),
             *nouns.get("documents", ()), *nouns.get("anonymous", ()), *people.get("roles", ())]
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=8192)
def descriptor_types(name: str) -> frozenset[str]:
    """The types of body a descriptor may stand for: "a monitoring group" any monitor or NGO
    (the lexicon's back-reference table, keyed on the descriptor's last word)."""
    from claims.lexicon import lexicon

    head = _head(name)
    table = lexicon().get("attribution").get("anaphora", {})
    return frozenset(table.get(head, ())) | {head}


def may_be_one(a: str, b: str) -> bool:
    """Two bodies one article credits could be one: the same name, a descriptor ("a monitor")
    that may stand for the named other (SOHR), two descriptors of one type of body, or an
    anonymous source of no stated kind ("the same source"), who may be anyone."""
    if a == b:
        return True
    ta, tb = body_type(a), body_type(b)
    if ta is not None and tb is not None:
        return False
    if any(t is None and _anyone(n) for n, t in ((a, ta), (b, tb))):
        return True
    if ta is None and tb is None:  # "a monitor" and "the observatory"; not "officials"
        return bool(descriptor_types(a) & descriptor_types(b))
    descriptor, named = (a, tb) if ta is None else (b, ta)
    return named in descriptor_types(descriptor)


@lru_cache(maxsize=4096)
def _anyone(descriptor: str) -> bool:
    """An anonymous source ("a source", "an official") whose words name no kind of body the
    alias table knows ("officials" are a government's)."""
    from claims.lexicon import lexicon

    anonymous = lexicon().get("attribution").get("nouns", {}).get("anonymous", ())
    return _head(descriptor) in anonymous and not descriptor_types(descriptor) & _alias_types()


@lru_cache(maxsize=1)
def _alias_types() -> frozenset[str]:
    from claims.aliases import default_aliases

    return frozenset(a.type for a in default_aliases().aliases if a.type)

__all__ = ["independent_count", "near_duplicates", "normalised", "origins"]
