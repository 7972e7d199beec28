"""Which claims are comparable: flat rows, blocked on kind, subject and place, then cut by time.

Grouping never compares every pair: claims are bucketed by (kind, subject class, place family,
time scale), each bucket sorted by its "as of" day and cut into windows, so the cost is the sort.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.model import Claim, Kind, Modality, Source, Status, date_bounds
from verify.settings import Settings

CUMULATIVE = frozenset({"killed", "injured", "displaced", "returned", "detained", "missing"})
DAY_SCALE_DAYS = 2  # a period this short is a day's toll
WEEK_SCALE_DAYS = 21  # up to this, a raid's or a week's toll, not an offensive's
LONG_SCALE_DAYS = 400  # a period this long is a war total ("since 2011")
# "people", "civilians", "Syrians" and an unsaid subject are counted together: reports of
# the displaced or the killed say either for the same crowd. Smaller groups (children, a side's
# fighters) compare only with their like (DESIGN: civilians vs fighters are not comparable).
BROAD_SUBJECTS = frozenset({"people", "civilians", "refugees", "syrians"})


@dataclass(slots=True)
class ClaimRow:
    """A claim flattened for the hot path: plain values, no validation, no pydantic."""

    id: str
    source_id: str
    kind: str
    subject: str | None
    klass: str  # the subject class grouping blocks on
    place: str | None
    family: str | None  # the province (or the place itself) grouping blocks on
    inferred: bool  # place taken from the claim's article, not stated with the figure
    asof: int | None  # day ordinal the figure stands as of: period end, else publication
    scale: str  # "day", "week", "short" (or unstated) or "long"
    low: int | None
    high: int | None
    value: float  # the figure compared: estimate, bound, or the middle of a vague range
    precise: bool  # False for vague ranges ("hundreds"): compared by interval only
    attribution: str | None  # canonical body
    event: str | None
    day0: int | None  # ceasefire date range, as day ordinals
    day1: int | None
    stated_period: bool
    sentence: str  # the passage around the figure, for near-duplicate detection
    label: str  # the source as a reader names it: outlet, else title or file
    figure: str  # the figure as written, with its qualifier
    content: str  # what a review decision depends on: figures, dates, attribution, status


def subject_class(subject: str | None) -> str:
    """The class a subject is blocked in: broad groups together, narrower ones apart."""
    if subject is None or subject in BROAD_SUBJECTS:
        return "people"
    return subject


@lru_cache(maxsize=4096)
def place_family(place: str | None) -> str | None:
    """The province a place lies in (a town in Idlib is in Idlib province), else the place."""
    if not place:
        return None
    try:
        from claims.places import gazetteer
    except ImportError:  # extraction's gazetteer not installed: the place stands alone
        return place.casefold()
    g = gazetteer()
    name: str | None = g.resolve(place) or place
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        entry = g.places.get(name)
        if entry is None or entry.kind == "province":
            return name
        if entry.kind in ("country", "region"):
            return name
        name = entry.parent
    return place


@lru_cache(maxsize=4096)
def area_family(place: str | None) -> str | None:
    """The region a ceasefire's place lies in: a truce in Idlib is one of Northwest Syria."""
    family = place_family(place)
    try:
        from claims.places import gazetteer
    except ImportError:
        return family
    g = gazetteer()
    entry = g.places.get(family or "")
    if entry is not None and entry.kind == "province" and entry.parent in g.places:
        parent = g.places[entry.parent]
        return parent.name if parent.kind == "region" else family
    return None if entry is not None and entry.kind == "country" else family


@lru_cache(maxsize=1024)
def canonical_body(name: str | None) -> str | None:
    """The canonical body for an attribution, through the alias table when it is present."""
    if not name:
        return None
    try:
        from claims.aliases import default_aliases
    except ImportError:
        return name
    return default_aliases().lookup(name) or name


def _scale(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "short"
    days = (end - start).days
    if days <= DAY_SCALE_DAYS:
        return "day"
    if days <= WEEK_SCALE_DAYS:
        return "week"
    return "long" if days > LONG_SCALE_DAYS else "short"


def _value(low: int | None, high: int | None, estimate: int | None) -> tuple[float, bool]:
    """The figure to compare and whether it is a point: "hundreds" is a range, not 600."""
    if estimate is not None:
        return float(estimate), True
    if low is not None and high is not None:
        if low == high or high <= 1.5 * max(low, 1):
            return float(low + high) / 2, True
        return math.sqrt(max(low, 1) * high), False
    if low is not None:
        return float(low), True
    return float(high or 0), True


def figure_text(qualifier: str | None, figure: str | None, value: float) -> str:
    """The figure as written with its qualifier: "more than 400,000"."""
    written = figure or f"{round(value):,}"
    if qualifier and not written.lower().startswith(qualifier.lower()):
        written = f"{qualifier} {written}"
    # a figure that opened its sentence ("At least seven") reads mid-sentence in a reason
    if written[:1].isupper() and not written[1:2].isupper():
        written = written[0].lower() + written[1:]
    return written


_SENTENCE_END = re.compile(r"[.!?\n]")


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence holding text[start:end], cut at most `limit` characters each side."""
    left = text[max(0, start - limit) : start]
    stops = list(_SENTENCE_END.finditer(left))
    begin = start - len(left) + (stops[-1].end() if stops else 0)
    right = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    return text[begin : right.start() if right else min(len(text), end + limit)].strip()


def source_label(source: Source | None, claim: Claim) -> str:
    """A short name a reader knows a source by."""
    if source is not None and source.outlet:
        return source.outlet
    if source is not None and source.title:
        return source.title[:40]
    path = (source.path if source else None) or claim.source_path
    return Path(path).name if path else claim.source_id[:8]


def _content(claim: Claim) -> str:
    q = claim.quantity
    parts = (claim.id, q.low if q else None, q.high if q else None, q.estimate if q else None,
             q.qualifier if q else None, claim.date, claim.event, claim.attribution,
             claim.status.value, claim.subject, claim.place, claim.period_start,
             claim.period_end, claim.modality.value)
    return "|".join("" if p is None else str(p) for p in parts)


def row_of(claim: Claim, source: Source | None) -> ClaimRow | None:
    """The row of an active reported claim that can be compared, else None."""
    if claim.status is not Status.active or claim.modality is not Modality.reported:
        return None  # projections and denials are not counts (issue 4)
    published = source.published if source else None
    is_ceasefire = claim.kind is Kind.ceasefire
    if not is_ceasefire and (claim.quantity is None or claim.quantity.low is None
                             and claim.quantity.high is None and claim.quantity.estimate is None):
        return None
    q = claim.quantity
    low, high, est = (q.low, q.high, q.estimate) if q else (None, None, None)
    value, precise = _value(low, high, est) if q else (0.0, True)
    bounds = date_bounds(claim.date)
    asof = claim.period_end or published
    text = source.text if source else ""
    return ClaimRow(
        id=claim.id, source_id=claim.source_id, kind=claim.kind.value, subject=claim.subject,
        klass=subject_class(claim.subject), place=claim.place,
        family=area_family(claim.place) if is_ceasefire else place_family(claim.place),
        inferred=False, asof=asof.toordinal() if asof else None,
        scale=_scale(claim.period_start, claim.period_end), low=low, high=high, value=value,
        precise=precise, attribution=canonical_body(claim.attribution),
        event=claim.event.value if claim.event else None,
        day0=bounds[0].toordinal() if bounds else None,
        day1=bounds[1].toordinal() if bounds else None,
        stated_period=claim.period_start is not None or claim.period_end is not None,
        sentence=sentence_around(text, claim.span.start, claim.span.end) if text
        else claim.span.prefix + claim.span.quote + claim.span.suffix,
        label=source_label(source, claim),
        figure=figure_text(q.qualifier, q.figure, value) if q else (claim.event or "ceasefire"),
        content=_content(claim),
    )


def rows_of(claims: Iterable[Claim], sources: Sequence[Source]) -> list[ClaimRow]:
    """Rows of the comparable claims, with unstated places taken from their article."""
    by_id = {s.id: s for s in sources}
    rows = [r for c in claims if (r := row_of(c, by_id.get(c.source_id))) is not None]
    infer_places(rows, {s.id: p for s in sources if (p := article_place(s))})
    return rows


def article_place(source: Source) -> str | None:
    """The province an article names most often outside its boilerplate, if it names one."""
    try:
        from claims.places import gazetteer
    except ImportError:
        return None
    g = gazetteer()
    counts: Counter[str] = Counter()
    for m in g.pattern.finditer(source.text):
        if source.in_region(m.start(), m.end()) is None:
            family = place_family(g.resolve(m.group()))
            entry = g.places.get(family or "")
            if entry is not None and entry.kind == "province":
                counts[entry.name] += 1
    return counts.most_common(1)[0][0] if counts else None


def infer_places(rows: Sequence[ClaimRow], main_place: dict[str, str] | None = None) -> None:
    """Give a claim with no place its article's main province, flagged as inferred.

    An unknown place is compatible with a known one only at lower confidence (issue 4): the
    article's main place (most named, else most claimed) is likeliest; the flag lowers severity.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r.family is not None and r.kind != "ceasefire":
            counts[r.source_id][r.family] += 1
    for r in rows:
        if r.family is not None:
            continue
        place = (main_place or {}).get(r.source_id)
        if place is None and counts.get(r.source_id):
            place = counts[r.source_id].most_common(1)[0][0]
        if place is not None:
            r.family = area_family(place) if r.kind == "ceasefire" else place
            r.inferred = True


def figure_blocks(rows: Iterable[ClaimRow]) -> dict[tuple[str, ...], list[ClaimRow]]:
    """Figure claims bucketed by kind, subject class, place family and time scale."""
    blocks: dict[tuple[str, ...], list[ClaimRow]] = defaultdict(list)
    for r in rows:
        if r.kind != "ceasefire":
            blocks[(r.kind, r.klass, r.family or "", r.scale)].append(r)
    return blocks


def window_groups(rows: list[ClaimRow], window: int) -> list[list[ClaimRow]]:
    """Cut one block into groups spanning at most `window` days from their first "as of" day;
    undated claims join none."""
    dated = sorted((r for r in rows if r.asof is not None), key=lambda r: (r.asof, r.id))
    groups: list[list[ClaimRow]] = []
    anchor = -1
    for r in dated:
        assert r.asof is not None
        if not groups or r.asof > anchor + window:
            groups.append([])
            anchor = r.asof
        groups[-1].append(r)
    # a claim with no date (no stated period, no publication date) cannot be placed in time:
    # setting it against others would compare a May toll with a January one, so it stays out
    return groups


def figure_groups(rows: Iterable[ClaimRow], settings: Settings) -> list[list[ClaimRow]]:
    """Groups of comparable figure claims, each with claims from at least two sources."""
    out = []
    for key, block in figure_blocks(rows).items():
        window = settings.stock_window_days if key[0] == "population" else settings.window_days
        if key[3] == "day":  # a day's toll is compared with tolls of that same day only
            window = settings.day_window_days
        for group in window_groups(block, window):
            if len({r.source_id for r in group}) > 1:
                out.append(group)
    return out


def ceasefire_groups(rows: Iterable[ClaimRow], settings: Settings) -> list[list[ClaimRow]]:
    """Ceasefire claims about one ceasefire: the same area, dates within the window."""
    blocks: dict[str, list[ClaimRow]] = defaultdict(list)
    for r in rows:
        if r.kind == "ceasefire" and r.day0 is not None and r.event != "broken":
            blocks[r.family or ""].append(r)
    out = []
    for block in blocks.values():
        block.sort(key=lambda r: (r.day0, r.id))
        groups: list[list[ClaimRow]] = []
        anchor = -1
        for r in block:
            assert r.day0 is not None and r.day1 is not None
            if not groups or r.day0 > anchor + settings.date_window_days:
                groups.append([])
                anchor = r.day1
            groups[-1].append(r)
        out += [g for g in groups if len({r.source_id for r in g}) > 1]
    return out


def places_compatible(a: str | None, b: str | None) -> bool:
    """Two stated places can describe one event when they are the same or one holds the other."""
    if not a or not b or a == b:
        return True
    try:
        from claims.places import place_within
    except ImportError:  # pragma: no cover - the gazetteer ships with claims
        return False
    return place_within(a, b) or place_within(b, a)


def fingerprint(rows: Iterable[ClaimRow]) -> str:
    """A hash of the member claims' content: it changes when any figure, date or status does."""
    joined = "\n".join(sorted(r.content for r in rows))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


__all__ = ["ClaimRow", "ceasefire_groups", "figure_groups", "fingerprint", "row_of", "rows_of",
           "subject_class", "window_groups"]
