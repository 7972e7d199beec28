"""Trigger words: what makes a figure a count of the killed, the displaced, the residents..."""

from __future__ import annotations

import re

from claims.model import Kind

# Words before a figure that make it a count of that kind: "killed at least four",
# "the killing of more than 900", "home to around 3 million", "death toll ... of 71".
_PRE: dict[Kind, str] = {
    Kind.killed: r"kill(?:ed|s|ing(?:\s+of)?)|(?:deaths?|slaughter|massacre)\s+of"
    r"|claimed the lives of"
    r"|(?:death|casualty)\s+toll\b[^.;\n]{0,40}?\b(?:of|at|to|reached|is|was|hit)",
    Kind.injured: r"(?:injur|wound)(?:ed|es|s|ing(?:\s+of)?)|injury\s+of",
    Kind.displaced: r"displac(?:ed|es|ing|ement\s+of)|uproot(?:ed|ing(?:\s+of)?)|exodus\s+of",
    Kind.returned: r"return\s+of|(?:saw|sees)\s+the\s+return\s+of",
    Kind.population: r"home\s+to|host(?:s|ed|ing)?|population\s+of|inhabited\s+by",
    Kind.detained: r"detain(?:ed|ing)|arrest(?:ed|ing)|detention\s+of|arrest\s+of",
    Kind.missing: r"missing\s+persons?\s+of",
}
# Words after a figure and its noun: "were killed", "have died", "dead", "could be forced to flee".
_POST: dict[Kind, str] = {
    Kind.killed: r"killed|dead|died|die|dies|perished|slain|lost\s+their\s+lives|were\s+massacred",
    Kind.injured: r"injured|wounded|hurt",
    Kind.displaced: r"displaced|uprooted|fled|flee|fleeing|forced\s+(?:from|out\s+of)\s+their"
    r"|left\s+their\s+homes|out\s+of\s+their\s+homes|evacuated|made\s+homeless",
    Kind.returned: r"returned|return(?:ing)?\s+(?:home|to)|went\s+back|have\s+come\s+back",
    Kind.detained: r"detained|arrested|taken\s+prisoner|imprisoned|abducted",
    Kind.missing: r"missing|disappeared",
}


def _alternation(table: dict[Kind, str]) -> str:
    return "|".join(f"(?P<{kind.value}>{pattern})" for kind, pattern in table.items())


PRE = re.compile(rf"\b(?:{_alternation(_PRE)})[\s,:]*(?:(?:the|a|an|some|of)\s+)?$", re.I)
POST = re.compile(rf"\b(?:{_alternation(_POST)})\b", re.I)
# Any trigger stem at all: a sentence without one holds no figure claim (a cheap prefilter; it
# must match wherever PRE, POST or NOUN_KIND would). Literal-first alternatives, lower case and
# capitalised, let the regex engine skip ahead in C; word starts are checked in has_trigger.
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
ANY = re.compile("|".join(f"{w}|{w.capitalize()}" for w in _STEMS) + "|DEAD|KILLED")


def has_trigger(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a word starting like a trigger."""
    for m in ANY.finditer(text, start, end):
        if m.start() == 0 or not text[m.start() - 1].isalnum():
            return True
    return False


# Nouns that carry their kind: "71 dead", "5,000 refugees", "most of its 140,000 residents".
NOUN_KIND = {"dead": Kind.killed, "deaths": Kind.killed, "fatalities": Kind.killed,
             "refugees": Kind.displaced, "injured": Kind.injured, "wounded": Kind.injured,
             "returnees": Kind.returned, "inhabitants": Kind.population}  # fmt: skip
# "most of its 140,000 residents flee": the figure is the whole population, not the share that fled
SHARE_OF = re.compile(
    r"\b(?:most|half|many|all|some|part|a\s+third|a\s+quarter)\s+of\s+(?:its|their|the)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
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
