"""Noun phrases around a cue: the body before "said" ("a senior UN official said"), after
"according to" ("according to local sources in the town"), with its appositives ("Sidney Wong,
MSF's medical director,"). Read from tokens by their shape and the lexicon's stop words, so no
tagger is needed; offsets always index the source text."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, chain
from operator import itemgetter
from typing import NamedTuple

from claims.extract.attribution_words import Words

Tok = tuple[int, int, str, str]  # start, end, as written, lower case

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Prof|Brig|Adm|Rev|St|Sen|Gov|Rep)\.(?=\s)"
    r"|[^\W_](?:[\w’'&-]*[^\W_])?|\S"
)
_SPACED_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")
# Characters no phrase reaches across: quotes, brackets, colons, dashes, sentence ends.
_HARD = frozenset("“”\";:[]—–!?.")
# Words a name may hold between its capitalised words ("Office for the Coordination of ...").
_INNER = frozenset({"of", "for", "at", "in", "from", "and", "de", "du", "des", "al", "el", "la"})
# A phrase starts at its determiner ("the", "a", "his" ...).
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "several",
                          "some", "two", "three", "four", "many", "another", "both", "each"})
# Words that make a segment a clause, not a phrase in apposition.
_VERBISH = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
                      "will", "would", "could", "can", "should", "may", "might", "must", "do",
                      "does", "did", "said", "says", "that"})  # fmt: skip
_PREPOSITIONS = frozenset({"to", "in", "from", "by", "of", "with", "at", "on", "for", "against",
                           "near", "into", "over", "told", "tells", "about", "between", "like",
                           "than", "among", "toward", "towards"})  # fmt: skip
_MAX_WORDS = 14
# Words after which a clause and its subject begin: "However the Center, an NGO, said".
_OPENERS = frozenset({"but", "and", "that", "while", "whereas", "although", "though"})
SHORT_REACH = 60  # most subjects are short: "the UN said", "a military source said"
SUBJECT_REACH = 150  # characters read back from a verb for its subject and appositives
PHRASE_REACH = 200  # characters read on from "according to" for the body and appositives


class Phrase(NamedTuple):
    """A noun phrase naming a possible body: its core, then any phrases in apposition."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    relative: bool = False  # "X, who said ...": credits only what follows
    after_preposition: bool = False  # "in Ministry of Health reports": no speaker


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The words and punctuation of text[start:end], with their offsets (found with findall and
    the spaces before each token: no method call per token, a fifth faster than finditer)."""
    pairs = _SPACED_TOKEN.findall(text, start, end)
    if not pairs:
        return []
    toks = list(map(itemgetter(1), pairs))
    # offsets: running sums of the lengths of spaces and tokens; lower case: the tokens joined
    # and lowered at once (a NUL cannot end a lowered token's context: Final_Sigma stops at it)
    ends = list(accumulate(map(len, chain.from_iterable(pairs)), initial=start))
    joined = "\0".join(toks)
    lowered = joined.lower().split("\0") if "\0" not in text[start:end] else [
        t.lower() for t in toks]  # fmt: skip
    return list(zip(ends[1::2], ends[2::2], toks, lowered, strict=True))


class Sentence:
    """A sentence being read: the bounds phrases may not cross, and its tokens by window (read
    only around cues, never the whole of a long sentence; a window inside the last one read is
    a slice of it, so a phrase's parts are not read twice)."""

    __slots__ = ("_hi", "_lo", "_starts", "_toks", "end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self._lo, self._hi = 0, -1
        self._toks: list[Tok] = []
        self._starts: list[int] = []

    def window(self, a: int, b: int) -> list[Tok]:
        """The tokens of text[a:b], clipped to the sentence."""
        a, b = max(a, self.start), min(b, self.end)
        if self._lo <= a and b <= self._hi:
            i = bisect.bisect_left(self._starts, a)
            j = bisect.bisect_left(self._starts, b)
            if (i == 0 or self._toks[i - 1][1] <= a) and (j == 0 or self._toks[j - 1][1] <= b):
                return self._toks[i:j]  # the window cuts no token of the last one
        self._toks = tokens(self.text, a, b)
        self._starts = [t[0] for t in self._toks]
        self._lo, self._hi = a, b
        return self._toks


def _is_word(t: str) -> bool:
    return t[0].isalnum() and not t[0].isdigit()


def _capital(t: str) -> bool:
    return t[:1].isupper()


def np_back(toks: list[Tok], i: int, w: Words, lo: int = 0) -> int:
    """The index of the first token of the noun phrase ending at toks[i] (i + 1 if none)."""
    j = i
    while j >= lo and i - j < _MAX_WORDS:
        _, _, t, low = toks[j]
        if t == ")":
            k = next((k for k in range(j - 1, max(lo, j - 10) - 1, -1) if toks[k][2] == "("), None)
            if k is None or k == j - 1:
                break
            j = k - 1
            continue
        if not _is_word(t):
            break
        if low in _DETERMINERS:
            if j > lo and toks[j - 1][3] in _INNER - {"and"} and j - 1 > lo:
                j -= 1
                continue
            return j if j < i else i + 1
        if low in _INNER:
            nxt, prv = toks[j + 1][2] if j < i else "", toks[j - 1][2] if j > lo else ""
            joined = _capital(nxt) and _capital(prv) if low == "and" else (
                j < i and prv != "" and _is_word(prv) and prv.lower() not in w.stops
                and (_capital(nxt) or nxt.lower() in _DETERMINERS)
            )  # fmt: skip
            if not joined:
                break
        elif low in w.stops or low in w.time or low in w.auxiliaries:
            if low in w.pronouns and j == i:
                return j
            break
        j -= 1
    return j + 1


def np_forward(toks: list[Tok], i: int, w: Words) -> int:
    """The index after the noun phrase starting at toks[i] (i if none)."""
    if i < len(toks) and toks[i][3] in w.pronouns:
        return i + 1
    j, seen = i, False
    while j < len(toks) and j - i < _MAX_WORDS:
        _, _, t, low = toks[j]
        if t == "(":
            k = next((k for k in range(j + 1, min(len(toks), j + 10)) if toks[k][2] == ")"), None)
            if k is None or not seen:
                break
            j = k + 1
            continue
        if not _is_word(t):
            break
        if low in _DETERMINERS:
            if seen and toks[j - 1][3] not in _INNER:
                break
        elif low in _INNER:
            nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
            prv = toks[j - 1][2] if j > i else ""
            ok = _capital(nxt) and _capital(prv) if low == "and" else (
                seen and (_capital(nxt) or nxt.lower() in _DETERMINERS and j + 2 < len(toks)
                          and _capital(toks[j + 2][2]))
            )  # fmt: skip
            if not ok:
                break
        elif low in w.stops or low in w.time:
            break
        elif seen and t[0].islower() and low.endswith(("ed", "ing")) and low not in w.bodies:
            break  # "intelligence reports revealed ...", "a group investigating ..."
        seen = seen or low not in _DETERMINERS
        j += 1
    return j if seen else i


def _boundary(toks: list[Tok], i: int) -> int:
    """The index of the last token at or before i that no phrase reaches across (-1 if none)."""
    for k in range(i, -1, -1):
        if toks[k][2] in _HARD:
            return k
    return -1


def _skip_back(toks: list[Tok], i: int, w: Words) -> int:
    """Step back over auxiliaries and time words between a body and its verb."""
    while i >= 0:
        _, _, t, low = toks[i]
        if low in w.auxiliaries or low in w.time or (t[0].isdigit() and len(t) <= 4):
            i -= 1
        elif t == ")" and i >= 2 and all(not _is_word(x[2]) for x in toks[max(0, i - 5) : i]):
            i = next((k for k in range(i - 1, max(-1, i - 7), -1) if toks[k][2] == "("), i) - 1
        else:
            return i
    return i


def _phrase(toks: list[Tok], a: int, b: int) -> tuple[int, int]:
    return toks[a][0], toks[b][1]


def _clause(toks: list[Tok], a: int, b: int) -> bool:
    return any(toks[k][3] in _VERBISH for k in range(a, b + 1))


def subject_before(sent: Sentence, verb: int, w: Words) -> Phrase | None:
    """The body written before the verb at `verb` ("Sidney Wong, MSF's director, said"): read
    from a short window first, and from SUBJECT_REACH only when the phrase may run on before it."""
    if verb - SHORT_REACH > sent.start:
        toks = sent.window(verb - SHORT_REACH, verb)
        found = _subject(toks, w)
        # "an NGO said" may stand beside a name the short window cuts: read the long one
        first = sent.text[found.start : found.start + 3].lower() if found else ""
        bounded = (found is not None and found.start > toks[0][0]
                   and not (first.startswith("a ") or first == "an "))
        if toks and (bounded or _boundary(toks, len(toks) - 1) >= 0):
            return found
    return _subject(sent.window(verb - SUBJECT_REACH, verb), w)


def _subject(toks: list[Tok], w: Words) -> Phrase | None:
    i = _skip_back(toks, len(toks) - 1, w)
    if i < 0:
        return None
    b = _boundary(toks, i)
    if toks[i][3] in w.relatives:  # "researchers at X, who said ..."
        i -= 1 + (i > 0 and toks[i - 1][2] == ",")
        return _antecedent(toks, i, b, w)
    if toks[i][2] == ",":  # "Obasanjo, the former Nigerian president, said"
        c = next((k for k in range(i - 1, b, -1) if toks[k][2] == ","), None)
        if c is None or c == i - 1 or i - c > 30:
            return None
        if toks[c + 1][3] not in w.relatives and _clause(toks, c + 1, i - 1):
            return None
        k = np_back(toks, c - 1, w, b + 1)
        if k > c - 1:
            return None
        core = _phrase(toks, k, c - 1)
        return Phrase(core[0], core[1], (core, _phrase(toks, c + 1, i - 1)))
    k = np_back(toks, i, w, b + 1)
    if k > i or all(toks[x][3] in _DETERMINERS for x in range(k, i + 1)):
        return None
    named = _named_before(toks, k, b, w)
    if named is not None:  # "the Syrian Network for Human Rights an independent group has put"
        return Phrase(toks[named][0], toks[k - 1][1], (_phrase(toks, named, _name_end(toks, k, w)),
                                                      _phrase(toks, k, i)))
    after_prep = k > b + 1 and toks[k - 1][3] in _PREPOSITIONS
    if toks[k][3] in _INNER - {"and"}:
        k, after_prep = k + 1, True
    core = _phrase(toks, k, i)
    return Phrase(core[0], core[1], (core,), after_preposition=after_prep)


def _name_end(toks: list[Tok], k: int, w: Words) -> int:
    """The last token of the name before an appositive at k, past words such as "however"."""
    j = k - 1
    while toks[j][3] in w.asides:
        j -= 1
    return j


def _named_before(toks: list[Tok], k: int, b: int, w: Words) -> int | None:
    """Where a name starts that an indefinite phrase at k stands in apposition to, with its
    commas lost ("the Syrian Center for Policy Research however a Beirut-based NGO said"): a name
    of two capitalised words or an acronym, not after a preposition; else None."""
    if toks[k][3] not in ("a", "an") or k - 1 <= b:
        return None
    j = _name_end(toks, k, w)
    if j <= b or not _capital(toks[j][2]):
        return None
    n = np_back(toks, j, w, b + 1)
    if n > j:
        return None
    words = toks[n : j + 1]
    capitals = [t for _, _, t, low in words if _capital(t) and low not in w.time]
    acronym = len(capitals) == 1 and len(capitals[0]) > 1 and capitals[0].isupper()
    # a name: capitalised words and the small words inside names, nothing else
    named = all(_capital(t) or low in _INNER or low in _DETERMINERS for _, _, t, low in words)
    if not named or not (len(capitals) >= 2 or acronym):
        return None
    # that opens its clause: "... in the city of Aleppo a monitoring group said" is two clauses
    opens = n == b + 1 or toks[n - 1][3] in w.asides or toks[n - 1][3] in _OPENERS
    return n if opens else None


def _antecedent(toks: list[Tok], i: int, b: int, w: Words) -> Phrase | None:
    """The phrase a relative pronoun stands for; "X, Belgium, who" is X."""
    if i <= b:
        return None
    k = np_back(toks, i, w, b + 1)
    if k > i:
        return None
    if k == i and k - 2 > b and toks[k - 1][2] == "," and toks[k][2][:1].isupper():
        # a single capitalised word after a comma is a place in apposition: "X, Belgium"
        k2 = np_back(toks, k - 2, w, b + 1)
        if k2 <= k - 2 and not _clause(toks, k2, k - 2):
            k, i = k2, k - 2
    core = _phrase(toks, k, i)
    return Phrase(core[0], core[1], (core,), relative=True)


def phrase_after(sent: Sentence, pos: int, w: Words, inverted: bool = False) -> Phrase | None:
    """The body written from pos on ("according to X", "said X"), with its appositives."""
    toks = sent.window(pos, pos + PHRASE_REACH)
    i = 0
    while inverted and i < len(toks) and (
        toks[i][2] == "," or toks[i][3] in w.time or toks[i][2][0].isdigit()
    ):
        i += 1
    e = np_forward(toks, i, w)
    if e == i:
        return None
    parts = [_phrase(toks, i, e - 1)]
    j = e
    while len(parts) < 4 and j < len(toks) and toks[j][2] == ",":
        k = j + 1 + (j + 1 < len(toks) and toks[j + 1][3] == "and")
        if k < len(toks) and toks[k][3] in w.relatives:  # ", who is part of ...,"
            stop = next((x for x in range(k, min(len(toks), k + 30)) if toks[x][2] in ",."), None)
            if stop is not None and stop > k + 1:
                parts.append(_phrase(toks, k, stop - 1))
            break
        e2 = np_forward(toks, k, w)
        if e2 == k:
            break
        nxt = next((x for x in range(e2, len(toks)) if toks[x][2] in ",." or toks[x][2] in _HARD),
                   len(toks))  # fmt: skip
        if nxt > e2 and (
            toks[e2][3] not in _PREPOSITIONS | {"based"} or _clause(toks, e2, nxt - 1)
        ):
            break
        # with its prepositional phrase: "a doctor with MSF"
        parts.append(_phrase(toks, k, nxt - 1))
        j = nxt
    return Phrase(parts[0][0], parts[0][1], tuple(parts))


_QUOTE_MARK = re.compile(r'[“”"]')


def quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of text in quotation marks within text[start:end] (curly or straight)."""
    out: list[tuple[int, int]] = []
    if _QUOTE_MARK.search(text, start, end) is None:
        return out
    opened: int | None = None
    straight: int | None = None
    for m in _QUOTE_MARK.finditer(text, start, end):
        c, k = m.group(0), m.start()
        if c == "“":
            opened = k
        elif c == "”":
            out.append((start if opened is None else opened, k + 1))  # opened before the sentence
            opened = None
        elif straight is None:
            straight = k
        else:
            out.append((straight, k + 1))
            straight = None
    out += [(k, end) for k in (opened, straight) if k is not None]  # running on past the end
    return out


__all__ = ["Phrase", "Sentence", "np_back", "np_forward", "phrase_after", "quotes",
           "subject_before", "tokens"]  # fmt: skip
