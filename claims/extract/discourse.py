"""What a sentence's credit depends on beyond the sentence: acronyms the article defines, the
bodies named before ("the monitor", "it", "he"), people named later ("Iraq's prime minister
says ..." then "Haider al-Abadi says"), and the country a nameless source speaks from.

Article state lives in ctx.cache, computed once per article and only when a claim needs it;
looking back reads at most HISTORY characters, so a long text costs no more per claim."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claims.aliases import Alias
from claims.extract.attribution_words import Words, words
from claims.extract.bodies import Body, Reading, resolve
from claims.extract.phrases import Sentence, Tok, phrase_after, quotes, tokens
from claims.extract.speech import Cue, find_cues
from claims.places import country_of

if TYPE_CHECKING:
    from claims.extract.context import Context

HISTORY = 1200  # characters looked back for the body a back-reference names
KEEP = 12_000  # what is known about sentences further back than this is dropped
PARAGRAPH_REACH = 5000  # characters a paragraph runs on for at most, either way
PRUNE_EVERY = 256  # sentences read between two prunings of what is kept about them
AHEAD = 2  # sentences looked ahead for the person a role names
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'-]+\s+)+$")  # the given names before a surname
_SKIP_INITIAL = frozenset({"of", "for", "the", "and", "on", "in", "de", "des", "du", "la", "&"})


Mention = tuple[int, int, Alias]


@dataclass
class Article:
    """What attribution keeps about one article, in ctx.cache["attribution"]."""

    mentions: dict[tuple[int, int], list[Mention]] = field(default_factory=dict)
    cues: dict[tuple[int, int], list[Cue]] = field(default_factory=dict)
    resolved: dict[tuple[int, int], list[Body]] = field(default_factory=dict)
    named: dict[tuple[int, int], list[Body]] = field(default_factory=dict)
    acronyms: dict[str, Alias] | None = None
    blocks: list[int] | None = None  # where a paragraph ends "X said:"
    publisher: list[Body] | None = None  # [] when the outlet is no body
    credits: dict[tuple[int, int], Any] | None = None  # figure span -> Credit, when asked for
    quotes: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    words: Words | None = None
    neighbours: dict[tuple[int, int], Any] = field(default_factory=dict)  # sentence -> credit
    settled: dict[tuple[int, int, int], Body] = field(default_factory=dict)
    closing: dict[tuple[int, int], Body | str] = field(default_factory=dict)


    def prune(self, before: int) -> None:
        """Forget what was read about sentences starting before `before` (text is read in
        order; on a long text the caches would otherwise grow with it)."""
        for cache in (self.mentions, self.cues, self.resolved, self.named, self.quotes,
                      self.neighbours, self.closing):  # fmt: skip
            for key in [k for k in cache if k[0] < before]:
                del cache[key]
        for spot in [k for k in self.settled if k[0] < before]:
            del self.settled[spot]


def article(ctx: Context) -> Article:
    """The attribution state of the article being read (made on first use)."""
    try:
        state = ctx.cache["attribution"]
    except KeyError:
        state = ctx.cache["attribution"] = Article()
    assert isinstance(state, Article)
    return state


def lexicon_words(ctx: Context) -> Words:
    """The attribution words of the source's language."""
    state = article(ctx)
    if state.words is None:
        state.words = words(ctx.lexicon)
    return state.words


def sentence_quotes(ctx: Context, s: int, e: int) -> list[tuple[int, int]]:
    """The quotations of text[s:e] (cached: every claim of the sentence asks)."""
    cache = article(ctx).quotes
    if (s, e) not in cache:
        cache[(s, e)] = quotes(ctx.text, s, e)
    return cache[(s, e)]


def paragraph(text: str, pos: int) -> tuple[int, int]:
    """The run of text between line breaks holding pos (at most PARAGRAPH_REACH each way: a
    text without line breaks is not one paragraph of megabytes)."""
    lo, hi = max(0, pos - PARAGRAPH_REACH), min(len(text), pos + PARAGRAPH_REACH)
    start = text.rfind("\n", lo, pos)
    end = text.find("\n", pos, hi)
    return (lo if start < 0 else start + 1), (hi if end < 0 else end)


def mentions(ctx: Context, s: int, e: int) -> list[Mention]:
    """The alias table's bodies written in text[s:e], with the alias each stands for."""
    cache = article(ctx).mentions
    found = cache.get((s, e))
    if found is None:
        found = []
        for m in ctx.aliases.mentions(ctx.text, s, e):
            alias = ctx.aliases.find(m.group(0))
            if alias is not None:
                found.append((m.start(), m.end(), alias))
        cache[(s, e)] = found
    return found


def acronyms(ctx: Context) -> dict[str, Alias]:
    """Acronyms the article defines ("the Kurdistan Democratic Party (KDP)"), once per article."""
    state = article(ctx)
    if state.acronyms is None:
        found: dict[str, Alias] = {}
        for m in _ACRONYM.finditer(ctx.text):
            acronym = m.group(1)
            if ctx.aliases.find(acronym) is not None:
                continue
            name = _defined(ctx.text, m.start(), acronym)
            if name:
                alias = ctx.aliases.find(name)
                found[acronym] = alias or Alias(name, acronym, "")
        state.acronyms = found
    return state.acronyms


def _defined(text: str, at: int, acronym: str) -> str | None:
    """The capitalised words before `at` whose initials spell the acronym, or None."""
    toks = [t for t in tokens(text, max(0, at - 160), at) if t[2][0].isalnum()]
    letters = [c for c in acronym if c.isupper()]
    picked: list[Tok] = []
    for t in reversed(toks):
        if t[3] in _SKIP_INITIAL:
            continue
        if not t[2][:1].isupper():
            break
        picked.insert(0, t)
        initials = [x[2][0].upper() for x in picked]
        if initials == letters:
            return text[picked[0][0] : picked[-1][1]]
        if len(picked) > len(letters):
            break
    return None


def sentence_cues(ctx: Context, s: int, e: int, low: str | None = None) -> list[Cue]:
    """The cues of text[s:e], their bodies as the sentence names them (cached; `low` is the
    sentence in lower case where the caller has it)."""
    state = article(ctx)
    cache = state.cues
    found = cache.get((s, e))
    if found is None:
        w = lexicon_words(ctx)
        found = find_cues(ctx.text, s, e, w, ctx.aliases, lambda: acronyms(ctx), low)
        cache[(s, e)] = found
        if len(cache) % PRUNE_EVERY == 0:
            state.prune(s - KEEP)
    return found


def settle(ctx: Context, body: Body, s: int, e: int, pos: int) -> Body:
    """A body with what its sentence leaves open resolved: back-references, surnames, roles,
    and the country of a nameless source (from the sentence around pos)."""
    if body.kind not in _OPEN and not body.needs_country:
        return body
    cache = article(ctx).settled
    key = (body.start, body.end, pos if body.needs_country else -1)
    if key not in cache:
        cache[key] = _settle(ctx, body, s, e, pos)
    return cache[key]


_PRONOUNS = frozenset({"person", "body", "plural", "speaker"})
_OPEN = frozenset({"anaphor", "proper", "role", "person"})


def _settle(ctx: Context, body: Body, s: int, e: int, pos: int) -> Body:
    if body.kind == "anaphor":
        body = _back_reference(ctx, body, s)
    elif body.kind == "proper":
        body = _proper(ctx, body, s)
    elif body.kind == "role":
        body = _role(ctx, body, s, e)
    elif body.kind == "person":
        body = _person(ctx, body, s)
    if body.needs_country:
        body = _country(ctx, body, s, e, pos)
    return body


def sentences(ctx: Context, lo: int, hi: int, limit: int = 10_000) -> Iterator[tuple[int, int]]:
    """The (start, end) of each sentence starting in text[lo:hi], blank lines skipped."""
    pos = lo
    while pos < hi and limit > 0:
        a, b = ctx.sentences.bounds(pos)
        if a >= hi:
            return
        if b > a:
            limit -= 1
            yield a, b
        pos = max(b, pos + 1)


def history(ctx: Context, pos: int) -> Iterator[Body]:
    """The bodies named or credited before pos, nearest first (up to HISTORY characters before,
    in this paragraph or the ones before): read back one sentence at a time, so a
    back-reference stops early."""
    text = ctx.text
    lo = max(0, pos - HISTORY)
    x = pos - 1
    while x >= lo:
        while x >= lo and text[x].isspace():
            x -= 1
        if x < lo:
            return
        a, b = ctx.sentences.bounds(x)
        if a > x:  # only spaces there
            x -= 1
            continue
        yield from reversed(_credited(ctx, a, b))
        yield from reversed(_named(ctx, a, b))  # looked up only if no credited body fits
        x = a - 1


def _credited(ctx: Context, s: int, e: int) -> list[Body]:
    """The bodies a sentence's cues credit, resolved, in order (cached)."""
    cache = article(ctx).resolved
    found = cache.get((s, e))
    if found is None:
        cache[(s, e)] = []  # a sentence never refers back to itself
        bodies = (settle(ctx, c.body, s, e, c.start) for c in sentence_cues(ctx, s, e))
        found = [b for b in bodies if b.canonical]
        cache[(s, e)] = found
    return found


def _named(ctx: Context, s: int, e: int) -> list[Body]:
    """The bodies of the alias table a sentence names outside its cues, in order (cached)."""
    cache = article(ctx).named
    found = cache.get((s, e))
    if found is None:
        taken = [(c.start, c.end) for c in sentence_cues(ctx, s, e)]
        found = [
            Body(alias.canonical, ctx.text[a:b], a, b, "alias", "alias", type=alias.type)
            for a, b, alias in mentions(ctx, s, e)
            if not any(x <= a < y for x, y in taken)
        ]
        cache[(s, e)] = found
    return found


def _back_reference(ctx: Context, body: Body, s: int) -> Body:
    """ "the monitor", "the ministry", "it", "he": the last body named that fits."""
    w = lexicon_words(ctx)
    refers = body.refers
    types = w.anaphora.get(refers, frozenset()) | {refers}
    fits: Callable[[Body], bool]
    if refers == "person":
        fits = lambda b: bool(b.speaker) or b.kind == "person"  # noqa: E731
    elif refers in ("body", "plural"):
        fits = lambda b: b.kind != "person"  # noqa: E731
    elif refers in ("speaker", "document"):
        fits = lambda b: True  # noqa: E731
    else:
        fits = lambda b: b.type in types or bool(types & b.heads)  # noqa: E731
    first: Body | None = None
    last = None
    for b in history(ctx, s):
        first = first or b
        if fits(b):
            last = b
            break
    if last is None and refers in w.roles | {"plural"}:  # "the professor": who spoke last
        last = first
    if last is None:  # "the coalition" with none named before is kept; a bare "he" names no one
        name = "" if refers in _PRONOUNS else _plain(body.text, w)
        return body._replace(canonical=name, kind="unknown", resolution="unknown-body")
    return last._replace(text=body.text, start=body.start, end=body.end,
                   resolution="back-reference", heads=last.heads | body.heads)  # fmt: skip


def _plain(text: str, w: Words) -> str:
    """A phrase without its leading determiner: "the coalition" is "coalition"."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in w.determiners | {"this", "that", "its"} else text


def _proper(ctx: Context, body: Body, s: int) -> Body:
    """A bare capitalised name: a place that speaks ("Gaza said"), or a person named earlier."""
    # An acronym ("KIO") is a body's short name, never a place that speaks, whatever small
    # place the gazetteer happens to know by those letters.
    acronym = body.text.isupper() and body.text.isalpha()
    place = None if acronym else ctx.places.resolve(body.text)
    w = lexicon_words(ctx)
    if place is not None:
        country = w.state.country(place)
        name = w.state.government(country) if country else w.state.names["place"].format(
            place=body.text)  # fmt: skip
        return body._replace(canonical=name, kind="state", type="government",
                       resolution="place-speaks")  # fmt: skip
    earlier = _introduced(ctx, body.text, body.start)  # "Obasanjo" after "Olusegun Obasanjo"
    return earlier or body._replace(kind="unknown")


def _person(ctx: Context, body: Body, s: int) -> Body:
    """A person credited by name: the organisation they were introduced with, if any."""
    return _introduced(ctx, body.canonical.split()[-1], body.start) or body


def _introduced(ctx: Context, surname: str, before: int) -> Body | None:
    """The body a person was introduced with earlier ("Tim Vanden Bempt, who is part of ... at
    the University of Ghent"): that organisation, spoken for by them."""
    text = ctx.text
    at = text.find(surname, max(0, before - 4 * HISTORY), before)
    if at < 0 or len(surname) < 3:
        return None
    name = _NAME_BEFORE.search(text, max(0, at - 40), at)
    if name is None:
        return None
    head = name.start()
    s, e = ctx.sentences.bounds(head)
    sent = Sentence(text, head, e)
    ph = phrase_after(sent, head, lexicon_words(ctx))
    if ph is None:
        return None
    r = Reading(sent, lexicon_words(ctx), ctx.aliases, lambda: acronyms(ctx))
    found = resolve(r, ph)
    if found is None or found.kind in ("proper", "anaphor", "role", "unknown"):
        return None
    return found._replace(text=found.text, resolution="titled-person")


def _role(ctx: Context, body: Body, s: int, e: int) -> Body:
    """A principal named by role ("Iraq's prime minister says"): the person holding that role
    elsewhere in the article, else the next person credited, else the role's organisation."""
    person = _holder(ctx, body.refers, body.start, body.end)
    if person is None:
        for a, b in sentences(ctx, e, len(ctx.text), AHEAD):
            people = [c.body for c in sentence_cues(ctx, a, b) if c.body.kind == "person"]
            if people:
                person = people[0].canonical
                break
    if person is None:
        return body._replace(kind="organisation", resolution=body.type, type="")
    return body._replace(canonical=person, speaker=person, kind="person", type="person")


def _holder(ctx: Context, role: str, start: int, end: int) -> str | None:
    """A person written next to the role word elsewhere in the article: "envoy Olusegun
    Obasanjo", "Olusegun Obasanjo, the African Union peace envoy"."""
    if not role:
        return None
    w = lexicon_words(ctx)
    for m in re.finditer(rf"\b{re.escape(role)}\b", ctx.text, re.I):
        if start <= m.start() < end:
            continue
        after = [t for t in tokens(ctx.text, m.end(), m.end() + 40) if t[2][0].isalnum()]
        name = [t[2] for t in after[:3] if t[2][:1].isupper() and t[3] not in w.stops]
        if len(name) >= 2 and after[0][2][:1].isupper():
            return " ".join(name)
        before = tokens(ctx.text, max(0, m.start() - 100), m.start())
        comma = next((k for k in range(len(before) - 1, -1, -1) if before[k][2] == ","), None)
        if comma is not None and comma >= 2:
            run = [t[2] for t in before[max(0, comma - 3) : comma] if t[2][:1].isupper()]
            if len(run) >= 2 and before[comma - 1][2][:1].isupper():
                return " ".join(run)
    return None


def _country(ctx: Context, body: Body, s: int, e: int, pos: int) -> Body:
    """A nameless source or an unqualified ministry, named from its country. A ministry's comes
    from its own words ("Gaza's", "in Sudan"), else the article's main place, never from an
    actor near the figure ("Israeli strikes killed 30, the health ministry said"); a nameless
    source's is the nationality written nearest the figure, else the place there."""
    st = lexicon_words(ctx).state
    if body.needs_country == "anonymous":
        country = _nearest_nationality(ctx, body, s, e, pos) or _country_at(ctx, s, e, pos)
    else:
        country = _own_country(ctx, body) or _article_country(ctx) or _country_at(ctx, s, e, pos)
    if country is None:
        return body._replace(needs_country="")
    if body.needs_country == "anonymous":
        name = f"{st.adjective[country]} {body.canonical}"
        return body._replace(canonical=name, needs_country="")
    portfolio = body.needs_country.partition(":")[2]
    if not portfolio:
        return body._replace(needs_country="")
    return body._replace(canonical=st.body("ministry", country, portfolio), needs_country="")


def _nearest_nationality(ctx: Context, body: Body, s: int, e: int, pos: int) -> str | None:
    """The country of the nationality or country written nearest pos in text[s:e], outside
    the body's own words."""
    st = lexicon_words(ctx).state
    near = sorted(
        (abs(t[0] - pos), c)
        for t in tokens(ctx.text, s, e)
        if t[2][:1].isupper() and not (body.start <= t[0] < body.end) and (c := st.country(t[2]))
    )
    return near[0][1] if near else None


def _country_in(ctx: Context, place: str | None) -> str | None:
    """The country of the nationality table a place lies in (or is)."""
    if not place:
        return None
    home = country_of(place) or place
    return lexicon_words(ctx).state.country(home)


def _country_at(ctx: Context, s: int, e: int, pos: int) -> str | None:
    """The country of the place a figure at pos is tied to."""
    return _country_in(ctx, ctx.place_near(s, e, pos)[0])


def _own_country(ctx: Context, body: Body) -> str | None:
    """The country a body's own words place it in: "Gaza's health ministry", "the health
    ministry in Darfur" (a nationality there is read by bodies._state already)."""
    for m in ctx.places_in(*ctx.sentences.bounds(body.start)):
        if body.start <= m.start and m.end <= body.end:
            country = _country_in(ctx, m.name)
            if country:
                return country
    return None


def _article_country(ctx: Context) -> str | None:
    """The country of the place the article names most."""
    return _country_in(ctx, ctx.main_place())


__all__ = ["Article", "acronyms", "article", "history", "mentions", "paragraph", "sentence_cues",
           "sentence_quotes", "sentences", "settle"]
