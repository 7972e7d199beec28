"""The noun phrase after a figure: who was counted, whether its noun carries a kind, or what
blocks the figure from being a count of people ("three rockets", "20 km", "50 percent").

Words come from the lexicon's subjects and figures sections (claims/data/lexicon/<lang>/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.rx import word_start
from claims.lexicon import Lexicon
from claims.model import Kind
from claims.subjects import common


@dataclass(frozen=True, slots=True)
class Phrase:
    """What follows a figure, read: where it ends, who it counts, and what kind its words say."""

    end: int  # end of the noun phrase (the figure's end when nothing follows)
    head: str | None = None  # the head noun, lower case
    subject: str | None = None
    kind: Kind | None = None  # the kind a head or modifier carries ("deaths", "displaced")
    blocked: bool = False  # a count of things, a measure or a time, not of people
    partitive: bool = False  # "326 of the deaths", "874 of its military personnel"
    lives: bool = False  # "250,000 lives": a toll only with "cost", "claimed", "lost"
    count_noun: bool = False  # "Obasanjo's 600,000 estimate": a figure named, not people
    detached: bool = False  # "0 54 The Kurdish-led forces killed": a determiner starts a new
    # phrase, so the verb after it is not the figure's
    words: int = 0  # words read after the figure


@dataclass(frozen=True)
class Words:
    """The lexicon's words for reading phrases, looked up in sets and dicts."""

    heads: dict[str, str]
    head_kinds: dict[str, Kind]
    modifier_kinds: dict[str, Kind]
    modifiers: dict[str, str]
    modifier_heads: dict[str, set[str]]
    peoples: frozenset[str]
    adjective_endings: tuple[str, ...]
    skip: frozenset[str]
    blockers: frozenset[str]
    units: tuple[str, ...]
    function: frozenset[str]
    transparent: frozenset[str]
    lives: frozenset[str]
    count_heads: frozenset[str]
    person_endings: tuple[str, ...]
    kind_noun_re: re.Pattern[str]  # any kind noun, for rules that look for one in a clause


_PLAIN = re.compile(r"[A-Za-z'-]+(?:\\s\+[A-Za-z'-]+)*")


def _plain(entries: list[str]) -> list[list[str]]:
    """The entries of a word list that are plain words (not patterns), split into words."""
    return [e.split(r"\s+") for e in entries if _PLAIN.fullmatch(e)]


def _build(lex: Lexicon) -> Words:
    subj, figs = lex["subjects"], lex["figures"]
    head_kinds: dict[str, Kind] = {}
    modifier_kinds: dict[str, Kind] = {}
    heads = {k.lower(): v for k, v in subj["heads"].items()}
    for name, data in figs["kinds"].items():
        for *first, last in _plain(data.get("nouns", [])):
            # "displacement movements": the last word is the head, the ones before modify it
            head_kinds.setdefault(last.lower(), Kind(name))
            heads.setdefault(last.lower(), "people")
            for word in first:
                modifier_kinds.setdefault(word.lower(), Kind(name))
        for *_first, last in _plain(data.get("modifiers", [])):
            modifier_kinds.setdefault(last.lower(), Kind(name))
    nouns = sorted({n for d in figs["kinds"].values() for n in d.get("nouns", [])}, key=len,
                   reverse=True)
    return Words(
        heads=heads, head_kinds=head_kinds, modifier_kinds=modifier_kinds,
        modifiers={k.lower(): v for k, v in subj["modifiers"].items()},
        modifier_heads={k: set(v) for k, v in subj["modifier_heads"].items()},
        peoples=frozenset(n.lower() for n in subj["peoples"]["names"]),
        adjective_endings=tuple(subj["peoples"]["adjective_endings"]),
        skip=frozenset(w.lower() for w in subj["skip"]["words"]),
        blockers=frozenset(subj["blockers"]["nouns"]),
        units=tuple(subj["blockers"]["units"]),
        function=frozenset(subj["function"]["words"]),
        transparent=frozenset(figs["transparent"]["nouns"]),
        lives=frozenset(figs["kinds"]["killed"].get("lives", [])),
        count_heads=frozenset(figs["counts"]["heads"]),
        person_endings=tuple(subj["person_nouns"]["endings"]),
        kind_noun_re=re.compile(word_start(nouns) + r"\b"),
    )  # fmt: skip


def words(lex: Lexicon) -> Words:
    """The phrase words of a lexicon, built once."""
    return lex.derived("phrase", _build)


_TOKEN = re.compile(r"[ \t]*(?:(?P<w>[^\W\d_][\w'’.-]*[\w]|[^\W\d_])|(?P<p>[%(]))")
_DETERMINERS = frozenset(["the", "its", "their", "his", "her", "these", "those", "our", "an", "a"])
_NUMBERISH = re.compile(r"[ \t]*\d[\d,.]*")


def read_phrase(lex: Lexicon, text: str, pos: int, stop: int, vague: bool = False,
                people: bool = False) -> Phrase:
    """The noun phrase of the figure ending at pos, read up to stop (six words at most).
    `people`: a verb done to people stands before the figure ("killed 10 villagers"), so a
    plural noun shaped like one for people, though not in the lexicon, names them."""
    w = words(lex)
    start = pos
    partitive = False
    m = _TOKEN.match(text, pos, stop)
    if m and m.group("w") and m.group("w").lower() == "of":
        pos = m.end()
        if not vague:  # "326 of the deaths", "874 of its personnel": a part of a whole
            partitive = True
            pos = _skip_determiners(text, pos, stop)
            number = _NUMBERISH.match(text, pos, stop)
            pos = number.end() if number else pos
    return _walk(w, text, start, pos, stop, partitive, people)


def _skip_determiners(text: str, pos: int, stop: int) -> int:
    while (m := _TOKEN.match(text, pos, stop)) and m.group("w") and (
        m.group("w").lower() in _DETERMINERS
    ):
        pos = m.end()
    return pos


def _walk(w: Words, text: str, start: int, pos: int, stop: int, partitive: bool,
          people: bool = False) -> Phrase:
    head: str | None = None
    subject: str | None = None
    kind: Kind | None = None
    modifier: str | None = None
    end = start
    count = 0
    while count < 6 and (m := _TOKEN.match(text, pos, stop)):
        if m.group("p"):
            if head is None and m.group("p") == "%":
                return Phrase(m.end(), blocked=True)
            break
        raw = m.group("w")
        word = raw.lower().rstrip(".")
        count += 1
        if count == 1 and word in _DETERMINERS and head is None and not partitive:
            return Phrase(start, detached=True, words=count)
        if word in w.count_heads and head is None:  # "the 600,000 estimate", "a 513 toll"
            return Phrase(m.end(), count_noun=True, words=count)
        if word in w.blockers or word.startswith(w.units):
            if head is not None:
                break
            return Phrase(m.end(), blocked=True, words=count)
        if word in w.heads or word in w.peoples or _people_plural(w, raw, text, m.end(), stop) \
                or (people and raw.islower() and word.endswith(w.person_endings)):
            named = w.heads.get(word, "people")
            # "civilian deaths", "refugee children": the more specific of two heads names who
            subject = subject if named == "people" and subject not in (None, "people") else named
            head, end = word, m.end()
            kind = w.head_kinds.get(word, kind)
            pos = m.end()
            continue
        if head is not None:
            if word == "and":  # "women and children", "rebels and jihadists"
                other = _TOKEN.match(text, m.end(), stop)
                o = other.group("w").lower() if other and other.group("w") else ""
                if o in w.heads and w.heads[o] != "people":
                    subject = common(subject or "people", w.heads[o]) or subject
                    end = pos = other.end() if other else pos
                    continue
            break
        if word in w.modifier_kinds:
            kind, pos = w.modifier_kinds[word], m.end()
            continue
        if word in w.modifiers:
            modifier, pos = w.modifiers[word], m.end()
            continue
        if word in w.transparent and (of := _TOKEN.match(text, m.end(), stop)) and (
            of.group("w") or ""
        ).lower() == "of":  # "9,606 names of people killed"
            pos = of.end()
            continue
        if raw.islower() and word.endswith(("ing", "ed")) and not _before_head(w, text, m.end(),
                                                                                stop):
            break  # "5,000 facing famine", "300 fleeing": a verb, so the figure has no noun
        if word in w.skip or _is_adjective(w, raw):
            pos = m.end()
            continue
        if word in w.function or word == "of" or (raw.islower() and word.endswith("ly")):
            break  # "16 earlier", "330 overnight", "12 mostly women": no noun of the figure's
        return Phrase(m.end(), blocked=True, words=count)  # "two leaders", "three rockets"
    if head is None:
        return Phrase(start, kind=kind, partitive=partitive, words=count,
                      subject=modifier if kind is not None else None)
    if modifier and ("*" in w.modifier_heads.get(modifier, set())
                     or head in w.modifier_heads.get(modifier, set())):
        subject = modifier
    of = _TOKEN.match(text, end, stop)
    if subject == "people" and of and (of.group("w") or "").lower() in ("of", "among"):
        # "26 bodies of women and children", "victims of direct killings", "2,300 deaths
        # among civilians": who, or what kind
        inner = _walk(w, text, of.end(), _skip_determiners(text, of.end(), stop), stop, False)
        if not inner.blocked and (inner.head or inner.kind):
            subject = inner.subject or subject
            kind = kind or inner.kind
            end = max(end, inner.end)
    return Phrase(end, head, subject, kind, partitive=partitive, lives=head in w.lives,
                  words=count)


def _before_head(w: Words, text: str, pos: int, stop: int) -> bool:
    """True when a head noun follows within two words: "armed men", "newly displaced people"."""
    for _ in range(2):
        m = _TOKEN.match(text, pos, stop)
        if not m or not m.group("w"):
            return False
        word = m.group("w").lower()
        if word in w.heads or word in w.peoples:
            return True
        pos = m.end()
    return False


def _people_plural(w: Words, raw: str, text: str, end: int, stop: int) -> bool:
    """A capitalised plural naming a people ("Yemenis", "Iraqis", "Kurds"), not an adjective
    of the noun after it ("Syrian Army soldiers")."""
    if not (raw[:1].isupper() and raw[1:2].islower() and raw.endswith("s") and len(raw) > 3):
        return False
    nxt = _TOKEN.match(text, end, stop)
    following = (nxt.group("w") or "").lower() if nxt else ""
    return following not in w.heads and following not in w.modifier_kinds


def _is_adjective(w: Words, raw: str) -> bool:
    """Loose: words that may stand between a figure and its noun ("Syrian", "armed")."""
    lower = raw.lower()
    return raw[:1].isupper() or lower.endswith(
        ("ed", "al", "ive", "ful", "ary", "ous", "-led", "-backed", "-born", "-old")
    ) or lower.endswith(w.adjective_endings) and raw[:1].isupper()
