"""Cues in one sentence that a body is the source of what is said there: "according to X",
"X said", "said X", "X put the toll at", "X, citing Y", "X's 600,000 estimate", "UN: ...".

Each cue has a direction: what it credits. "X said that ..." credits what follows ("forward"),
"..., X said." what comes before ("backward"), "according to X" in the middle both; a
possessive credits the phrase it is part of ("inner")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from claims.aliases import Alias, AliasTable
from claims.extract.attribution_words import Words
from claims.extract.bodies import Body, Reading, resolve
from claims.extract.phrases import Phrase, Sentence, np_back, phrase_after, subject_before

Span = tuple[int, int]

_LOWER_WORD = re.compile(r"[a-z]+")
_ANY_WORD = re.compile(r"[A-Za-z]+")
_FIGURE = re.compile(r"\d")
_NAME_NEXT = re.compile(r"\s+(?:the\s+)?[A-Z]")
_SCOPE_END = re.compile(r",\s+(?:which|who|where|whom)\b")  # a literal first: the engine skips
_COLON = re.compile(r"[\w)](:)\s")  # matched one character before each colon
_SET_OFF = re.compile(r"[,”\"]\s*$")
_INVERTED_BEFORE = re.compile(r"[,”\"]\s*$")
_THAT = re.compile(r"(?:\s+(?:in|on|at|during|last|this|late|early|earlier|yesterday|today)"
                   r"\b[^,;.]{0,40}?)?\s+that\b|\s*:")
ACT_REACH = 60  # "announced 12 deaths", not "announced a pause in an offensive that killed 900"
_NAMED_AT_COLON = frozenset({"alias", "state", "role", "person", "organisation"})


class Cue(NamedTuple):
    """A body cued as the source of what is said in part of a sentence (a named tuple)."""

    body: Body
    at: int  # where the cue's words start ("said", "according to", ":")
    after: int  # where they end
    start: int  # the whole cue: body and words
    end: int
    rule: str
    direction: str  # forward, backward, inner; or "speaker", "according": see facing()
    scope_end: int = 0  # a forward cue reaches no further
    inner: Span | None = None
    via: Body | None = None
    weak: bool = False
    set_off: bool = False  # ", X said," between commas: may credit both ways


def facing(c: Cue, figures: list[int]) -> str:
    """What a cue credits, given where the sentence's figures are: "forward" (what follows it),
    "backward" (what precedes it), "both", or "inner" (the phrase it is part of)."""
    if c.direction == "speaker":
        fwd = any(c.after <= f < c.scope_end for f in figures)
        back = any(f < c.start for f in figures)
        if fwd and back and c.set_off:
            return "both"
        return "forward" if fwd else "backward"
    if c.direction == "according":
        before = any(f < c.at for f in figures)
        after = any(f > c.end for f in figures)
        return "both" if before and after else "backward" if before else "forward"
    return c.direction


def find_cues(
    text: str, s: int, e: int, w: Words, aliases: AliasTable,
    acronyms: Callable[[], dict[str, Alias]], low: str | None = None,
) -> list[Cue]:  # fmt: skip
    """Every cue in the sentence text[s:e] (aliases and acronyms are looked up only if needed;
    `low` is text[s:e] in lower case, where the caller has it)."""
    out: list[Cue] = []
    words_ = cue_words(text, s, e, w, low)
    if not words_ and text.find(":", s, e) < 0 and not _maybe_possessive(text, s, e):
        return out  # most sentences: no cue at all, known at C speed
    r = Reading(Sentence(text, s, e), w, aliases, acronyms)
    reached = s
    for kind, m in words_:
        if m.start() < reached:
            continue  # "according to a new UN report": "report" is not a verb here
        cue = _cue(r, kind, m, s, e, out)
        if cue is not None:
            out.append(cue)
            reached = max(reached, cue.end if cue.start >= m.start() else m.end())
    out += _possessives(r, s, e) + _colons(r, s, e)
    return _merge_citing(text, sorted(out, key=lambda c: c.start))


def last_cue(
    text: str, s: int, e: int, w: Words, aliases: AliasTable,
    acronyms: Callable[[], dict[str, Alias]], since: int, low: str | None = None,
) -> Cue | None:  # fmt: skip
    """The last cue of text[s:e] among those whose word starts at `since` or after: a sentence
    closing with "..., the ministry said." is read from its end only."""
    words_ = [x for x in cue_words(text, s, e, w, low) if x[1].start() >= since]
    r = Reading(Sentence(text, s, e), w, aliases, acronyms)
    for kind, m in reversed(words_):
        cue = _cue(r, kind, m, s, e, [])
        if cue is not None:
            return cue
    return None


def has_speech_word(low: str, w: Words) -> bool:
    """True when `low` (text in lower case) holds a word a cue of saying starts with."""
    return not w.spaced_speech.isdisjoint(low.split())


def _maybe_possessive(text: str, s: int, e: int) -> bool:
    return text.find("’s", s, e) >= 0 or text.find("'s", s, e) >= 0


def cue_words(
    text: str, s: int, e: int, w: Words, low: str | None = None
) -> list[tuple[str, re.Match[str]]]:
    """The cues of text[s:e] by their words, in order, each with its kind: the words a cue
    starts with are found by a set intersection and str.find (in C), then that cue's own small
    pattern is matched where each is. A capitalised verb inside a name ("the United States")
    is none, unless the line is a title-case headline."""
    low = text[s:e].lower() if low is None else low
    hits = w.spaced_words.intersection(low.split())  # str.split and a set: no regex, C speed
    if not hits:
        return []
    found = {w.spaced[x] for x in hits}
    if len(low) != e - s:  # lower() changed the length ("İ"): no offsets from it
        low = "".join(c.lower() if len(c.lower()) == 1 else "?" for c in text[s:e])
    out: list[tuple[str, re.Match[str]]] = []
    headline: bool | None = None
    for word in found:
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not low[i - 1].isalpha()) and (j == len(low) or not low[j].isalpha()):
                pos = s + i
                if pos > s and text[pos].isupper():
                    if headline is None:
                        headline = _headline(text, s, e)
                    if not headline:
                        i = low.find(word, j)
                        continue
                for kind, pattern in w.cues[word]:
                    m = pattern.match(text, pos, e)
                    if m is not None:
                        out.append((kind, m))
                        break
            i = low.find(word, j)
    out.sort(key=lambda x: x[1].start())
    return out


def _headline(text: str, s: int, e: int) -> bool:
    """True when most words of text[s:e] are capitalised, as in a title-case headline."""
    words_ = _ANY_WORD.findall(text, s, e)
    return sum(x[0].isupper() for x in words_) * 2 > len(words_)


def _cue(
    r: Reading, kind: str, m: re.Match[str], s: int, e: int, earlier: list[Cue]
) -> Cue | None:
    word = m.group(0).lower()
    if kind in ("verb", "toll"):
        return _speaker(r, m, s, e, kind, word, earlier)
    if kind == "by":
        return _passive(r, m, e)
    ph = phrase_after(r.sent, m.end(), r.words)
    body = resolve(r, ph) if ph else None
    if ph is None or body is None:
        return None
    if kind == "citing":
        via = _via(r, s, m.start())
        return Cue(body, m.start(), m.end(), m.start(), ph.end, "citing", "forward", e, via=via)
    return Cue(body, m.start(), m.end(), m.start(), ph.end, "according-to", "according", e)


def _speaker(
    r: Reading, m: re.Match[str], s: int, e: int, kind: str, word: str, earlier: list[Cue]
) -> Cue | None:
    """A body before its verb ("X said", "X put the toll at"), else after it ("..., said X")."""
    w, text = r.words, r.text
    ph = subject_before(r.sent, m.start(), w)
    if ph is not None and word in w.plural_only and not _plural(text[ph.start : ph.end], w):
        ph = None  # "Lower estimate" is a heading, not a body estimating
    body = resolve(r, ph) if ph is not None and not ph.after_preposition else None
    if ph is not None and body is None and word.endswith("ing") and earlier:
        body = earlier[-1].body  # "OCHA released a report reporting that ...": OCHA's report
    if ph is not None and body is not None:
        rule = "toll-phrase" if kind == "toll" else "speaker-verb"
        scope = _SCOPE_END.search(text, m.end(), e)
        semicolon = text.find(";", m.end(), e)
        scope_end = min(scope.start() if scope else e, e if semicolon < 0 else semicolon)
        if word in w.acts:
            scope_end = _act_reach(text, m.end(), scope_end)
        direction = "forward" if ph.relative or kind == "toll" else "speaker"
        set_off = bool(_SET_OFF.search(text, max(s, ph.start - 3), ph.start))
        return Cue(body, m.start(), m.end(), ph.start, m.end(), rule, direction, scope_end,
                   weak=word in w.weak, set_off=set_off)  # fmt: skip
    if kind == "verb" and word not in w.listener and (
        m.start() == s or _INVERTED_BEFORE.search(text, max(s, m.start() - 4), m.start())
    ):
        ph2 = phrase_after(r.sent, m.end(), w, inverted=True)
        body = resolve(r, ph2) if ph2 else None
        if ph2 is not None and body is not None:
            return Cue(body, m.start(), m.end(), m.start(), ph2.end, "verb-speaker", "backward")
    return None


def _plural(phrase: str, w: Words) -> bool:
    """True when a phrase can be the subject of a base-form verb: "officials", "they", "X and Y"."""
    head = re.split(r"\s+(?:of|for|in|at|from)\s+|\s*[(,]", phrase)[0].split()
    last = head[-1].lower() if head else ""
    return last.endswith("s") or last in ("they", "we", "i", "you") or " and " in phrase


def _act_reach(text: str, after: int, scope_end: int) -> int:
    """How far an act verb's credit reaches: ACT_REACH characters, or on past "that"."""
    that = _THAT.match(text, after, scope_end)
    return scope_end if that else min(scope_end, after + ACT_REACH)


def _passive(r: Reading, m: re.Match[str], e: int) -> Cue | None:
    """ "400,000 people displaced by the United Nations": a body that counts, after "by"."""
    if not _NAME_NEXT.match(r.text, m.end(), e):
        return None
    near = [x for x in r.mentions(m.end(), min(e, m.end() + 90))
            if 0 < x[0] - m.end() <= 6 and x[2].type in r.words.reporters]  # fmt: skip
    if not near:
        return None
    a, b, alias = near[0]
    body = Body(alias.canonical, r.text[a:b], a, b, "alias", "alias", type=alias.type)
    return Cue(body, m.start(), m.end(), m.start(), b, "passive-by", "backward")


def _via(r: Reading, s: int, at: int) -> Body | None:
    """Who relays what they cite: "The Financial Times cited ...", "AFP, citing ..."."""
    stop = at
    while stop > s and r.text[stop - 1] in " ,":
        stop -= 1
    ph = subject_before(r.sent, stop, r.words)
    return resolve(r, ph) if ph is not None else None


def _merge_citing(text: str, cues: list[Cue]) -> list[Cue]:
    """ "X said, citing Y" and "X, citing Y, said": Y is credited, X relays it."""
    out: list[Cue] = []
    for c in cues:
        prev = out[-1] if out else None
        if c.rule == "citing" and prev is not None and text[prev.end : c.at].strip(" ,") == "":
            out[-1] = prev._replace(body=c.body, via=prev.body, rule="citing",
                              end=c.end)  # fmt: skip
            continue
        out.append(c)
    return out


def _possessives(r: Reading, s: int, e: int) -> list[Cue]:
    """ "Obasanjo's 600,000 estimate": the figure in a body's own count is that body's."""
    out: list[Cue] = []
    if not _maybe_possessive(r.text, s, e):
        return out
    for m in r.words.possessive.finditer(r.text, s, e):
        toks = r.sent.window(m.start() - 120, m.start() + 2)  # "Obasanjo’s" whole
        if not toks or toks[-1][1] != m.start() + 2:
            continue
        k = np_back(toks, len(toks) - 1, r.words)
        if k >= len(toks):
            continue
        ph = Phrase(toks[k][0], toks[-1][1], ((toks[k][0], toks[-1][1]),))
        body = resolve(r, ph)
        if body is not None and _FIGURE.search(m.group(1)):
            out.append(Cue(body, m.start(), m.end(), ph.start, m.end(), "possessive", "inner",
                           inner=(ph.start, m.end())))  # fmt: skip
    return out


def _colons(r: Reading, s: int, e: int) -> list[Cue]:
    """ "UN: More than 121,000 have fled": a body named before a colon says what follows."""
    out: list[Cue] = []
    at = r.text.find(":", s, e)
    while at >= 0:
        m = _COLON.match(r.text, at - 1, e)
        at = r.text.find(":", at + 1, e)
        if m is None:
            continue
        colon = m.start(1)
        toks = r.sent.window(colon - 90, colon)
        if not toks:
            continue
        k = np_back(toks, len(toks) - 1, r.words)
        if k >= len(toks) or len(toks) - k > 8:
            continue
        ph = Phrase(toks[k][0], toks[-1][1], ((toks[k][0], toks[-1][1]),))
        body = resolve(r, ph)
        if body is not None and body.kind in _NAMED_AT_COLON:
            out.append(Cue(body, colon, m.end(), ph.start, m.end(), "headline-colon",
                           "forward", e))  # fmt: skip
    return out


__all__ = ["Cue", "cue_words", "facing", "find_cues", "has_speech_word", "last_cue"]
