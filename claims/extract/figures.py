"""The figure claims: a count of people killed, injured, displaced, returned, detained, missing
or living somewhere, read sentence by sentence.

Each figure is read with its qualifier and the noun phrase after it (claims.extract.phrase);
the kind rules (claims.extract.kinds, registered in order) name its kind; then its part of a
larger figure, subject, period and scope, modality, credit and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.extract import breakdown, kinds, scope
from claims.extract.attribution import credit_for
from claims.extract.context import Context
from claims.extract.furniture import not_a_count
from claims.extract.modality import earlier, modality, projected_after
from claims.extract.numbers import Figure, iter_figures
from claims.extract.phrase import Phrase, read_phrase
from claims.extract.qualifiers import qualifier_before, quantity
from claims.extract.rules import rules
from claims.extract.rx import Tokens
from claims.extract.tables import table_claims, table_context
from claims.lexicon import Lexicon
from claims.model import Claim, Kind, Modality, Quantity, Span
from claims.subjects import is_subset

_LIST_GAP = 40  # a figure this close after another, with no noun, counts the same people
# A clause ends at these; a comma then "where", "when", "while"... opens another with its own
# subject ("troops were deployed near Kafr Zita, where a road was mined").
_CLAUSE_STOP = re.compile(
    r"[;:]|\s[–—-]\s|\.\s|,\s+(?:where|when|while|whereas|after|before|as|because|although|though"
    r"|but|whose|whereby|until)\b|\s(?:but|whereas)\s")
_DASH = re.compile(r"\s[–—-]\s")
_BARE_REACH = 40  # a figure with no noun takes a verb only this close ("5,000 have fled")
_EARLIER_REACH = 100  # "previously put the death toll in Derna at 5,500": read this far back


@dataclass(slots=True)
class Item:
    """One figure of a sentence, being read."""

    figure: Figure
    qualifier: str | None
    q_start: int  # where the qualifier (or the figure) starts
    phrase: Phrase
    start: int  # the claim's span
    end: int
    kind: Kind | None = None
    rule: str | None = None
    subject: str | None = None
    parent: int | None = None  # index of the item this one is a part of
    like: int | None = None  # the item whose subject this one shares (a breakdown's first)
    window: tuple[int, int] | None = None  # where its place is written, when not the sentence
    members: tuple[int, ...] = ()  # the items breaking this one down by place
    combined: bool = False  # "434 casualties, including 321 fatalities and 113 injuries"


@dataclass
class Reading:
    """One sentence being read: its figures and what the rules share about them."""

    ctx: Context
    start: int
    end: int
    items: list[Item] = field(default_factory=list)
    stops: list[int] = field(default_factory=list)  # page furniture inside the sentence

    @property
    def lex(self) -> Lexicon:
        return self.ctx.lexicon

    @property
    def text(self) -> str:
        return self.ctx.text

    @property
    def tokens(self) -> Tokens:
        """The sentence's words, read once for every rule."""
        return self.ctx.tokens(self.start, self.end)

    def previous(self, i: int) -> Item | None:
        """The item before item i that was read as a claim."""
        return next((x for x in reversed(self.items[:i]) if x.kind is not None), None)

    def clause_end(self, pos: int, reach: int) -> int:
        """Where the clause holding pos ends, at most `reach` characters on. A pair of dashes
        holds an aside, not a clause end: "6,700 Rohingya – including 730 children – were"."""
        limit = min(self.end, pos + reach, *(s for s in self.stops if s > pos))
        dashes = _DASH.findall(self.text, self.start, pos)
        inside = len(dashes) % 2 == 1
        at = pos
        while (stop := _CLAUSE_STOP.search(self.text, at, limit)) is not None:
            if not _DASH.fullmatch(stop.group(0)):
                return stop.start()
            if inside:  # this dash closes the aside we are in
                inside, at = False, stop.end()
                continue
            closing = _DASH.search(self.text, stop.end(), self.end)
            if closing is None:
                return stop.start()
            at = closing.end()  # skip the aside
        return limit

    def next_item(self, i: int) -> Item | None:
        return self.items[i + 1] if i + 1 < len(self.items) else None

    def qualify_before(self, item: Item, pos: int) -> None:
        """Take a qualifier written before the trigger: "an estimated population of 120,000"."""
        if item.qualifier is None:
            q, q_start = qualifier_before(self.lex, self.text, pos, self.start)
            if q is not None:
                item.qualifier, item.start = q, q_start

    def part_cue(self, item: Item) -> bool:
        """True when words before the item make it a part: "including", "among them"."""
        window = self.text[max(self.start, item.q_start - 24) : item.q_start]
        return kinds.triggers(self.lex).parts.search(window) is not None

    def in_parentheses(self, pos: int) -> bool:
        """True when pos stands inside an open parenthesis of the sentence."""
        before = self.text[self.start : pos]
        return before.rfind("(") > before.rfind(")")

    def latest(self, kind: Kind) -> int | None:
        """A marker that the item is part of the article's latest count of this kind."""
        return -1 if any(k == kind for _, k, _ in _memory(self.ctx)) else None

    def by_value(self, value: int) -> tuple[Kind, str | None] | None:
        """The kind and subject of the latest claim in the article with this figure."""
        return next(((k, s) for v, k, s in reversed(_memory(self.ctx)) if v == value), None)


def _memory(ctx: Context) -> list[tuple[int | None, Kind, str | None]]:
    """(value, kind, subject) of the figure claims read so far in the article."""
    found = ctx.cache.setdefault("figures.memory", [])
    assert isinstance(found, list)
    return found


def figure_claims(ctx: Context) -> list[Claim]:
    """Every figure claim in the source's prose."""
    rows, taken = table_claims(ctx)
    out = list[Claim]()
    last = (-1, -1)
    batch: list[Figure] = []
    for f in iter_figures(ctx.text, lex=ctx.lexicon):
        if any(s <= f.start < e for s, e in taken):
            continue
        bounds = ctx.sentences.bounds(f.start)
        if bounds != last:
            out += _sentence(ctx, last, batch)
            last, batch = bounds, []
        batch.append(f)
    out += _sentence(ctx, last, batch)
    return table_context(rows, out) + out


def _sentence(ctx: Context, bounds: tuple[int, int], figures: list[Figure]) -> list[Claim]:
    s_start, s_end = bounds
    if not figures or not kinds.has_trigger(ctx.lexicon, ctx.text, s_start, s_end):
        return []
    r = Reading(ctx, s_start, s_end)
    for f in figures:
        if f.value == 0 or ctx.source.in_region(f.start, f.end):
            continue
        why = not_a_count(ctx.lexicon, ctx.text, f, s_start)
        if why == "widget":
            r.stops.append(f.start)  # a page widget's counters end the clause before them
        if why is not None:
            continue
        qualifier, q_start = qualifier_before(ctx.lexicon, ctx.text, f.start, s_start)
        phrase = read_phrase(ctx.lexicon, ctx.text, f.end, s_end, vague=f.value is None)
        if phrase.blocked and kinds.acts_on_people(r, q_start):  # "killed 10 worshippers"
            phrase = read_phrase(ctx.lexicon, ctx.text, f.end, s_end, f.value is None, True)
        if not phrase.blocked:
            r.items.append(Item(f, qualifier, q_start, phrase, q_start, max(phrase.end, f.end)))
    for i in range(len(r.items)):
        _read_kind(r, i)
    _read_back(r)
    _parts(r)
    return _build(r)


def _read_kind(r: Reading, i: int) -> None:
    item = r.items[i]
    for rule in rules("figure-kind"):
        assert rule.fn is not None
        kind = rule.fn(r, i)
        if kind is not None and _plausible(r, item, kind, rule.name):
            item.kind, item.rule = kind, rule.name
            return


def _read_back(r: Reading) -> None:
    """A figure counted among the next one, whose kind only its verb gives ("five children were
    among the 30 people killed"): read again once the next one's kind is known."""
    among = kinds.triggers(r.lex).among
    for i, item in enumerate(r.items[:-1]):
        nxt = r.items[i + 1]
        if item.kind is None and nxt.kind is not None and among.search(
            r.text, item.phrase.end, nxt.q_start
        ):
            _read_kind(r, i)


def _plausible(r: Reading, item: Item, kind: Kind, rule: str) -> bool:
    """A figure with no noun takes a verb only right after it ("5,000 have fled"); a population
    is a figure of some size ("two residents of the besieged suburbs" are people who spoke)."""
    floor = r.lex["figures"]["kinds"][kind.value].get("noun_floor", 0)
    if floor and (item.figure.value or (item.figure.vague or (0,))[0]) < floor:
        return False
    if rule != "post-trigger" or item.phrase.head is not None:
        return True
    gap = r.text[item.figure.end : item.end]
    return len(gap) <= _BARE_REACH and not any(
        item.figure.end < x.figure.start < item.end for x in r.items
    )


def _parts(r: Reading) -> None:
    """Which items are parts of another: "including 127 children", "29 of the 399 dead"."""
    t = kinds.triggers(r.lex)
    for i, item in enumerate(r.items):
        if item.kind is None or item.parent is not None:
            continue
        nxt = next((x for x in r.items[i + 1 :] if x.kind is not None), None)
        if nxt is not None and item.phrase.partitive and nxt.q_start < item.phrase.end:
            item.parent = r.items.index(nxt)  # "all but 29 of the 399 dead"
        elif nxt is not None and nxt.kind == item.kind and (
            item.rule == "among" or t.among.match(r.text, item.phrase.end, nxt.q_start)
        ):
            item.parent = r.items.index(nxt)  # "127 children figure among the 513 dead"
        elif r.part_cue(item):
            prev = next((j for j in range(i - 1, -1, -1) if r.items[j].kind == item.kind
                         and r.items[j].parent is None), None)
            item.parent = prev
        elif item.rule == "coordinated" and (before := r.previous(i)) is not None:
            item.parent = before.parent  # "including 316 children and 790 women"
    _combined(r)


def _combined(r: Reading) -> None:
    """A count in a noun holding the killed and the injured together ("434 casualties"), broken
    down into parts that name their own kind ("including 321 fatalities and 113 injuries",
    "including 20,000 killed"), counts both: its injured parts are parts of it too."""
    figs = r.lex["figures"]["parts"]
    own = ("noun-kind", "post-trigger", "pre-trigger")
    for i, whole in enumerate(r.items):
        if whole.kind != Kind.killed or whole.phrase.head not in figs["combined"]:
            continue
        parts = [j for j in range(i + 1, len(r.items)) if r.items[j].parent == i]
        for j in list(parts):  # "113 injuries" joined to a part ("321 fatalities and")
            nxt = r.next_item(j)
            if nxt is not None and nxt.kind == Kind.injured and nxt.parent is None and \
                    kinds.triggers(r.lex).coordinate.fullmatch(r.text, r.items[j].end,
                                                                nxt.q_start):
                nxt.parent = i
                parts.append(j + 1)
        if any(r.items[j].rule in own for j in parts):
            whole.combined = True


def _subject(r: Reading, i: int) -> str:
    found = _own_subject(r, i)
    if found == "people":
        return _among_group(r, r.items[i]) or found
    return found


def _refined(r: Reading, item: Item, subject: str) -> str:
    """The subject with what the words after its figure narrow it to: "people (in detention)"."""
    for label, pattern in r.lex.derived("figures.refinements", _refinements):
        if pattern.match(r.text, item.end, r.end):
            return f"{subject} ({label})"
    return subject


def _refinements(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    return [(label, re.compile(r"[\s,]*(?i:" + "|".join(f"(?:{p})" for p in patterns) + ")"))
            for label, patterns in lex["subjects"]["refinements"].items()]


def _combined_after(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(r"[\s,]*(?i:" + "|".join(lex["figures"]["parts"]["combined_after"]) + ")")


def _among(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(r"\s(?i:" + "|".join(lex["figures"]["parts"]["among_group"]) + ")")


def _among_group(r: Reading, item: Item) -> str | None:
    """The narrower subject of the group a figure of people is counted among: "nine people
    from the region among the militants killed" are militants, not people."""
    m = r.lex.derived("figures.among_group", _among).search(r.text, item.phrase.end, item.end)
    if m is None:
        return None
    group = read_phrase(r.lex, r.text, m.end(), r.end).subject
    return group if group and group != "people" and is_subset(group, "people") else None


def _own_subject(r: Reading, i: int) -> str:
    item = r.items[i]
    if item.subject:
        return item.subject
    if item.like is not None and r.items[item.like].subject:
        return r.items[item.like].subject or "people"
    from claims.extract.phrase import words

    bare_kind_noun = item.phrase.head in words(r.lex).head_kinds and item.phrase.subject == "people"
    if item.phrase.subject and not bare_kind_noun:
        return item.phrase.subject
    prev = r.previous(i)
    # "6 civilians killed and 15 injured"; not from a part: "127 children among the 513 dead"
    if (prev is not None and item.figure.start - prev.phrase.end <= _LIST_GAP and prev.subject
            and prev.parent != i):
        return prev.subject
    return item.phrase.subject or "people"


def _build(r: Reading) -> list[Claim]:
    ctx, out = r.ctx, list[Claim]()
    found = [x for x in r.items if x.kind is not None]
    if not found:
        return out
    spans = [(x.figure.start, x.figure.end) for x in found]
    periods = scope.periods_in(ctx, r.start, r.end)
    ids: dict[int, str] = {}
    for i, item in enumerate(r.items):
        if item.kind is None:
            continue
        item.subject = _refined(r, item, _subject(r, i))
        subject = _labelled(r, item)
        if ctx.source.in_region(item.start, item.end):
            continue
        who = credit_for(ctx, r.start, r.end, item.figure.start, item.figure.end, spans)
        refuge = bool(r.lex["figures"]["kinds"][item.kind.value].get("counted_at_refuge"))
        place, place_text = (ctx.place_near(r.start, r.end, item.figure.end, refuge)
                             if item.window is None else breakdown.place_of(r, item))
        when = scope.read(ctx, r.start, r.end, item.start, item.end, periods,
                          [x.end for x in found if x is not item], item.kind)
        parent = ids.get(item.parent) if item.parent is not None and item.parent >= 0 else None
        fields = dict(
            source_id=ctx.source.id, source_path=ctx.source.path, kind=item.kind,
            subject=subject, part_of=parent or (_latest_id(ctx, item.kind)
                                                     if item.parent == -1 else None),
            quantity=quantity(r.lex, item.figure, item.qualifier),
            place=place, place_text=place_text,
            period=when.text, period_start=when.start, period_end=when.end, scope=when.scope,
            site=when.site,
            attribution=who.canonical if who else None,
            attribution_text=who.text if who else None,
            attribution_via=who.via if who else None, speaker=who.speaker if who else None,
            modality=Modality.projected if item.rule == "noun-kind" and projected_after(
                r.lex, ctx.text, item.end, r.end) else modality(
                r.lex, ctx.text, max(r.start, item.start - 40), item.end, r.tokens),
            span=Span.of(ctx.text, item.start, item.end), rule=item.rule,
        )  # fmt: skip
        # fields left unset are not passed: a model keeps the names passed to it in a set, and
        # a set of every field name is most of a claim's memory
        claim = Claim(**{k: v for k, v in fields.items() if v is not None})
        ids[i] = claim.id
        out.append(claim)
        _memory(ctx).append((item.figure.value, item.kind, item.subject))
        ctx.cache.setdefault(f"figures.latest.{item.kind.value}", claim.id)
        if claim.part_of is None:
            ctx.cache[f"figures.latest.{item.kind.value}"] = claim.id
    # a part named before its whole ("127 children figure among the 513 dead") is linked now
    for i, item in enumerate(r.items):
        if item.parent is not None and item.parent > i and i in ids and item.parent in ids:
            at = next(n for n, c in enumerate(out) if c.id == ids[i])
            out[at] = out[at].model_copy(update={"part_of": ids[item.parent]})
    return out


def _labelled(r: Reading, item: Item) -> str:
    """The claim's subject with what the sentence says of its count as a whole: killed and
    injured together ("434 casualties, including ... 113 injuries"), or an earlier count
    ("previously put the toll at 5,500"), compared only with counts said the same way."""
    subject = item.subject or "people"
    if "(" in subject:
        return subject
    if item.combined or (item.kind == Kind.killed and item.rule != "pre-trigger" and r.lex.derived(
            "figures.combined_after", _combined_after).match(r.text, item.end, r.end)):
        return f"{subject} ({r.lex['figures']['parts']['combined_label']})"
    if earlier(r.lex, r.text, max(r.start, item.start - _EARLIER_REACH), item.start,
               item.q_start):
        return f"{subject} ({r.lex['modality']['earlier_label']})"
    return subject


def figure_in(text: str, language: str | None = None) -> Quantity | None:
    """The first figure written in a text (a quote typed by hand), with its qualifier, skipping
    dates and ages: "At least 12 civilians" is [12, open)."""
    from claims.lexicon import lexicon

    lex = lexicon(language)
    for f in iter_figures(text, lex=lex):
        if f.value != 0 and not_a_count(lex, text, f, 0) is None:
            return quantity(lex, f, qualifier_before(lex, text, f.start, 0)[0])
    return None


def _latest_id(ctx: Context, kind: Kind) -> str | None:
    found = ctx.cache.get(f"figures.latest.{kind.value}")
    return found if isinstance(found, str) else None
