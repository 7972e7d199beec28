"""The attribution lexicon (claims/data/lexicon/en/attribution.toml), compiled once per lexicon:
word sets, the cue pattern, and the nationality table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claims.lexicon import Lexicon

_WORD_END = r"(?![\w’'-])"
# What str.split() leaves around a word: punctuation before ("“according") and after ("said,").
_LEADS = ("", "“", '"', "(", "‘", "'")
_TAILS = ("", ",", ".", ":", ";", "”", '"', "’", "'", ")", ",”", '."', ".”", ',"', "),", ").")
def _lower(items: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in items)


@dataclass(frozen=True)
class State:
    """The nationality table: words for countries, and the names of a state's bodies."""

    country_of: dict[str, str]  # "Ethiopian", "Ethiopia", "Myanmar's" -> "Ethiopia"
    adjective: dict[str, str]  # "Ethiopia" -> "Ethiopian" (the first word listed)
    government_nouns: frozenset[str]
    military_nouns: frozenset[str]
    intelligence_nouns: frozenset[str]
    portfolios: dict[str, str]
    names: dict[str, str]  # "government", "military", "ministry", "intelligence", "place"
    with_the: frozenset[str]
    governments: dict[str, str]

    def country(self, word: str) -> str | None:
        """The country a word names ("Azeri", "Armenia’s"), or None."""
        plain = word[:-2] if word.endswith(("’s", "'s")) else word
        return self.country_of.get(plain)

    def government(self, country: str) -> str:
        """The canonical government of a country: "Government of Ethiopia"."""
        if country in self.governments:
            return self.governments[country]
        named = f"the {country}" if country in self.with_the else country
        return self.names["government"].format(country=named)

    def body(self, kind: str, country: str, portfolio: str = "") -> str:
        """The canonical name of a state body: "Azerbaijani Ministry of Defence"."""
        adjective = self.governments.get(country) or self.adjective[country]
        return self.names[kind].format(adjective=adjective, country=country, portfolio=portfolio)


@dataclass(frozen=True)
class Words:
    """Everything attribution reads from the lexicon, as sets and compiled patterns."""

    cues: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]  # by first word, lower case
    cue_words: frozenset[str]  # the first word of every cue
    speech_words: frozenset[str]  # the same but "by": words a closing "X said." may hold
    spaced: dict[str, str]  # each cue word as str.split() gives it ("said," "said.") -> "said"
    spaced_words: frozenset[str]  # spaced's keys
    spaced_speech: frozenset[str]  # the keys for speech_words
    possessive: re.Pattern[str]
    listener: frozenset[str]
    reporters: frozenset[str]
    weak: frozenset[str]
    acts: frozenset[str]
    plural_only: frozenset[str]
    auxiliaries: frozenset[str]
    asides: frozenset[str]
    time: frozenset[str]
    documents: frozenset[str]
    bodies: frozenset[str]
    vague: frozenset[str]
    anonymous: frozenset[str]
    local: frozenset[str]
    organisation_heads: frozenset[str]
    stops: frozenset[str]
    determiners: frozenset[str]
    principal: frozenset[str]
    roles: frozenset[str]
    titles: frozenset[str]
    place_before: frozenset[str]
    pronouns: dict[str, str]  # "he" -> "person", "it" -> "body", "we" -> "speaker"
    relatives: frozenset[str]
    anaphora: dict[str, frozenset[str]]
    state: State
    months: frozenset[str]


def build(lex: Lexicon) -> Words:
    """Compile the attribution section of a lexicon."""
    a, cal = lex["attribution"], lex["calendar"]
    verbs, phrases, nouns, people = a["verbs"], a["phrases"], a["nouns"], a["people"]
    months = _lower([*cal["months"], *cal["month_abbreviations"]])
    pronouns = {w: "person" for w in people["person_pronouns"]}
    pronouns |= {w: "body" for w in people["body_pronouns"]}
    pronouns |= {w: "plural" for w in people["plural_pronouns"]}
    pronouns |= {w: "speaker" for w in people["first_person"]}
    return Words(
        cues=(cues := _cue_patterns(verbs["speech"], phrases)),
        cue_words=frozenset(cues),
        speech_words=frozenset(cues) - _lower(phrases["passive"]),
        spaced=(spaced := {f"{lead}{word}{tail}": word
                           for word in cues for lead in _LEADS for tail in _TAILS}),
        spaced_words=frozenset(spaced),
        spaced_speech=frozenset(k for k, v in spaced.items() if v not in phrases["passive"]),
        possessive=_possessive_pattern(nouns["documents"]),
        listener=_lower(verbs["listener"]),
        reporters=_lower(phrases["reporters"]),
        weak=_lower(verbs["weak"]),
        acts=_lower(verbs["acts"]),
        plural_only=_lower(verbs["plural_only"]),
        auxiliaries=_lower(verbs["auxiliaries"] + verbs["asides"]),
        asides=_lower(verbs["asides"]),
        time=_lower(verbs["time"]) | _lower([*cal["weekdays"]]) | months,
        documents=_lower(nouns["documents"]),
        bodies=_lower(nouns["bodies"]),
        vague=_lower(nouns["vague"]),
        anonymous=_lower(nouns["anonymous"]),
        local=_lower(nouns["local"]),
        organisation_heads=frozenset(nouns["organisation_heads"]),
        stops=_lower(nouns["stops"]),
        determiners=_lower(nouns["determiners"]),
        principal=_lower(people["principal"]),
        roles=_lower(people["roles"]),
        titles=frozenset(people["titles"]),
        place_before=_lower(people["place_before"]),
        pronouns=pronouns,
        relatives=_lower(people["relatives"]),
        anaphora={k: _lower(v) for k, v in a["anaphora"].items()},
        state=_state(a),
        months=months,
    )


def _cue_patterns(
    speech: list[str], phrases: dict[str, Any]
) -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The cues by their first word, each a small pattern matched where the word is written:
    "according" -> "according to", "put" -> "put the (death) toll at", "said" -> "said"."""
    toll_nouns = "|".join(phrases["toll_nouns"])
    table: dict[str, list[tuple[str, str]]] = {}
    kinds = [
        ("according", phrases["according"]),
        ("citing", phrases["citing"]),
        ("toll", [rf"{v} the (?:[\w-]+ ){{0,2}}?(?:{toll_nouns})(?: (?:at|in|to))?"
                  for v in phrases["toll_phrases"]]),
        ("verb", speech),
        ("by", phrases["passive"]),
    ]  # fmt: skip
    for kind, alternatives in kinds:
        for alt in alternatives:
            first = alt.split(" ")[0].lower()
            table.setdefault(first, []).append((kind, alt.replace(" ", r"\s+")))
    return {
        first: tuple((kind, re.compile(rf"(?i:{alt}){_WORD_END}")) for kind, alt in alts)
        for first, alts in table.items()
    }


def _possessive_pattern(documents: list[str]) -> re.Pattern[str]:
    """ "X’s 600,000 estimate": a possessive, up to three words, then what a body publishes."""
    nouns = "|".join(sorted(documents, key=len, reverse=True))
    return re.compile(rf"[’']s\s+((?:[\w,.-]+\s+){{0,3}}?)(?:{nouns}){_WORD_END}", re.I)


def _state(a: dict[str, Any]) -> State:
    st = a["state"]
    country_of: dict[str, str] = {}
    adjective: dict[str, str] = {}
    for country, written in a["countries"].items():
        adjective[country] = written[0]
        for word in [country, *written]:
            country_of.setdefault(word, country)
    names = {k[: -len("_name")]: v for k, v in st.items() if k.endswith("_name")}
    return State(
        country_of=country_of,
        adjective=adjective,
        government_nouns=_lower(st["government_nouns"]),
        military_nouns=_lower(st["military_nouns"]),
        intelligence_nouns=_lower(st["intelligence_nouns"]),
        portfolios={k.lower(): v for k, v in st["portfolios"].items()},
        names=names,
        with_the=frozenset(st["with_the"]["countries"]),
        governments=dict(st["governments"]),
    )


def words(lex: Lexicon) -> Words:
    """The attribution words of a lexicon, compiled once."""
    return lex.derived("attribution.words", build)


__all__ = ["State", "Words", "words"]
