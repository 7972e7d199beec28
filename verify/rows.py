"""Claims flattened for the cross-check: scope, the day or period, place and subject keys, and
the interval a figure stands for, computed once so that grouping and comparing are plain loops.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.model import Claim, Kind, Modality, Source, Status, date_bounds
from claims.store_facts import article_place, claim_sentence, sentence_around
from claims.store_write import SourceHead
from verify.check_read import ClaimRecord
from verify.settings import Settings

INCIDENT, TOTAL, UNKNOWN = "incident", "total", "unknown"
SPECIFIC_KINDS = frozenset({"city", "town", "village", "district", "neighbourhood", "site"})
COARSE_KINDS = frozenset({"country", "province", "region"})
# "people" and an unsaid subject may count civilians too: they are compared with civilians,
# the broader count being allowed to be the larger (DESIGN: civilians vs fighters never).
BROAD_SUBJECTS = frozenset({"people", "civilians"})
LOOSE_SPREAD = 2.0  # an interval whose top is more than twice its bottom is a loose figure


@dataclass(slots=True)
class ClaimRow:
    """A claim flattened for the hot path: plain values, no validation, no pydantic."""

    id: str
    source_id: str
    kind: str
    subject: str | None  # as stored: "civilians", "civilians (famine deaths)"
    klass: str  # the subject class blocks are keyed on: "people" holds people and civilians
    refinement: str  # the subject's words in parentheses, lower case; "" when none
    part: bool  # a sub-count of another figure ("including 127 children")
    place: str | None  # canonical place of the claim, or of its article when inferred
    specific: bool  # the place is a town, city or site (an incident can be matched on it)
    inferred: bool  # place taken from the claim's article, not stated with the figure
    scope: str  # incident, total or unknown (the text gives neither a day nor a period)
    scope_stated: bool  # the claim carries its scope (extracted or set by hand), not inferred
    start: int | None  # day ordinal a total counts from (None: not stated)
    asof: int | None  # day ordinal the figure stands as of (an incident: its day)
    site: str | None  # an incident's site as written, lower case
    low: int | None
    high: int | None
    lo: float  # the interval compared: a floor "more than X" reads as X to X * (1 + margin)
    hi: float
    value: float  # the figure as a reader takes it, for the size of a gap
    loose: bool  # a wide or open-below interval ("hundreds", "up to"): never bridges two runs
    attribution: str | None  # canonical body
    event: str | None
    day0: int | None  # ceasefire date range, as day ordinals
    day1: int | None
    sentence: str  # the passage around the figure, for near-duplicate detection
    label: str  # the source as a reader names it: outlet, else title or file
    figure: str  # the figure as written, with its qualifier
    content: str  # what a review decision depends on: figures, dates, attribution, status
    published: int | None = None  # day ordinal the article appeared
    city: bool = False  # the place is a city: many incidents a day, told apart by day or site
    dated: bool = False  # the text gives the figure's day or period (not the article's day)
    event_part: str | None = None  # a whole event's toll: the part it covers ("" the whole)
    closed: bool = False  # ... of an event that ran its course ("the nine-month battle")
    carried: bool = False  # ... taken from its article's toll of the event (see events)
    period: str | None = None  # the period as written
    truce_start: int | None = None  # an announcement's truce: the day it starts (see truces)
    attack: frozenset[str] = frozenset()  # kinds of attack its passage tells of ("air")
    whole: float | None = None  # a sub-count's: the value of the count it is part of
    vague: bool = False  # worded as a magnitude ("hundreds", "tens of thousands"), not a count


@lru_cache(maxsize=4096)
def magnitude_words(figure: str | None) -> bool:
    """True when a figure as written is a magnitude ("hundreds", "tens of thousands of"), not
    numbers: a range stated as two figures ("100 to 300") is an estimate that can disagree.
    The words are the lexicon's vague plurals."""
    if not figure or any(c.isdigit() for c in figure):
        return False
    from claims.lexicon import lexicon

    words = set(figure.lower().split())
    return any(set(v.split()) <= words for v in lexicon()["numbers"]["vague"])


@lru_cache(maxsize=4096)
def split_subject(subject: str | None) -> tuple[str | None, str]:
    """A subject's head and refinement: "civilians (famine deaths)": civilians, famine deaths."""
    if not subject:
        return None, ""
    head, _, rest = subject.partition("(")
    return head.strip().lower() or None, rest.rstrip(") ").strip().lower()


def subject_class(subject: str | None) -> str:
    """The class a subject is blocked in: people and civilians together, narrower ones apart."""
    head, _ = split_subject(subject)
    if head is None or head in BROAD_SUBJECTS:
        return "people"
    return head


@lru_cache(maxsize=4096)
def broader(a: str | None, b: str | None) -> bool:
    """True when subject a strictly contains subject b (people contain civilians)."""
    from claims.subjects import is_subset

    ha, hb = split_subject(a)[0] or "people", split_subject(b)[0] or "people"
    return ha != hb and is_subset(hb, ha)


@lru_cache(maxsize=8192)
def canonical_place(place: str | None) -> str | None:
    """The gazetteer's name for a place as stored, else the place as written."""
    if not place:
        return None
    from claims.places import resolve_place

    return resolve_place(place) or place


@lru_cache(maxsize=8192)
def is_specific(place: str | None) -> bool:
    """A town, city or named site: a place an incident can be matched on. A place the gazetteer
    does not know counts as specific only when it is not a known larger unit."""
    if not place:
        return False
    from claims.places import kind_of

    kind = kind_of(place)
    return kind in SPECIFIC_KINDS or kind is None


@lru_cache(maxsize=8192)
def is_city(place: str | None) -> bool:
    """A city, where several incidents a day are common."""
    from claims.places import kind_of

    return bool(place) and kind_of(place) == "city"  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def ceasefire_area(place: str | None) -> str | None:
    """The area a ceasefire is about: the region, else the province, else the place itself."""
    if not place:
        return None
    from claims.places import province_of, region_of

    return region_of(place) or province_of(place) or canonical_place(place)


def _area(place: str | None) -> str | None:
    """A ceasefire's area; a whole country says no more than the article does (None)."""
    from claims.places import kind_of

    return None if not place or kind_of(place) == "country" else ceasefire_area(place)


@lru_cache(maxsize=1024)
def canonical_body(name: str | None) -> str | None:
    """The canonical body for an attribution, through the alias table."""
    if not name:
        return None
    from claims.aliases import default_aliases

    return default_aliases().lookup(name) or name


def interval(low: int | None, high: int | None, estimate: int | None,
             margin: float) -> tuple[float, float, float, bool]:
    """The interval compared, the figure's value, and whether it is loose.

    A floor ("more than 400,000") is read as the writer's figure rounded down: from X up to
    X * (1 + margin), so "more than 900" agrees with one thousand but not with 5,000.
    """
    if low is None and high is None:
        point = float(estimate or 0)
        return point, point, point, False
    if high is None:
        x = float(low or 0)
        return x, x * (1 + margin), float(estimate or x), False
    if low is None:
        return 0.0, float(high), float(estimate or high), True
    lo, hi = float(low), float(high)
    loose = hi > LOOSE_SPREAD * max(lo, 1)
    if estimate is not None:
        value = float(estimate)
    elif loose:
        value = math.sqrt(max(lo, 1) * hi)  # "hundreds" is a range, not 600
    else:
        value = (lo + hi) / 2
    return lo, hi, value, loose


def scope_of(claim: AnyClaim, settings: Settings) -> tuple[str, bool]:
    """The claim's scope and whether it was stated: a one-day period is an incident, a longer
    period (or a start, "since") a total; with neither, unknown."""
    if claim.scope is not None:
        return claim.scope.value, True
    start, end = claim.period_start, claim.period_end
    if start is not None and end is not None:
        days = (end - start).days
        return (INCIDENT if days <= settings.incident_window_days else TOTAL), False
    if start is not None or end is not None:
        return TOTAL, False  # "since 1 June", "as of 18 November"
    return UNKNOWN, False


def _day(value: dt.date | None) -> int | None:
    return value.toordinal() if value is not None else None


def written(low: int | None, high: int | None, estimate: int | None) -> str | None:
    """A figure given only as numbers, as a reader says it: "970-1,260", "400,000"."""
    if estimate is not None:
        return f"{estimate:,}"
    if low is not None and high is not None and low != high:
        return f"{low:,}-{high:,}"
    point = low if low is not None else high
    return None if point is None else f"{point:,}"


def figure_text(qualifier: str | None, figure: str | None, value: float) -> str:
    """The figure as written with its qualifier: "more than 400,000"."""
    written = figure or f"{round(value):,}"
    if qualifier and not written.lower().startswith(qualifier.lower()):
        written = f"{qualifier} {written}"
    # a figure that opened its sentence ("At least seven") reads mid-sentence in a reason
    if written[:1].isupper() and not written[1:2].isupper():
        written = written[0].lower() + written[1:]
    return written


_FRACTION = re.compile(r"\d+[.,]\d{1,2}")
Head = Source | SourceHead  # a source with its text, or as the check reads it: without
AnyClaim = Claim | ClaimRecord  # a claim, or as the check reads it from its row


def source_label(source: Head | None, claim: AnyClaim) -> str:
    """A short name a reader knows a source by."""
    if source is not None and source.outlet:
        return source.outlet
    if source is not None and source.title:
        return source.title[:40]
    path = (source.path if source else None) or claim.source_path
    return file_name(path) if path else claim.source_id[:8]


@lru_cache(maxsize=4096)
def file_name(path: str) -> str:
    """The last part of a path (the rows of one corpus file share it: worked out once)."""
    return Path(path).name


def _content(claim: AnyClaim) -> str:
    q = claim.quantity
    parts = (claim.id, q.low if q else None, q.high if q else None, q.estimate if q else None,
             q.qualifier if q else None, claim.date, claim.event, claim.attribution,
             claim.status.value, claim.subject, claim.place, claim.period_start,
             claim.period_end, claim.modality.value, claim.scope)
    return "|".join("" if p is None else str(p) for p in parts)


def comparable(claim: AnyClaim) -> bool:
    """Active reported claims with a figure (or a ceasefire event) are compared."""
    if claim.status is not Status.active or claim.modality is not Modality.reported:
        return False  # projections and denials are not counts (issue 4)
    if claim.kind is Kind.ceasefire:
        return True
    q = claim.quantity
    if q is None or q.low is None and q.high is None and q.estimate is None:
        return False
    # people come whole: "28.05" or "19.07" with no "million" after it is a date, not a count
    return not (q.figure and _FRACTION.fullmatch(q.figure.strip()))


def row_of(claim: AnyClaim, source: Head | None, settings: Settings | None = None,
           sentence: str | None = None) -> ClaimRow | None:
    """The row of an active reported claim that can be compared, else None; `sentence` is the
    one stored with the claim (else it is found in the source's text, when given one)."""
    if not comparable(claim):
        return None
    settings = settings or Settings()
    published = source.published if source else None
    q = claim.quantity
    low, high, est = (q.low, q.high, q.estimate) if q else (None, None, None)
    lo, hi, value, loose = interval(low, high, est, settings.bound_margin) if q else (
        0.0, 0.0, 0.0, False)
    scope, stated = scope_of(claim, settings)
    end = claim.period_end or (claim.period_start if scope == INCIDENT else None) or published
    bounds = date_bounds(claim.date)
    place = canonical_place(claim.place)
    _, refinement = split_subject(claim.subject)
    if sentence is None and isinstance(claim, ClaimRecord):
        sentence = claim.sentence
    if sentence is None and isinstance(source, Source) and isinstance(claim, Claim):
        sentence = claim_sentence(source.text, claim)
    if sentence is None:  # no text at hand: the context stored with the span
        sentence = claim.span.prefix + claim.span.quote + claim.span.suffix
    return ClaimRow(
        id=claim.id, source_id=claim.source_id, kind=claim.kind.value, subject=claim.subject,
        klass=subject_class(claim.subject), refinement=refinement, part=claim.part_of is not None,
        place=_area(place) if claim.kind is Kind.ceasefire else place,
        specific=bool(claim.site) or is_specific(place), inferred=False, scope=scope,
        scope_stated=stated, start=_day(claim.period_start) if scope == TOTAL else None,
        asof=_day(end), site=claim.site.strip().lower() if claim.site else None,
        low=low, high=high, lo=lo, hi=hi, value=value, loose=loose,
        vague=loose and low is not None and magnitude_words(q.figure if q else None),
        attribution=canonical_body(claim.attribution),
        event=claim.event.value if claim.event else None,
        day0=_day(bounds[0]) if bounds else None, day1=_day(bounds[1]) if bounds else None,
        sentence=sentence,
        label=source_label(source, claim),
        figure=figure_text(q.qualifier, q.figure or written(low, high, est), value) if q
        else (claim.event or "ceasefire"),
        content=_content(claim), published=_day(published), city=is_city(place),
        dated=claim.period_start is not None or claim.period_end is not None,
        event_part=event[0] if (event := _event(claim, scope)) else None,
        closed=bool(event and event[1]), period=claim.period,
        attack=attacks(sentence) if scope != TOTAL and claim.kind is not Kind.ceasefire
        else frozenset(),
    )


@lru_cache(maxsize=65536)
def attacks(sentence: str) -> frozenset[str]:
    from claims.extract.scope import attack_classes

    return attack_classes(sentence)


def _event(claim: AnyClaim, scope: str) -> tuple[str, bool] | None:
    """The part of an event a total covers and whether the event ran its course, when its
    period is an event's ("in the first month of the crackdown"), not dates."""
    if scope != TOTAL or claim.period_start is not None or claim.kind is Kind.ceasefire:
        return None
    return event_key(claim.period)


@lru_cache(maxsize=4096)
def event_key(period: str | None) -> tuple[str, bool] | None:
    from claims.extract.periods import event_of

    found = event_of(period)
    return (found.portion, found.closed) if found else None


def rows_of(claims: Iterable[AnyClaim], sources: Sequence[Head], settings: Settings | None = None,
            sentences: Mapping[str, str | None] | None = None) -> list[ClaimRow]:
    """Rows of the comparable claims; a headline restating its article's figure takes that
    figure's scope, and claims without a place take their article's. Sources read without
    their texts (SourceHead) bring their stored main place, `sentences` the stored sentences:
    then no text is read."""
    by_id = {s.id: s for s in sources}
    said = sentences or {}
    from verify.events import carry_events, event_places, small_totals
    from verify.truces import truce_starts

    claims = list(claims)
    rows = [r for c in claims
            if (r := row_of(c, by_id.get(c.source_id), settings, said.get(c.id))) is not None]
    starts = truce_starts(claims)  # type: ignore[arg-type]  # a record has a Claim's fields
    values = {r.id: r.value for r in rows}
    wholes = {c.id: values.get(c.part_of) for c in claims if c.part_of}
    for r in rows:
        r.truce_start = starts.get(r.id)
        r.whole = wholes.get(r.id)
    main = {s.id: p for s in sources if (p := main_place_of(s))}
    restate(rows)
    compete(rows)
    settings = settings or Settings()
    carry_events(rows, settings.scope_ratio)
    event_places(rows, main)
    small_totals(rows, settings.incident_ceiling)
    infer_places(rows, main)
    return rows


def restate(rows: Sequence[ClaimRow]) -> None:
    """A claim of unknown scope that gives the same figure as a scoped claim of its article
    (a headline and its lede) is that claim again: it takes its scope, day and place."""
    scoped: dict[tuple[str, str, str, float, float], list[ClaimRow]] = {}
    for r in rows:
        if r.scope != UNKNOWN and r.kind != "ceasefire":
            scoped.setdefault((r.source_id, r.kind, r.klass, r.lo, r.hi), []).append(r)
    for r in rows:
        if r.scope != UNKNOWN or r.kind == "ceasefire":
            continue
        found = scoped.get((r.source_id, r.kind, r.klass, r.lo, r.hi), [])
        shapes = {(f.scope, f.start, f.asof, f.place, f.site) for f in found}
        if len(shapes) != 1 or (r.place and not _holds(r.place, found[0].place)):
            continue  # no figure to restate, or several: the claim keeps its unknown scope
        f = found[0]
        r.scope, r.start, r.asof, r.site, r.specific = f.scope, f.start, f.asof, f.site, f.specific
        r.place, r.city, r.dated = f.place, f.city, f.dated


def compete(rows: Sequence[ClaimRow], ratio: float = 100.0) -> None:
    """A body's figure of unknown scope beside another body's total of the same kind, subject
    and place in one article is that body's estimate of the same count ("MSF says 6,700 were
    killed in the first month; officials say 400"): it takes the total's period. Only with one
    such total over more than a day, a figure within `ratio` of it, and two different named
    bodies; a figure whose passage tells of an attack or a site ("seven hurt when shells hit
    the market") is that attack's."""
    totals: dict[tuple[str, str, str, str | None], list[ClaimRow]] = {}
    for r in rows:
        if (r.scope == TOTAL and r.kind != "ceasefire" and r.attribution and not r.part
                and (r.start is None or r.asof is None or r.asof - r.start > 1)):
            totals.setdefault((r.source_id, r.kind, r.klass, r.place), []).append(r)
    for r in rows:
        if (r.scope != UNKNOWN or not r.attribution or r.part or r.kind == "ceasefire"
                or r.attack or r.site):
            continue
        found = totals.get((r.source_id, r.kind, r.klass, r.place), [])
        if len({(f.start, f.asof) for f in found}) != 1:
            continue
        f = found[0]
        far = max(r.value, f.value) > ratio * max(min(r.value, f.value), 1)
        if f.attribution != r.attribution and not far:
            r.scope, r.start, r.asof = TOTAL, f.start, f.asof


def _holds(outer: str, inner: str | None) -> bool:
    from claims.places import place_within

    return inner is not None and (outer == inner or place_within(inner, outer))


LONG_DAYS = 365  # a total over more than a year, its place unstated, is the country's


def _long(r: ClaimRow) -> bool:
    return (r.scope == TOTAL and r.start is not None and r.asof is not None
            and r.asof - r.start > LONG_DAYS)


def _country(place: str) -> str:
    from claims.places import country_of

    return country_of(place) or place


def main_place_of(source: Head) -> str | None:
    """An article's main province: as stored, or found in its text."""
    return source.main_place if isinstance(source, SourceHead) else article_place(source)


def infer_places(rows: Sequence[ClaimRow], main_place: dict[str, str] | None = None) -> None:
    """Give a claim with no place its article's main province, flagged as inferred: likeliest,
    and the flag lowers the severity of what it takes part in (issue 4)."""
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        if r.place is not None and r.kind != "ceasefire":
            per = counts.setdefault(r.source_id, {})
            per[r.place] = per.get(r.place, 0) + 1
    for r in rows:
        if r.place is not None:
            continue
        place = (main_place or {}).get(r.source_id)
        if place is None and counts.get(r.source_id):
            per = counts[r.source_id]
            place = max(per, key=lambda p: (per[p], p))
        if place is not None and _long(r):
            place = _country(place)  # a war's toll is the country's, not the article's town's
        if place is not None:
            r.place = ceasefire_area(place) if r.kind == "ceasefire" else place
            r.specific = r.site is not None  # a town is matched on only when the claim names it
            r.inferred = True


__all__ = ["INCIDENT", "LONG_DAYS", "TOTAL", "UNKNOWN", "ClaimRow", "article_place",
           "broader", "canonical_place", "figure_text", "interval", "main_place_of", "row_of",
           "rows_of", "scope_of", "sentence_around", "split_subject", "subject_class"]
