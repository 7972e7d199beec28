"""The noun after a figure: who was counted ("29 regime fighters"), or what blocks a claim."""

from __future__ import annotations

import re

# Head nouns naming who was counted, mapped to the subject vocabulary of claims.subjects.
HEADS: dict[str, str] = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "residents": "people", "inhabitants": "people", "syrians": "people", "yemenis": "people",
    "iraqis": "people", "ukrainians": "people", "palestinians": "people", "afghans": "people",
    "sudanese": "people", "lives": "people", "victims": "people",
    "refugees": "people", "returnees": "people",
    "civilians": "civilians", "civilian": "civilians", "non-combatants": "civilians",
    "children": "children", "child": "children", "minors": "children", "kids": "children",
    "babies": "children", "infants": "children", "boys": "children", "girls": "children",
    "women": "women", "men": "men", "journalists": "journalists", "doctors": "medical workers",
    "medics": "medical workers", "nurses": "medical workers", "paramedics": "medical workers",
    "fighters": "fighters", "combatants": "fighters", "gunmen": "fighters",
    "soldiers": "soldiers", "servicemen": "soldiers", "militants": "militants",
    "rebels": "rebels", "insurgents": "rebels", "jihadists": "jihadists",
    "extremists": "jihadists", "families": "families",
    "households": "families", "workers": "people",
}  # fmt: skip
# Modifiers that say whose fighters: "regime fighters", "rebel fighters", "jihadist fighters".
_SIDE = {"regime": "regime fighters", "pro-regime": "regime fighters", "government":
         "regime fighters", "pro-government": "regime fighters", "army": "regime fighters",
         "loyalist": "regime fighters", "rebel": "rebels", "opposition": "opposition fighters",
         "jihadist": "jihadists", "islamist": "jihadists", "aid": "aid workers",
         "medical": "medical workers", "health": "medical workers",
         "humanitarian": "aid workers"}  # fmt: skip
_FIGHTERS = {"fighters", "soldiers", "combatants", "militants", "workers"}
# Nouns that make a figure something other than a count of people.
BLOCKERS = frozenset(
    [
        "troops",
        "hospitals",
        "schools",
        "buildings",
        "homes",
        "houses",
        "villages",
        "towns",
        "cities",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "percent",
        "per",
        "cent",
        "%",
        "times",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "minutes",
        "seconds",
        "am",
        "pm",
        "rockets",
        "missiles",
        "shells",
        "bombs",
        "strikes",
        "airstrikes",
        "raids",
        "tanks",
        "planes",
        "jets",
        "helicopters",
        "trucks",
        "vehicles",
        "tonnes",
        "tons",
        "dollars",
        "euros",
        "pounds",
        "usd",
        "hectares",
        "acres",
        "votes",
        "seats",
        "points",
        "positions",
        "checkpoints",
        "sites",
        "facilities",
        "markets",
        "mosques",
        "centres",
        "centers",
        "bakeries",
        "camps",
        "units",
        "brigades",
        "battalions",
        "divisions",
        "countries",
        "provinces",
        "districts",
        "neighbourhoods",
        "neighborhoods",
        "kilograms",
        "kg",
        "floors",
        "rounds",
        "sorties",
        "attacks",
        "incidents",
        "cases",
        "projects",
        "meetings",
        "talks",
        "rounds",
        "pages",
        "copies",
        "words",
    ]
)
_TOKEN = re.compile(r"(?:\s*|-)(?:of\s+)?([A-Za-z%][\w'-]*|%)")
_AND_MORE = re.compile(r"\s+and\s+(rebels|jihadists|insurgents|militants)\b", re.I)
_SKIP = frozenset(["the", "a", "an", "other", "more", "additional", "further", "some"])
# Words that may follow a bare figure ("5,000 have fled", "hundreds and", "71, according"); any
# other word there names what was counted ("two leaders", "three rockets"): not people.
_FUNCTION = frozenset(
    [
        "have",
        "has",
        "had",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "being",
        "to",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "during",
        "since",
        "across",
        "over",
        "who",
        "which",
        "that",
        "as",
        "than",
        "while",
        "with",
        "after",
        "before",
        "this",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "they",
        "we",
        "all",
        "more",
        "others",
        "each",
        "dead",
        "injured",
        "wounded",
        "killed",
        "died",
        "fled",
        "displaced",
        "returned",
        "missing",
        "detained",
        "arrested",
        "uprooted",
        "more",
        "now",
    ]
)


def noun_after(text: str, pos: int, stop: int) -> tuple[str | None, bool, int]:
    """(subject, blocked, end) of the noun phrase starting at text[pos:]; looks three words on."""
    modifier = None
    for _ in range(4):
        m = _TOKEN.match(text, pos, stop)
        if not m:
            break
        word = m.group(1).lower()
        if word in BLOCKERS or word.rstrip("s") in {"km", "mile", "kilometre", "year", "day"}:
            return None, True, m.end()
        if word in HEADS:
            return _head(text, word, modifier, m.end(), stop)
        if word in _SIDE:
            modifier = word
        elif word in _FUNCTION or (word not in _SKIP and not _is_adjective(m.group(1))):
            # a capitalised "Killed" in a headline is a verb, not an adjective of the noun
            return None, word not in _FUNCTION and not word.isdigit(), pos
        pos = m.end()
    return None, False, pos


def _head(text: str, word: str, modifier: str | None, end: int, stop: int) -> tuple[str, bool, int]:
    subject = HEADS[word]
    if (
        modifier
        and (word in _FIGHTERS or HEADS[word] == "fighters")
        and (word == "workers") == _SIDE[modifier].endswith("workers")
    ):
        subject = _SIDE[modifier]
    more = _AND_MORE.match(text, end, stop)
    if subject in ("rebels", "jihadists") and more:
        other = HEADS[more.group(1).lower()]
        return ("opposition fighters" if other != subject else subject), False, more.end()
    return subject, False, end


def _is_adjective(word: str) -> bool:
    """Loose: words that may stand between a figure and its noun ("Syrian", "displaced")."""
    return word[:1].isupper() or word.endswith(("ian", "ese", "ish", "ed", "al", "ive", "ful"))
