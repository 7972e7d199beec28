"""Cues in one sentence that a body is the source of what is said there: "according to X",
"X said", "said X", "X put the toll at", "X, citing Y", "X's 600,000 estimate", "UN: ...".

Each cue has a direction: what it credits. "X said that ..." credits what follows ("forward"),
"..., X said." what comes before ("backward"), "according to X" in the middle both; a
possessive credits the phrase it is part of ("inner")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claims.aliases import Alias, AliasTable
from claims.extract.attribution_words import Words
from claims.extract.bodies import Body, Reading, resolve
from claims.extract.phrases import Phrase, Sentence, np_back, phrase_after, subject_before

Span = tuple[int, int]

_WORD = re.compile(r"[A-Za-z]+")
_GAPPED_WORD = re.compile(r"([^A-Za-z]*)([A-Za-z]+)")
_FIGURE = re.compile(r"\d")
_NAME_NEXT = re.compile(r"\s+(?:the\s+)?[A-Z]")
_SCOPE_END = re.compile(r",\s+(?:which|who|where|whom)\b|;")
_COLON = re.compile(r"(?<=[\w)]):\s")
_SET_OFF = re.compile(r"[,”\"]\s*$")
_INVERTED_BEFORE = re.compile(r"[,”\"]\s*$")
_THAT = re.compile(r"(?:\s+(?:in|on|at|during|last|this|late|early|earlier|yesterday|today)"
                   r"\b[^,;.]{0,40}?)?\s+that\b|\s*:")
ACT_REACH = 60  # "announced 12 deaths", not "announced a pause in an offensive that killed 900"
_NAMED_AT_COLON = frozenset({"alias", "state", "role", "person", "organisation"})


@dataclass(frozen=True)
class Cue:
    """A body cued as the source of what is said in part of a sentence."""

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
    acronyms: Callable[[], dict[str, Alias]],
) -> list[Cue]:  # fmt: skip
    """Every cue in the sentence text[s:e] (aliases and acronyms are looked up only if needed)."""
    out: list[Cue] = []
    words_ = cue_words(text, s, e, w)
    if not words_ and ":" not in text[s:e] and not _maybe_possessive(text, s, e):
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


def has_speech_word(text: str, s: int, e: int, w: Words) -> bool:
    """True when text[s:e] holds a word a cue of saying starts with (a set lookup done in C)."""
    return not w.speech_words.isdisjoint(map(str.lower, _WORD.findall(text, s, e)))


def _maybe_possessive(text: str, s: int, e: int) -> bool:
    return "’s" in text[s:e] or "'s" in text[s:e]


def cue_words(text: str, s: int, e: int, w: Words) -> list[tuple[str, re.Match[str]]]:
    """The cues of text[s:e] by their words, in order, each with its kind: a word a cue starts
    with is looked up in a table, then that cue's own small pattern is matched where it is. A
    capitalised verb inside a name ("the United States") is none, unless in a headline."""
    spaced = _GAPPED_WORD.findall(text, s, e)
    lows = [x.lower() for _, x in spaced]
    if w.cue_words.isdisjoint(lows):
        return []
    headline: bool | None = None
    out = []
    pos = s
    for (gap, word), low in zip(spaced, lows, strict=True):
        pos += len(gap)
        if low in w.cue_words:
            inside_name = word[0].isupper() and pos > s
            if inside_name and headline is None:  # decided once, at the first capital
                headline = sum(x[:1].isupper() for _, x in spaced) * 2 > len(spaced)
            if not inside_name or headline:
                for kind, pattern in w.cues[low]:
                    cue = pattern.match(text, pos, e)
                    if cue is not None:
                        out.append((kind, cue))
                        break
        pos += len(word)
    return out


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
        scope_end = scope.start() if scope else e
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
            out[-1] = replace(prev, body=c.body, via=prev.body, rule="citing",
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
    out = []
    for m in _COLON.finditer(r.text, s, e):
        toks = r.sent.window(m.start() - 90, m.start())
        if not toks:
            continue
        k = np_back(toks, len(toks) - 1, r.words)
        if k >= len(toks) or len(toks) - k > 8:
            continue
        ph = Phrase(toks[k][0], toks[-1][1], ((toks[k][0], toks[-1][1]),))
        body = resolve(r, ph)
        if body is not None and body.kind in _NAMED_AT_COLON:
            out.append(Cue(body, m.start(), m.end(), ph.start, m.end(), "headline-colon",
                           "forward", e))  # fmt: skip
    return out


__all__ = ["Cue", "cue_words", "facing", "find_cues", "has_speech_word"]
