"""Trigger words: what makes a figure a count of the killed, the displaced, the residents..."""

from __future__ import annotations

import re

from claims.extract.rx import word_start
from claims.model import Kind

# Words before a figure that make it a count of that kind: "killed at least four",
# "the killing of more than 900", "home to around 3 million", "death toll ... of 71".
# Each alternative starts with a plain letter (see claims.extract.rx).
_PRE: dict[Kind, list[str]] = {
    Kind.killed: [
        r"kill(?:ed|s|ing(?:\s+of)?)",
        r"deaths?\s+of",
        r"slaughter\s+of",
        r"massacre\s+of",
        r"claimed the lives of",
        r"death\s+toll\b[^.;\n]{0,40}?\b(?:of|at|to|reached|is|was|hit)",
        r"casualty\s+toll\b[^.;\n]{0,40}?\b(?:of|at|to|reached|is|was|hit)",
    ],
    Kind.injured: [
        r"injur(?:ed|es|s|ing(?:\s+of)?)",
        r"wound(?:ed|es|s|ing(?:\s+of)?)",
        r"injury\s+of",
    ],
    Kind.displaced: [
        r"displac(?:ed|es|ing|ement\s+of)",
        r"uproot(?:ed|ing(?:\s+of)?)",
        r"exodus\s+of",
    ],
    Kind.returned: [r"return\s+of", r"saw\s+the\s+return\s+of", r"sees\s+the\s+return\s+of"],
    Kind.population: [r"home\s+to", r"host(?:s|ed|ing)?", r"population\s+of", r"inhabited\s+by"],
    Kind.detained: [r"detain(?:ed|ing)", r"arrest(?:ed|ing)", r"detention\s+of", r"arrest\s+of"],
    Kind.missing: [r"missing\s+persons?\s+of"],
}
# Words after a figure and its noun: "were killed", "have died", "dead", "could be forced to flee".
_POST: dict[Kind, list[str]] = {
    Kind.killed: ["killed", "dead", "died", "die", "dies", "perished", "slain",
                  r"lost\s+their\s+lives", r"were\s+massacred"],
    Kind.injured: ["injured", "wounded", "hurt"],
    Kind.displaced: ["displaced", "uprooted", "fled", "flee", "fleeing",
                     r"forced\s+(?:from|out\s+of)\s+their", r"left\s+their\s+homes",
                     r"out\s+of\s+their\s+homes", "evacuated", r"made\s+homeless"],
    Kind.returned: ["returned", r"return(?:ing)?\s+(?:home|to)", r"went\s+back",
                    r"have\s+come\s+back"],
    Kind.detained: ["detained", "arrested", r"taken\s+prisoner", "imprisoned", "abducted"],
    Kind.missing: ["missing", "disappeared"],
}  # fmt: skip


PRE = re.compile(
    word_start({kind.value: alts for kind, alts in _PRE.items()})
    + r"(?i:[\s,:]*(?:(?:the|a|an|some|of)\s+)?$)"
)
POST = re.compile(word_start({kind.value: alts for kind, alts in _POST.items()}) + r"\b")
# Any trigger stem at all: a sentence without one holds no figure claim (a cheap prefilter; it
# must match wherever PRE, POST or NOUN_KIND would). Literal-first alternatives, lower case and
# capitalised, let the regex engine skip ahead in C; _any_patterns checks word starts.
_STEMS = [
    "kill",
    "dead",
    "deat",
    "died",
    "dies",
    "die",
    "perish",
    "slain",
    "lost",
    "massacre",
    "slaughter",
    "claimed",
    "fatalit",
    "injur",
    "wound",
    "hurt",
    "displac",
    "uproot",
    "fled",
    "flee",
    "forced",
    "left",
    "out",
    "evacuat",
    "made",
    "exodus",
    "return",
    "went",
    "have",
    "see",
    "saw",
    "home",
    "host",
    "population",
    "inhabit",
    "resident",
    "refugee",
    "toll",
    "detain",
    "detention",
    "arrest",
    "prisoner",
    "imprison",
    "abduct",
    "missing",
    "disappear",
    "casualty",
]


def _any_patterns(words: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Trigger stems at a word start, grouped by first letter so the engine skips ahead in C.

    ANY: the literal first letter comes first (that is what lets the engine skip); then
    `(?<![^\\W_].)` checks the character before it is not a letter or digit (str.isalnum's
    test). The second pattern reads that character instead, as a class (non-word or "_") rarer
    than the stems' first letters: it finds every stem but one at the very start of the range.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    at = "|".join(rf"{first}(?<![^\W_].)(?:{'|'.join(rest)})" for first, rest in groups.items())
    after = "|".join(rf"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(at), re.compile(rf"[\W_](?:{after})")


ANY, _ANY_AFTER = _any_patterns(
    [w for s in _STEMS for w in (s, s.capitalize())] + ["DEAD", "KILLED"]
)


def has_trigger(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a word starting like a trigger."""
    if ANY.match(text, start, end):
        return True
    return _ANY_AFTER.search(text, start, end) is not None


# Nouns that carry their kind: "71 dead", "5,000 refugees", "most of its 140,000 residents".
NOUN_KIND = {"dead": Kind.killed, "deaths": Kind.killed, "fatalities": Kind.killed,
             "refugees": Kind.displaced, "injured": Kind.injured, "wounded": Kind.injured,
             "returnees": Kind.returned, "inhabitants": Kind.population}  # fmt: skip
# "most of its 140,000 residents flee": the figure is the whole population, not the share that fled
SHARE_OF = re.compile(
    word_start(["most", "half", "many", "all", "some", "part", r"a\s+third", r"a\s+quarter"])
    + r"(?i:\s+of\s+(?:its|their|the)\s+(?:\w+\s+){0,2}$)"
)


def kind_of(match: re.Match[str]) -> Kind:
    """The kind a PRE or POST match names."""
    return Kind(match.lastgroup or "killed")


def pre_trigger(window: str) -> re.Match[str] | None:
    """A trigger ending just before a figure: "killed", "displacement of", "home to"."""
    return PRE.search(window)


def post_trigger(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first trigger after a figure within text[start:end]."""
    return POST.search(text, start, end)
