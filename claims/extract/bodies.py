"""Which body a phrase names: a known alias, an acronym the article defined, a state body
("Ethiopian officials", "the Yemeni health ministry"), a titled person and their organisation,
a back-reference still to resolve ("the monitor", "he"), or an unknown body kept as written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from claims.aliases import Alias, AliasTable
from claims.extract.attribution_words import Words
from claims.extract.phrases import Phrase, Sentence, Tok

_DEFINITE = frozenset({"the", "this", "that", "its", "their", "these", "those"})
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "du", "la",
                        "le", "abu", "ben", "del", "di"})  # fmt: skip
_NOT_BEFORE_PRINCIPAL = frozenset({"deputy", "vice", "assistant"})
_MENTION = tuple[int, int, Alias]
_Base = tuple[str, int, int, frozenset[str]]
_END: Tok = (0, 0, ",", ",")  # closes the last run of words  # as written, start, end, heads


class Body(NamedTuple):
    """A body a cue names: canonical (empty while a back-reference is unresolved) and as written.
    (A named tuple: made and copied thousands of times a megabyte, far faster than a dataclass.)"""

    canonical: str
    text: str
    start: int
    end: int
    kind: str  # alias, state, person, organisation, unknown, proper, anaphor, role
    resolution: str  # the rule that named it (registered in attribution.py)
    type: str = ""  # the alias table's type, or the state body's: government, ministry ...
    heads: frozenset[str] = frozenset()  # what "the <head>" may mean
    speaker: str | None = None  # the person who spoke for it
    refers: str = ""  # anaphors and roles: what to look back (or on) for
    needs_country: str = ""  # "anonymous" or "ministry:<portfolio>": named from the context


class Reading:
    """What resolve needs besides the phrase: the lexicon, the alias table (looked up in each
    phrase only, which is far shorter than its sentence) and the acronyms the article defines
    (found on first use)."""

    __slots__ = ("_acronyms", "_find_acronyms", "aliases", "sent", "text", "words")

    def __init__(
        self, sent: Sentence, words: Words, aliases: AliasTable,
        acronyms: Callable[[], dict[str, Alias]],
    ) -> None:  # fmt: skip
        self.sent, self.text, self.words, self.aliases = sent, sent.text, words, aliases
        self._find_acronyms = acronyms
        self._acronyms: dict[str, Alias] | None = None

    def mentions(self, start: int, end: int) -> list[_MENTION]:
        """The alias table's bodies written in text[start:end]."""
        out = []
        for m in self.aliases.mentions(self.text, start, end):
            alias = self.aliases.find(m.group(0))
            if alias is not None:
                out.append((m.start(), m.end(), alias))
        return out

    @property
    def acronyms(self) -> dict[str, Alias]:
        """The acronyms the article defines."""
        if self._acronyms is None:
            self._acronyms = self._find_acronyms()
        return self._acronyms


_MEMO: dict[tuple[object, ...], Body | None] = {}
MEMO_SIZE = 20_000  # phrases recur ("the monitor said", "according to local sources")


def resolve(r: Reading, phrase: Phrase) -> Body | None:
    """The body a phrase names, or None when it names none. What a phrase names depends only
    on its words (and the article's acronyms), so each phrase as written is read once."""
    lo, hi = phrase.parts[0][0], max(b for _, b in phrase.parts)
    key = (id(r.words), id(r.aliases), tuple(sorted(r.acronyms)), r.text[lo:hi],
           tuple((a - lo, b - lo) for a, b in phrase.parts))  # fmt: skip
    if key in _MEMO:
        found = _MEMO[key]
        if found is None or found.start == phrase.start:
            return found
        return found._replace(start=phrase.start, end=phrase.end)
    if len(_MEMO) >= MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = found = _resolve(r, phrase)
    return found


def _resolve(r: Reading, phrase: Phrase) -> Body | None:
    parts = [r.sent.window(a, b) for a, b in phrase.parts]
    flat = [t for p in parts for t in p]
    if not flat:
        return None
    core = r.text[phrase.start : phrase.end]
    heads = _heads(parts, r.words)
    inside = [m for a, b in phrase.parts for m in r.mentions(a, b)]
    covered = {t[0] for t in flat if any(m[0] <= t[0] < m[1] for m in inside)}
    person = _person(parts, r.words, covered)
    role, principal = _role(parts, r.words)
    base: _Base = (_trimmed(core, r.words), phrase.start, phrase.end, heads)
    found = _named(r, inside, flat, person, role, principal, base)
    if found is not None:
        return found
    return _unnamed(r, parts[0], flat, person, base)


def _named(
    r: Reading, inside: list[_MENTION], flat: list[Tok], person: str | None, role: str | None,
    principal: bool, base: _Base,
) -> Body | None:  # fmt: skip
    """A body with a name: an alias, an acronym, a state body, an organisation, a person."""
    w = r.words
    people = [m for m in inside if m[2].type == "person"]
    if principal and (person or people):
        name = people[0][2].canonical if people else str(person)
        return _mk(base, name, kind="person", resolution="titled-person",
                    type="person", speaker=person or name)  # fmt: skip
    if principal:  # the role's type: how its fallback is named, should no person be found
        fallback, how = _fallback(r, inside, flat)
        return _mk(base, fallback, kind="role", resolution="role-named-later", type=how,
                   refers=role or "")
    bodies = sorted((m for m in inside if m[2].type != "person"), key=lambda m: m[0] - m[1])
    if bodies or people:
        a, b, alias = (bodies or people)[0]
        how = "titled-person" if person and bodies else "alias"
        written = base if person else (r.text[a:b], *base[1:])
        return _mk(written, alias.canonical, kind="alias", resolution=how,
                    type=alias.type, speaker=person)  # fmt: skip
    acronym = next((r.acronyms[t[2]] for t in flat if t[2] in r.acronyms), None)
    if acronym is not None:
        return _mk(base, acronym.canonical, kind="alias", resolution="acronym",
                    type=acronym.type, speaker=person)  # fmt: skip
    named = [t for t in flat if t[2][0].isalnum() and t[3] not in w.determiners]
    country = w.state.country(named[0][2]) if len(named) == 1 else None
    if country:  # "Azerbaijan says", "Armenia reports": the state speaks through its government
        return _mk(base, w.state.government(country), kind="state", resolution="place-speaks",
                   type="government")
    state = _state(flat, w)
    if state is not None:
        name, kind, needs = state
        return _mk(base, name, kind="state", resolution="nationality", type=kind,
                   needs_country=needs, speaker=person)
    org = _organisation(r.text, flat, w)
    if org is not None:
        how = "titled-person" if person else "unknown-body"
        return _mk(base, org, kind="organisation", resolution=how,
                    speaker=person)  # fmt: skip
    if person:
        return _mk(base, person, kind="person", resolution="person", type="person",
                    speaker=person)  # fmt: skip
    return None


def _fallback(r: Reading, inside: list[_MENTION], flat: list[Tok]) -> tuple[str, str]:
    """What a role names if no person is found for it, and by which rule: its organisation or
    state, else the role as written."""
    if inside:
        return inside[0][2].canonical, "alias"
    country = next((c for t in flat if (c := r.words.state.country(t[2]))), None)
    if country:
        return r.words.state.government(country), "nationality"
    return _as_written(r.text, [t for t in flat if t[2][0].isalnum()], r.words), "unknown-body"


def _unnamed(
    r: Reading, core: list[Tok], flat: list[Tok], person: str | None, base: _Base
) -> Body | None:
    """A body without a name: a place that speaks, a back-reference, or a body by its head."""
    w = r.words
    words_ = [t for t in core if t[2][0].isalnum()]
    if not words_:
        return None
    lows = [t[3] for t in words_]
    head = _head(core, w)
    if len(words_) == 1 and lows[0] in w.pronouns:
        return _mk(base, "", kind="anaphor", resolution="back-reference",
                    refers=w.pronouns[lows[0]])  # fmt: skip
    if lows[0] in _DEFINITE and head and (
        head in w.anaphora or head in w.documents or head in w.roles or head in w.bodies
    ):
        refers = "document" if head in w.documents else head
        return _mk(base, "", kind="anaphor", resolution="back-reference",
                    refers=refers)  # fmt: skip
    named = [t for t in words_ if t[3] not in w.determiners]
    if named and all(t[2][:1].isupper() for t in named) and not head:
        written = _as_written(r.text, words_, w)  # a place, or a person by surname: see discourse
        return _mk(base, written, kind="proper", resolution="unknown-body")
    if head is None or head not in w.bodies and head not in w.documents:
        return None
    modifiers = [x for x in lows if x not in w.determiners and x != head]
    if head in w.vague and all(x in w.bodies or x in {"aid", "rights", "human", "humanitarian"}
                               for x in modifiers):
        return None  # "aid groups warned": no one in particular  # fmt: skip
    if lows[0] in ("a", "an") and head in w.documents:
        return None  # "according to a report": whose is not said
    written = _as_written(r.text, words_, w)
    needs = ""
    if head in w.anonymous and not any(x in w.local for x in modifiers) and not any(
        t[2][:1].isupper() for t in words_
    ):
        needs = "anonymous"
    how = "anonymous-source" if needs else "unknown-body"
    return _mk(base, written, kind="unknown", resolution=how, needs_country=needs)


def _head(core: list[Tok], w: Words) -> str | None:
    """The head noun of a phrase: its last word before "of"/"in"/"at" or a bracket, lower case."""
    last: str | None = None
    for t in core:
        low = t[3]
        if t[2] == "(" or low in ("of", "in", "at", "for", "from", "based", "on"):
            if last is not None:
                break
            continue
        if t[2][0].isalnum():
            last = low[:-2] if low.endswith(("’s", "'s")) else low
    if last is None:
        return None
    return last if last in w.bodies or last in w.documents or last in w.anaphora or (
        last in w.roles) else None  # fmt: skip


def _heads(parts: list[list[Tok]], w: Words) -> frozenset[str]:
    """Every head noun a phrase and its appositives give ("Airwars, one such monitoring group")."""
    out = set()
    for p in parts:
        for t in p:
            low = t[3]
            low = low[:-2] if low.endswith(("’s", "'s")) else low
            if low in w.anaphora or low in w.bodies:
                out.add(low)
    return frozenset(out)


def _person(parts: list[list[Tok]], w: Words, covered: set[int]) -> str | None:
    """A person's name in a phrase: two or more capitalised words, or a title and a name."""
    for p in parts:
        run: list[Tok] = []
        where = False  # the run follows "in", "at": a place ("correspondent in Deir Ezzor")
        for k, t in enumerate([*p, _END]):
            if _name_word(t, w, covered) or (run and t[3] in _PARTICLES):
                where = where or (not run and _after_place_word(p, k, w))
                run.append(t)
                continue
            if where:
                run, where = [], False
                continue
            while run and run[-1][3] in _PARTICLES:
                run.pop()
            titled = len(run) == 1 and _titled(p, run[0], w)
            if len(run) >= 2 or titled:
                return " ".join(x[2] for x in run)
            run = []
    return None


def _after_place_word(p: list[Tok], k: int, w: Words) -> bool:
    """True when "in", "at" (and determiners) come just before p[k]: "in the Kafr Batna area"."""
    k -= 1
    while k >= 0 and p[k][3] in w.determiners:
        k -= 1
    return k >= 0 and p[k][3] in w.place_before


def _name_word(t: Tok, w: Words, covered: set[int]) -> bool:
    word = t[2]
    if not (word[:1].isupper() and word[0].isalpha()) or t[0] in covered:
        return False
    low = word.lower()
    return not (
        word in w.titles or low in w.roles or low in w.principal or low in w.bodies
        or low in w.stops or low in w.time or low in w.months or word.rstrip(".") in w.titles
        or w.state.country(word) or word in w.organisation_heads or low in w.determiners
        or word.isupper() or low in w.documents
    )  # fmt: skip


def _titled(part: list[Tok], name: Tok, w: Words) -> bool:
    """True when the word before a single name is a title ("Mr Zebari", "Dr. Wong")."""
    k = part.index(name)
    return k > 0 and part[k - 1][2].rstrip(".") in w.titles


def _role(parts: list[list[Tok]], w: Words) -> tuple[str | None, bool]:
    """The first role in a phrase ("former", "spokesperson"), and whether it is a principal's."""
    for p in parts:
        lows = [t[3].rstrip(".") for t in p]
        for k in range(len(lows)):
            two = " ".join(lows[k : k + 2])
            for cand in (two, lows[k]):
                if cand in w.roles or cand in w.principal:
                    before = lows[k - 1] if k else ""
                    principal = cand in w.principal and before not in _NOT_BEFORE_PRINCIPAL
                    return cand, principal
    return None, False


def _state(flat: list[Tok], w: Words) -> tuple[str, str, str] | None:
    """A state's body: "Ethiopian officials", "Myanmar's military", "the Ministry of Health"."""
    st = w.state
    lows = [t[3] for t in flat]
    country = next((c for t in flat if (c := st.country(t[2]))), None)
    portfolio = _portfolio(lows, w)
    if "ministry" in lows:
        if portfolio is None:
            return None  # "the ministry": a back-reference
        if country is None:
            return _blank("ministry", f"ministry:{portfolio}", text_of(flat))
        return _blank("ministry", "", st.body("ministry", country, portfolio))
    if country is None:
        return None
    text = " ".join(lows)
    if any(n in text.split() or " " in n and n in text for n in st.intelligence_nouns):
        return _blank("intelligence", "", st.body("intelligence", country))
    if any(x in st.military_nouns for x in lows) or "armed forces" in text:
        return _blank("military", "", st.body("military", country))
    if any(x in st.government_nouns for x in lows) or any(x in w.roles for x in lows):
        return _blank("government", "", st.government(country))
    return None


def text_of(flat: list[Tok]) -> str:
    """The words of a phrase joined as written (without brackets and commas)."""
    return " ".join(t[2] for t in flat if t[2][0].isalnum())


def _blank(kind: str, needs: str, name: str = "") -> tuple[str, str, str]:
    return name, kind, needs


def _trimmed(phrase: str, w: Words) -> str:
    """A phrase as written without its leading determiners and a closing possessive: "the PHD"
    is "PHD", "Obasanjo’s" is "Obasanjo"."""
    first, _, rest = phrase.partition(" ")
    while rest and first.lower() in w.determiners:
        first, _, rest = rest.partition(" ")
    out = f"{first} {rest}".strip()
    return out[:-2] if out.endswith(("’s", "'s")) else out


def _mk(base: _Base, canonical: str, kind: str, resolution: str, **fields: Any) -> Body:
    """A Body for the phrase `base` describes."""
    text, start, end, heads = base
    return Body(canonical, text, start, end, kind, resolution, heads=heads, **fields)


def _portfolio(lows: list[str], w: Words) -> str | None:
    """The portfolio of a ministry named in lower-cased words: "health", "foreign affairs"."""
    table = w.state.portfolios
    for k in range(len(lows)):
        for n in (3, 2, 1):
            key = " ".join(lows[k : k + n])
            if key in table:
                return table[key]
    return None


def _organisation(text: str, flat: list[Tok], w: Words) -> str | None:
    """A capitalised name holding an organisation's head word: "the University of Ghent"."""
    run: list[Tok] = []
    best: str | None = None
    for t in [*flat, _END]:
        word = t[2]
        if word[:1].isupper() and word[0].isalpha() or run and word.lower() in ("of", "for", "the"):
            run.append(t)
            continue
        while run and not run[-1][2][:1].isupper():
            run.pop()
        if any(x[2] in w.organisation_heads for x in run) and best is None:
            best = text[run[0][0] : run[-1][1]]
        run = []
    if best and best.lower().startswith("the "):
        best = best[4:]
    return best


def _as_written(text: str, words_: list[Tok], w: Words) -> str:
    """A body kept as written, without its leading determiners: "local sources"."""
    k = 0
    while k < len(words_) - 1 and words_[k][3] in w.determiners:
        k += 1
    out = text[words_[k][0] : words_[-1][1]]
    return out[:-2] if out.endswith(("’s", "'s")) else out


__all__ = ["Body", "Reading", "resolve"]
