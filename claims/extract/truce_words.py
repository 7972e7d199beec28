"""The ceasefire section of the lexicon as compiled patterns, built once per lexicon.

Every alternation is written with claims.extract.rx.word_start, so the engine skips ahead to the
candidate first letters instead of trying each position of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.rx import word_start
from claims.lexicon import Lexicon


@dataclass(frozen=True)
class TruceWords:
    """The compiled ceasefire patterns of one lexicon."""

    trigger: re.Pattern[str]  # a truce named as such
    scan: re.Pattern[str]  # event verbs, attacks, statements, "about to", "from": one pass
    breach: re.Pattern[str]  # the verbs of a breach, looked for in a sentence without a date
    verb: re.Pattern[str]  # group announced / starts / broken / resumed
    attack: re.Pattern[str]
    contrast: re.Pattern[str]  # "However," opening a sentence
    anaphor: re.Pattern[str]  # "It" / "the deal" as a subject, right before its verb
    opening: re.Pattern[str]  # "It", "However": a sentence opening that may refer back
    cue: re.Pattern[str]  # ... or words anywhere: without either a sentence refers to no truce
    announcement: re.Pattern[str]  # "announcement", "accord" after a possessive date
    delay: re.Pattern[str]  # "the delay until", right before a date
    statement: re.Pattern[str]  # "a statement released"
    made: re.Pattern[str]  # right after a truce word: " agreement"
    made_in: re.Pattern[str]  # ... " in Pretoria"
    definite: re.Pattern[str]  # "the " right before a truce word
    verbal: re.Pattern[str]  # a truce word that is a verb ("cease hostilities")
    intent: re.Pattern[str]  # "would " right before one
    agent: re.Pattern[str]  # " by " right after a participle
    article_object: re.Pattern[str]  # " a military operation": a verb's object
    joining: re.Pattern[str]  # between two dates of one event: " and ", ", "
    broken_noun: re.Pattern[str]  # "a breach of the": before a truce word
    starts_marker: re.Pattern[str]  # "from", "as of": right before a date
    dating: re.Pattern[str]  # the words (besides verbs) that let a date date a truce
    prospective: re.Pattern[str]  # "about to", "expected to" (30 characters or less before a verb)
    detach: re.Pattern[str]  # "since", "following": what follows dates something else
    subordinate: re.Pattern[str]  # "since the ceasefire ...": before the truce, a background clause
    relative: re.Pattern[str]  # "who have violated": before the verb
    hypothetical: re.Pattern[str]  # "could be broken": before the verb
    auxiliaries: frozenset[str]
    particles: frozenset[str]
    stops: frozenset[str]
    noun_before: frozenset[str]
    noun_forms: frozenset[str]
    over: re.Pattern[str]  # "declared the truce over": right after the truce


_TAIL = r"(?:\s+[\w-]+){0,2}[\s\"“”']*$"  # up to two words and any quote marks, then the word


def _plain(items: list[str]) -> str:
    """A short alternation of words as written (for words that are not only letters: "&")."""
    return "(?:" + "|".join(re.escape(x) for x in items) + ")"


def _words(items: list[str]) -> str:
    return word_start(items) + r"(?![\w-])"


def build(lex: Lexicon) -> TruceWords:
    """The ceasefire patterns of a lexicon (its section `ceasefire`)."""
    cf = lex["ceasefire"]
    events = {name: list(cf["events"][name]) for name in ("announced", "starts", "broken")}
    events["resumed"] = list(cf["resumption"]["verbs"])
    marker, ana = cf["markers"], cf["anaphora"]
    tail = r"(?:\s+(?:on|at|in|the))*\s*$"
    said = r"\s+(?:was\s+|were\s+)?(?:" + "|".join(cf["statements"]["verbs"]) + r")\b"
    said_words = (list(cf["statements"]["nouns"]), said)
    dating = [m for m in [*marker["starts"], *ana["delay"]] if not re.match(r"start|begin", m)]
    scan = {**events, "attack": list(cf["attacks"]["verbs"]), "statement": [said_words],
            "prospective": list(marker["prospective"]), "dating": dating}
    return TruceWords(
        trigger=re.compile(_words(cf["triggers"]["words"])),
        scan=re.compile(word_start(scan) + r"(?![\w-])"),
        breach=re.compile(_words(events["broken"])),
        verb=re.compile(word_start(events) + r"(?![\w-])"),
        attack=re.compile(_words(cf["attacks"]["verbs"])),
        contrast=re.compile(r"\s*" + _words(cf["attacks"]["contrast"]) + r"\s*,?"),
        anaphor=re.compile(
            r"\s*" + _words(cf["anaphora"]["subjects"]) + r"(?:\s+[a-z]+){0,3}\s+$"
        ),
        opening=re.compile(r"\s*" + _words([*ana["subjects"], *cf["attacks"]["contrast"]])),
        cue=re.compile(word_start([*ana["announcement_nouns"], *ana["delay"]])),
        announcement=re.compile(
            r"\s+(?:[\w-]+\s+){0,2}?" + _words(cf["anaphora"]["announcement_nouns"])
        ),
        delay=re.compile(word_start(cf["anaphora"]["delay"]) + tail),
        statement=re.compile(word_start([(list(cf["statements"]["nouns"]), said)])),
        broken_noun=re.compile(_words(cf["mentions"]["broken_nouns"]) + r"\s+(?:of|to)\s+"
                               r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$"),
        made=re.compile(r"\s+" + _words(cf["mentions"]["after"])),
        made_in=re.compile(r"\s+" + _words(cf["mentions"]["place"])
                           + r"\s+[A-Z][\w-]+(?:\s+" + _plain(marker["joining"])
                           + r"\s+[A-Z][\w-]+)?\b"),
        definite=re.compile(_words(cf["mentions"]["definite"]) + r"\s+$"),
        verbal=re.compile(word_start(cf["triggers"]["verbal"])),
        intent=re.compile(_words(cf["triggers"]["intent"]) + r"\s+$"),
        agent=re.compile(r"\s+" + _words(marker["agent"])),
        article_object=re.compile(r"\s+" + _words(marker["articles"])
                                  + r"\s+(?:[\w-]+\s+){0,3}[\w-]+"),
        joining=re.compile(r",?\s+" + _plain(marker["joining"]) + r"\s+(?:on\s+)?|,\s+"),
        starts_marker=re.compile(word_start(marker["starts"]) + tail),
        dating=re.compile(word_start([*marker["starts"], *ana["delay"]]) + r"|['’]s\b"),
        prospective=re.compile(_words(marker["prospective"])),
        detach=re.compile(word_start(marker["detach"]) + r"\s"),
        subordinate=re.compile(_words(marker["subordinate"]) + _TAIL),
        relative=re.compile(_words(marker["relative"]) + _TAIL),
        hypothetical=re.compile(_words(marker["hypothetical"]) + _TAIL),
        auxiliaries=frozenset(marker["auxiliaries"]),
        particles=frozenset(marker["particles"]),
        stops=frozenset(marker["stops"]),
        noun_before=frozenset(marker["noun_before"]),
        noun_forms=frozenset(marker["noun_forms"]),
        over=re.compile(r"\s+" + _words(marker["over"])),
    )


__all__ = ["TruceWords", "build"]
