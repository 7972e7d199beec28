"""The kind rules: what makes a figure a count of the killed, the displaced, the residents...

Each rule is registered (claims/extract/rules.py, stage "figure-kind") and tried in order on a
figure until one names its kind. The words are the lexicon's (figures.toml); the patterns built
from them are compiled once per lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.extract.rules import register
from claims.extract.rx import (
    Alternative,
    Hit,
    WordMatcher,
    literal_prefixes,
    word_start,
)
from claims.lexicon import Lexicon
from claims.model import Kind

if TYPE_CHECKING:
    from claims.extract.figures import Item, Reading

PRE_WINDOW = 70  # characters before a figure searched for the word that names its kind
POST_REACH = 150  # characters after a figure's noun searched for its verb
COUNT_REACH = 120  # a running count named this far before its figure still names it
JOIN_REACH = 30  # the words between two figures that join them are at most this long


@dataclass(frozen=True)
class Triggers:
    """The kind words of one language as patterns."""

    pre: WordMatcher  # ends where the figure (or its qualifier) starts
    post: WordMatcher
    count: WordMatcher
    link: re.Pattern[str]
    lives_before: re.Pattern[str]
    lives_after: re.Pattern[str]
    weak: frozenset[str]
    parts: re.Pattern[str]
    among: re.Pattern[str]
    restate: re.Pattern[str]
    coordinate: re.Pattern[str]
    adds: re.Pattern[str]
    rising: re.Pattern[str]
    share_of: re.Pattern[str]
    stems: re.Pattern[str]
    part_after: re.Pattern[str]  # "thousands of whom": a part written after its figure
    among_in: re.Pattern[str]  # a verb that counts its figure among others ("were among the")



def _alts(words: list[str]) -> str:
    return "|".join(words)


def _build(lex: Lexicon) -> Triggers:
    figs = lex["figures"]
    kinds: dict[str, dict[str, list[str]]] = figs["kinds"]
    heads = figs["counts"]["heads"]
    heads_alts = _alts(heads)
    count_alts: dict[str, list[Alternative]] = {}
    for name, data in kinds.items():
        nouns = _alts(data.get("nouns", []))
        after = _alts(data.get("after", []))
        # "the number of refugees", "the total of civilian deaths", "the number of people killed"
        derived: list[Alternative] = [
            (heads, f"\\s+of\\s+(?:the\\s+)?(?:[\\w-]+\\s+){{0,2}}?(?:{nouns})\\b"),
            (heads, f"\\s+of\\s+(?:the\\s+)?(?:people|civilians|persons)\\s+(?:{after})\\b"),
        ]
        count_alts[name] = [*data.get("counts", []), *(derived if nouns else []),
                            *data.get("nouns", [])]
    killed = kinds["killed"]
    return Triggers(
        pre=WordMatcher({k: d["before"] for k, d in kinds.items() if d.get("before")},
                        r"(?i:[\s,:]*(?:(?:the|a|an|some|of)\s+)?)"),
        post=WordMatcher({k: d["after"] for k, d in kinds.items() if d.get("after")}, r"\b"),
        count=WordMatcher({k: v for k, v in count_alts.items() if v}, r"(?![\w-])"),
        link=re.compile(r"(?:\b(?i:" + _alts(figs["counts"]["links"]) + r")|[:,(])[\s,:]*$"),
        lives_before=re.compile(word_start(killed["lives_verbs"])
                                + r"(?i:\s+(?:[\w-]+\s+){0,3})$"),
        lives_after=re.compile(r"(?i:\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?lost)\b"),
        weak=frozenset(k for k, d in kinds.items() if d.get("weak")),
        parts=re.compile(word_start([(figs["parts"]["before"], r"\s*$")])),
        among=re.compile(r"\s*(?i:" + _alts(figs["parts"]["among"]) + r")$"),
        restate=re.compile(r"\s*(?i:" + _alts(figs["restatements"]["between"]) + r")\s*"),
        coordinate=re.compile(r"\s*(?i:" + _alts(figs["coordination"]["between"]) + r")\s*"),
        adds=re.compile(r"(?i:" + _alts(figs["coordination"]["adds"]) + r")\s*$"),
        rising=re.compile(r"\b(?i:(?:a|the|this|that)\s+(?:" + heads_alts
                          + r")\s+(?:that\s+|which\s+)?(?:[\w-]+\s+){0,3}?(?:"
                          + _alts(figs["counts"]["rising"]) + r"))\s+$"),
        share_of=re.compile(
            word_start(["most", "half", "many", "all", "some", "part", r"a\s+third",
                        r"a\s+quarter"]) + r"(?i:\s+of\s+(?:its|their|the)\s+(?:\w+\s+){0,2}$)"),
        stems=_stems(lex, kinds, figs),
        part_after=re.compile(r"\s*(?i:" + _alts(figs["parts"]["after"]) + r")\b"),
        among_in=re.compile(r"\s(?i:" + _alts(figs["parts"]["among_group"]) + ")"),
    )  # fmt: skip


def triggers(lex: Lexicon) -> Triggers:
    return lex.derived("kinds", _build)


_LEAD = re.compile(r"[A-Za-z]*")
_ATTRIBUTIVE = re.compile(r"\b(?:in|the|of|a|an|from|for|at|on)\s+$", re.I)
_SENTENCE_STOP = re.compile(r"[;!?]|\.\s+[A-Z]")  # "since Sept. 27" holds no stop
_LIST = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")
# What may stand between a figure and the next one when the verb after both is the first's
# too: a list ("11 civilians and 9 rebels died"), an aside or a part ("6,700 Rohingya – including
# 730 children – were killed", "17,350 households (over 121,000 people) have been displaced").
_SHARED = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|[(–—]|\s-|,?\s*(?:including|among\s+them))\s*"
                     r"(?:including\s+)?", re.I)


def _stems(lex: Lexicon, kinds: dict[str, dict[str, list[str]]], figs: dict[str, object]) -> \
        re.Pattern[str]:
    """The literal first letters of every kind word: a sentence without one holds no claim.

    Derived from the lists, so a word added there is a word the prefilter lets through.
    """
    words: set[str] = set()
    lists: list[str] = [w for d in kinds.values() for key in ("before", "after", "nouns",
                        "counts", "modifiers", "lives", "lives_verbs") for w in d.get(key, [])]
    counts = figs["counts"]
    assert isinstance(counts, dict)
    lists += counts["heads"]
    for entry in lists:
        words.add(_stem(entry))
    return re.compile(literal_prefixes(sorted(words)))


_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)[?*+]?|\[[^\]]*\][?*+]?")
_RUN = re.compile(r"[A-Za-z]+(?![?*{])|[A-Za-z]+(?=[?*{])")


def _stem(entry: str) -> str:
    """Letters every match of a pattern holds: its longest run of letters outside groups, at
    most four of them ("in\\s+need\\s+of" holds "need", "kill(?:ed|s)" "kill")."""
    outside = _GROUP.sub(" ", entry.replace("\\s", " ").replace("\\b", " "))
    runs = []
    for m in _RUN.finditer(outside):
        run = m.group(0)
        if outside[m.end() : m.end() + 1] in ("?", "*", "{"):
            run = run[:-1]  # "deaths?": the "s" may be absent
        runs.append(run)
    best = max(runs, key=len, default="")
    lead = _LEAD.match(entry)
    return (best or (lead.group(0) if lead else ""))[:4].lower()


def has_trigger(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a word starting like a kind word."""
    return triggers(lex).stems.search(text, start, end) is not None


def kind_of(hit: Hit) -> Kind:
    """The kind a trigger names."""
    return Kind(hit.name)


def _weak(t: Triggers, kind: Kind, item: Item) -> bool:
    """A weak kind's word (population: "host", "live") yields to a noun of another kind."""
    return kind.value in t.weak and item.phrase.kind is not None and item.phrase.kind != kind


@register("lives-lost", "figure-kind", 'A count of lives with a verb that takes them ("could '
          'cost 250,000 lives", "claimed 40 lives", "20 lives were lost"): the killed.')
def lives_lost(r: Reading, i: int) -> Kind | None:
    item, t = r.items[i], triggers(r.lex)
    if not item.phrase.lives:
        return None
    window = r.text[max(r.start, item.q_start - 40) : item.q_start]
    before = t.lives_before.search(window)
    if before:
        item.start = item.q_start - len(window) + before.start()
        return Kind.killed
    after = t.lives_after.match(r.text, item.phrase.end, r.end)
    if after:
        item.end = after.end()
        return Kind.killed
    return None


@register("share-of", "figure-kind", 'A population figure behind a share ("most of its 140,000 '
          'residents flee"): the figure is the whole population, not the share.')
def share_of(r: Reading, i: int) -> Kind | None:
    item = r.items[i]
    window = r.text[max(r.start, item.q_start - PRE_WINDOW) : item.q_start]
    if triggers(r.lex).share_of.search(window) and item.phrase.subject is not None:
        return Kind.population
    return None


@register("pre-trigger", "figure-kind", "A figure right after a word naming what happened to "
          'the people counted ("killed at least four", "displacement of more than 400,000", '
          '"home to 3 million").')
def pre_trigger(r: Reading, i: int) -> Kind | None:
    item, t = r.items[i], triggers(r.lex)
    floor = max(r.start, item.q_start - PRE_WINDOW, r.items[i - 1].end if i else r.start)
    m = t.pre.ending_at(r.text, floor, item.q_start, r.tokens)
    if not m:
        return None
    kind = kind_of(m)
    if _weak(t, kind, item):
        return None
    item.start = m.start
    r.qualify_before(item, item.start)  # "an estimated population of 120,000"
    return kind


@register("post-trigger", "figure-kind", "A figure and the people it counts, followed in its "
          'clause by a verb saying what happened to them ("12 civilians ... were killed", "could '
          'be forced to flee", "22 million people are in need of aid").')
def post_trigger(r: Reading, i: int) -> Kind | None:
    item, t = r.items[i], triggers(r.lex)
    if item.phrase.count_noun or item.phrase.detached:
        return None
    stop = r.clause_end(item.phrase.end, POST_REACH)
    nxt = r.next_item(i)
    if nxt is not None and nxt.q_start < stop and (
        item.phrase.kind is not None or nxt.phrase.kind is not None
        or not _SHARED.fullmatch(r.text, item.phrase.end, nxt.q_start)
        or t.part_after.match(r.text, nxt.figure.end)  # "a million, thousands of whom fled"
    ):
        # the verb after the next figure is that figure's, unless the two are a list sharing
        # it ("11 civilians and 9 rebels died"); a figure whose noun has a kind shares none
        stop = nxt.q_start
    m = next((h for h in t.post.finditer(r.text, item.phrase.end, stop, r.tokens)
              if not _ATTRIBUTIVE.search(r.text, max(0, h.start - 6), h.start)), None)
    if not m:  # (a trigger after "in", "the" modifies a noun: "in captured districts")
        return None
    kind = kind_of(m)
    if _weak(t, kind, item) or (item.phrase.kind not in (None, kind) and _LIST.fullmatch(
        r.text, item.phrase.end, m.start)):
        return None  # "600,000 civilians dead and injured": the noun's kind, not the next word's
    item.end = m.end
    if item.parent is None and t.among_in.search(r.text, m.start, m.end):
        item.parent = r.latest(kind)  # "twenty children were among the dead": a part
    return kind


def acts_on_people(r: Reading, pos: int) -> bool:
    """True when a verb done to people (not a weak kind's: "hosts") ends right before pos:
    "killed 10 villagers", "abducted some 40 herders"."""
    t = triggers(r.lex)
    m = t.pre.ending_at(r.text, max(r.start, pos - PRE_WINDOW), pos, r.tokens)
    return m is not None and m.name not in t.weak


@register("noun-kind", "figure-kind", 'A figure whose noun carries the kind itself ("dozens '
          'dead", "3,200 civilian deaths", "5,000 refugees", "10,000 displaced households").')
def noun_kind(r: Reading, i: int) -> Kind | None:
    item = r.items[i]
    kind = item.phrase.kind
    floor = r.lex["figures"]["kinds"].get(kind.value, {}).get("noun_floor", 0) if kind else 0
    if kind is not None and (item.figure.value or (item.figure.vague or (0,))[0]) < floor:
        return None  # "two residents said": people who speak, not a population
    return kind


@register("count-phrase", "figure-kind", "A figure that a running count written before it "
          'stands at ("the death toll rose to 71", "the number of refugees has reached 100,417", '
          '"casualties ... rose to 519 citizens").')
def count_phrase(r: Reading, i: int) -> Kind | None:
    item, t = r.items[i], triggers(r.lex)
    if item.phrase.head is not None and item.phrase.subject is None:
        return None
    floor = max(r.start, item.q_start - COUNT_REACH, r.items[i - 1].end if i else r.start)
    found = None
    for m in t.count.finditer(r.text, floor, item.q_start, r.tokens):
        found = m
    if found is None:
        return None
    between = r.text[found.end : item.q_start]
    if _SENTENCE_STOP.search(between) or not (t.link.search(between) or len(between) <= 25
                                              or t.link.search(r.text, found.end,
                                                               item.figure.start)):
        return None
    item.start = found.start
    item.subject = item.subject or _count_subject(r, found.start)
    return kind_of(found)


_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")


def _count_subject(r: Reading, pos: int) -> str | None:
    """Who a running count counts, from the word before it: "the civilian death toll"."""
    from claims.extract.phrase import words

    m = _WORD_BEFORE.search(r.text, max(r.start, pos - 30), pos)
    return words(r.lex).modifiers.get(m.group(1).lower()) if m else None


@register("rising-count", "figure-kind", "A figure that a count named just before will reach "
          '("8.4 million are at risk of starvation, a number that will rise to 18 million"): the '
          "kind and people of the figure that count is.")
def rising_count(r: Reading, i: int) -> Kind | None:
    prev = r.previous(i)
    item = r.items[i]
    if prev is None or prev.kind is None or item.phrase.head is not None:
        return None
    window = r.text[max(prev.end, item.q_start - 60) : item.q_start]
    m = triggers(r.lex).rising.search(window)
    if m is None:
        return None
    item.start = item.q_start - len(window) + m.start()
    item.subject = prev.subject
    return prev.kind


@register("among", "figure-kind", "A figure counted among the figure after it (\"127 children "
          'figure among the 513 dead"): the kind of that figure, and a part of it.')
def among(r: Reading, i: int) -> Kind | None:
    item, nxt = r.items[i], r.next_item(i)
    kind = (nxt.phrase.kind or nxt.kind) if nxt is not None else None
    if nxt is None or kind is None:
        return None
    if not triggers(r.lex).among.search(r.text, item.phrase.end, nxt.q_start):
        return None
    item.end = max(item.end, nxt.phrase.end)
    return kind


@register("restatement", "figure-kind", "A figure that restates the one before it in other "
          'units ("17,350 households (over 121,000 people)", "3,577 families, or 21,462 '
          'individuals"): the same kind.')
def restatement(r: Reading, i: int) -> Kind | None:
    prev = r.previous(i)
    if prev is None or prev.kind is None:
        return None
    between = r.text[prev.phrase.end : r.items[i].q_start]
    if len(between) > JOIN_REACH or not triggers(r.lex).restate.fullmatch(between):
        return None
    r.items[i].parent = prev.parent
    return prev.kind


@register("subset", "figure-kind", 'A part of the figure before it ("40 civilians were killed, '
          'among them 11 children", "including 127 children"): the same kind, counted as part '
          "of that figure.")
def subset(r: Reading, i: int) -> Kind | None:
    prev = r.previous(i)
    item = r.items[i]
    if prev is None or prev.kind is None or not r.part_cue(item):
        return None
    return prev.kind


@register("coordinated", "figure-kind", "A figure joined to the one before it by 'and', 'as "
          "well as' or 'in addition to', with no word of its own for what happened: the same "
          'kind ("200 deaths and dozens of soldiers").')
def coordinated(r: Reading, i: int) -> Kind | None:
    prev = r.previous(i)
    item = r.items[i]
    if prev is None or prev.kind is None:
        return None
    t = triggers(r.lex)
    between = r.text[max(prev.end, prev.phrase.end) : item.q_start]
    adjacent = len(between) <= JOIN_REACH and t.coordinate.fullmatch(between)
    # "874 ... had been killed since Sept. 27, in addition to 37 civilians": a connector that
    # adds one count to another may follow the first one's clause
    if not adjacent and not (len(between) <= 60 and t.adds.search(between)
                             and not _SENTENCE_STOP.search(between)):
        return None
    if prev.parent is not None:
        item.parent = prev.parent  # "including 127 children and 75 women"
    return prev.kind


@register("topic", "figure-kind", "A figure in parentheses in a sentence about one kind of "
          'count ("The majority of displaced are from Mosul district (87 percent, over 51,800 '
          'individuals)"): a part of that count.')
def topic(r: Reading, i: int) -> Kind | None:
    item = r.items[i]
    if not r.in_parentheses(item.q_start) or item.phrase.kind is not None:
        return None
    from claims.extract.phrase import words

    kinds = [m for m in words(r.lex).kind_noun_re.finditer(r.text, r.start, item.q_start)]
    if not kinds:
        return None
    noun = kinds[0].group(0).lower()
    kind = words(r.lex).head_kinds.get(noun) or words(r.lex).modifier_kinds.get(noun)
    if kind is None:
        return None
    item.parent = r.latest(kind)
    return kind


@register("re-mention", "figure-kind", "A figure named as an estimate or a toll that the "
          "article gave before (\"Obasanjo's 600,000 estimate\"): the kind of that figure.")
def re_mention(r: Reading, i: int) -> Kind | None:
    item = r.items[i]
    if not item.phrase.count_noun or item.figure.value is None:
        return None
    earlier = r.by_value(item.figure.value)
    if earlier is None:
        return None
    kind, subject = earlier
    item.subject = item.subject or subject
    item.end = max(item.end, item.phrase.end)
    return kind
