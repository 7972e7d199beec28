"""The rules: when comparable figures or dates cannot both be true, and when they agree.

Figures are intervals (a floor "more than X" read as X to a margin above it). Sorted by their
bottoms and merged where they overlap (within the tolerance), they fall into runs that agree;
two neighbouring runs cannot both be right. Whether that is a dispute between sources is
`edge`'s question: an article on both sides counts two things, a broader subject may be larger,
and a figure of unknown scope far from another is likely of another scope.
"""

from __future__ import annotations

import bisect
import heapq
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from verify.independence import may_be_one
from verify.parts import explained
from verify.rows import TOTAL, UNKNOWN, ClaimRow, broader
from verify.settings import Settings

EPSILON = 1e-9
UNPLACED_DAYS = 1  # ceasefire dates this close are compared though no claim states its area


@dataclass
class Finding:
    """A disagreement found in one block, before it is worded and scored as a Conflict."""

    type: str  # "figure", "date" or "attribution"
    sides: list[list[ClaimRow]]  # the claims on each side, as the reason lists them
    gap: float  # a ratio for figures, days for dates
    rule: str  # "apart", "timeline", "self", "same-body", "same-figure"
    body: str | None = None  # the body an attribution conflict is about
    members: list[ClaimRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.members:
            self.members = [r for side in self.sides for r in side]


@dataclass
class Edge:
    """Two sides that cannot both be right, and by how much."""

    low: list[ClaimRow]
    high: list[ClaimRow]
    gap: float
    rule: str
    reach: int | None = None  # the most days a finding holding this dispute may span


def interval_gap(hi: float, lo: float, slack: float = 0.0) -> float:
    """How far a bottom `lo` lies above a top `hi`, as a ratio (0 when they overlap, or lie
    no more than `slack` apart: one death more or less is not a dispute)."""
    if lo <= hi + slack:
        return 0.0
    return float("inf") if hi <= 0 else lo / hi - 1


def value_gap(low: Sequence[ClaimRow], high: Sequence[ClaimRow]) -> float:
    """How far apart two sides' figures are as a reader takes them: "25% apart"."""
    a = statistics.median(r.value for r in low)
    b = statistics.median(r.value for r in high)
    a, b = min(a, b), max(a, b)
    return float("inf") if a <= 0 < b else (b / a - 1 if a > 0 else 0.0)


def sides_gap(low: Sequence[ClaimRow], high: Sequence[ClaimRow], slack: float = 0.0) -> float:
    """The gap between two sides: between the top of one and the bottom of the other, read
    from their tight figures where they have any (a loose one joined the run it overlaps)."""
    low = [r for r in low if not r.loose] or low
    high = [r for r in high if not r.loose] or high
    return interval_gap(max(r.hi for r in low), min(r.lo for r in high), slack)


def runs(rows: Sequence[ClaimRow], tolerance: float, slack: float = 0.0) -> list[list[ClaimRow]]:
    """Claims in runs that agree, lowest first: tight intervals merged where they overlap; a
    loose one ("hundreds", "up to 900") joins the highest run it overlaps, never bridging two."""
    tight = sorted((r for r in rows if not r.loose), key=lambda r: (r.lo, r.id))
    out: list[list[ClaimRow]] = []
    reach: list[float] = []
    for r in tight:
        if out and r.lo <= reach[-1] * (1 + tolerance) + slack + EPSILON:
            out[-1].append(r)
            reach[-1] = max(reach[-1], r.hi)
        else:
            out.append([r])
            reach.append(r.hi)
    loose = [r for r in rows if r.loose]
    if not loose:
        return out
    bottoms = [run[0].lo for run in out]
    alone: list[list[ClaimRow]] = []
    for r in sorted(loose, key=lambda r: (r.lo, r.id)):
        i = bisect.bisect_right(bottoms, r.hi * (1 + tolerance) + EPSILON) - 1
        if i >= 0 and reach[i] * (1 + tolerance) + slack + EPSILON >= r.lo:
            out[i].append(r)
        else:
            alone.append([r])
    # a run is placed by its tight figures: "as many as 600,000" is no bottom of 600,000's run
    return sorted(out + alone, key=lambda run: (min(r.lo for r in run if not r.loose)
                                                if not run[0].loose else run[0].lo, run[0].id))


def _set_aside(low: list[ClaimRow], high: list[ClaimRow]) -> tuple[list[ClaimRow], list[ClaimRow]]:
    """Drop the claims of articles found on both sides: such an article counts two things,
    unless it credits each side to a body the other cannot be (it reports their dispute): "a
    monitor" and "the same source" may be one body, SANA and a monitoring group may not."""
    both = {r.source_id for r in low} & {r.source_id for r in high}
    if not both:
        return low, high
    bodies: dict[tuple[str, bool], set[str | None]] = defaultdict(set)
    for side, rows in ((False, low), (True, high)):
        for r in rows:
            if r.source_id in both:
                bodies[(r.source_id, side)].add(r.attribution)
    named = {k: v - {None} for k, v in bodies.items()}
    reported = {s for s in both if named[(s, False)] and named[(s, True)]
                and not named[(s, False)] & named[(s, True)]
                and not all(may_be_one(a, b)  # type: ignore[arg-type]
                            for a in named[(s, False)] for b in named[(s, True)])}
    reported |= {s for s in both if _one_count(low, high, s)}
    drop = both - reported
    return ([r for r in low if r.source_id not in drop],
            [r for r in high if r.source_id not in drop])


def _one_count(low: Sequence[ClaimRow], high: Sequence[ClaimRow], source: str) -> bool:
    """An article's figures on both sides are estimates of one count it reports two of ("MSF
    says 6,700 were killed in the first month of the crackdown ... officials say 400 were
    killed in its first months"): tolls of one part of an event, or of one event whose toll
    the article tells again, in sentences of their own."""
    keys: set[tuple[object, ...]] = set()
    told_again = False
    sentences: list[set[str]] = [set(), set()]
    for side, rows in enumerate((low, high)):
        for r in rows:
            if r.source_id != source:
                continue
            if r.scope != TOTAL or r.part:
                return False
            sentences[side].add(r.sentence)
            if r.event_part is None:
                return False  # counts over dated spans in one article are of several places
            keys.add(("event", r.event_part))
            told_again |= r.carried
    # one sentence giving two figures lists two counts ("6,700 were killed and 2,700 others
    # died"): a dispute is told in sentences of its own
    # the same part of an event ("its first month"), or the article's toll told again ("the
    # death toll is closer to 80,000"); two tolls of a whole war each of its own are two counts
    # (people displaced inside the country and those who fled it)
    part = next(iter(keys))[1] if len(keys) == 1 else None
    return (len(keys) == 1 and (bool(part) or told_again)
            and not sentences[0] & sentences[1])


def contradicts_itself(low: Sequence[ClaimRow], high: Sequence[ClaimRow]) -> bool:
    """One article's two figures are a dispute only when they count the very same thing: each
    states its scope and its site, and the same place, period (or day), subject and body,
    neither a sub-count ("16 killed" and "five more in the village" are two counts)."""
    rows = (*low, *high)
    if any(r.inferred or r.part or not r.scope_stated or not r.site for r in rows):
        return False
    if {r.sentence for r in low} & {r.sentence for r in high}:
        return False  # one sentence giving two figures lists two counts (or a toll and its hurt)
    return len({(r.place, r.start, r.asof, r.site, r.subject, r.attribution) for r in rows}) == 1


def placed(low: Sequence[ClaimRow], high: Sequence[ClaimRow]) -> bool:
    """At least one claim states the place: two places taken from their articles are too
    little to say two figures are about one thing."""
    return any(r.place is not None and not r.inferred for r in (*low, *high))


def edge(low: list[ClaimRow], high: list[ClaimRow], settings: Settings,
         rule: str = "apart") -> Edge | None:
    """The dispute between two neighbouring runs, or None when they are not one."""
    if sides_gap(low, high, settings.min_gap) <= settings.tolerance + EPSILON:
        return None
    a, b = _set_aside(low, high)
    if not a or not b:
        if len({r.source_id for r in (*low, *high)}) == 1 and contradicts_itself(low, high):
            return Edge(low, high, max(sides_gap(low, high), value_gap(low, high)), "self")
        return None
    # "dozens", "hundreds", "thousands" say how big, not how many: no side of a dispute
    a, b = [r for r in a if not vague(r)], [r for r in b if not vague(r)]
    if not a or not b or explained(a, b, settings.tolerance) or all(r.inferred for r in (*a, *b)):
        return None  # two places taken from their articles: too little to say one thing
    if a[0].kind == "population" and not a[0].refinement:
        # who "people" of a place are (living there, besieged, in need, on the convoys) is
        # seldom said alike: populations disagree only when they say what they count alike
        return None
    gap = sides_gap(a, b, settings.min_gap)
    if gap <= settings.tolerance + EPSILON:
        return None  # what still disagrees was the set-aside article's
    for ratio, doubt in ((settings.scope_ratio, _unscoped), (settings.place_ratio, _unplaced)):
        if gap > ratio - 1:  # a day's toll against a war's, a country's people against a town's
            a = [r for r in a if not doubt(r)]
            b = [r for r in b if not doubt(r)]
            if not a or not b:
                return None
    return Edge(a, b, max(sides_gap(a, b), value_gap(a, b)), rule)


def vague(r: ClaimRow) -> bool:
    """A figure worded as a magnitude ("hundreds" is 200-999), not a count: a range written
    with two figures ("100 to 300 killed") is an estimate and can be a side of a dispute."""
    return r.vague


def not_rising(e: Edge, young: int) -> Edge | None:
    """An incident's toll told higher in a later report is its toll rising as the dead are
    counted, not a dispute: the lower side keeps only counts no older than the higher's, or
    told when the incident was days old already (`young` days after it, a toll is settled)."""
    first = min(_reported(r) for r in e.high)
    low = [r for r in e.low if _reported(r) >= first or _reported(r) - (r.asof or 0) > young]
    if not low:
        return None
    return e if len(low) == len(e.low) else Edge(low, e.high, e.gap, e.rule, e.reach)


def _reported(r: ClaimRow) -> int:
    return r.published if r.published is not None else (r.asof or 0)


def _unscoped(r: ClaimRow) -> bool:
    return r.scope == UNKNOWN


def _unplaced(r: ClaimRow) -> bool:
    return r.inferred or r.place is None


Runs = list[list[ClaimRow]]


def run_edges(rows: Sequence[ClaimRow], settings: Settings) -> tuple[list[Edge], Runs]:
    """The disputes between neighbouring runs of one window, and its runs."""
    if len(rows) < 2:
        return [], [list(rows)]
    found = runs(rows, settings.tolerance, settings.min_gap)
    out = []
    for low, high in zip(found, found[1:], strict=False):
        e = edge(low, high, settings)
        if e is not None:
            out.append(e)
    return out, found


def falls(rows: Sequence[ClaimRow], settings: Settings, gap_days: int,
          horizon: int | None = None, ratio: float | None = None,
          only: Callable[[ClaimRow], bool] | None = None) -> list[Edge]:
    """Cumulative counts that fell: a later count below an earlier one of another article
    (at least `gap_days` earlier, at most `horizon` days and `ratio` times when given; with
    `only`, just the later counts it selects).

    One sweep in "as of" order keeps the earlier claims in a heap by their bottom, so each
    claim is checked against the count it fell furthest from.
    """
    dated = sorted((r for r in rows if r.asof is not None and not r.loose),
                   key=lambda r: (r.asof, r.id))  # "thousands" is no count to hold to a date
    heap: list[tuple[float, int, str, ClaimRow]] = []
    out: list[Edge] = []
    twins: dict[tuple[str, float, float], list[ClaimRow]] = defaultdict(list)
    for r in dated:  # one figure said twice in an article (headline and lede) falls as one
        twins[(r.source_id, r.lo, r.hi)].append(r)
    j = 0
    for r in dated:
        day: int = r.asof  # type: ignore[assignment]
        while j < len(dated) and dated[j].asof <= day - gap_days:  # type: ignore[operator]
            x = dated[j]
            heapq.heappush(heap, (-x.lo, x.asof or 0, x.id, x))
            j += 1
        if only is not None and not only(r):
            continue
        peak = _peak(heap, r, None if horizon is None else day - horizon)
        gap = interval_gap(r.hi, peak.lo, settings.min_gap) if peak else 0.0
        if peak is None or gap <= settings.tolerance + EPSILON:
            continue
        if broader(peak.subject, r.subject) or ratio is not None and gap > ratio - 1:
            continue  # fewer civilians than people before; or a count of another scope
        if (_unplaced(r) or _unplaced(peak)) and gap > settings.place_ratio - 1:
            continue  # placed by its article, and far off: likely another place's count
        if r.inferred and peak.inferred:
            continue  # two places taken from their articles: too little to be one count
        out.append(Edge([r], twins[(peak.source_id, peak.lo, peak.hi)],
                        max(interval_gap(r.hi, peak.lo), value_gap([r], [peak])), "timeline"))
    return out


def _peak(heap: list[tuple[float, int, str, ClaimRow]], r: ClaimRow,
          since: int | None) -> ClaimRow | None:
    """The earlier claim of another article with the highest bottom, expired ones dropped."""
    held = []
    found = None
    while heap:
        item = heap[0]
        if since is not None and item[1] < since:
            heapq.heappop(heap)  # older than the horizon: never needed again
            continue
        if item[3].source_id != r.source_id:
            found = item[3]
            break
        held.append(heapq.heappop(heap))
    for item in held:
        heapq.heappush(heap, item)
    return found


def date_runs(rows: Sequence[ClaimRow], slack: int) -> list[list[ClaimRow]]:
    """Ceasefire claims in runs whose date ranges overlap (or lie `slack` days apart)."""
    out: list[list[ClaimRow]] = []
    reach = -1
    for r in sorted(rows, key=lambda r: (r.day0, r.day1, r.id)):
        assert r.day0 is not None and r.day1 is not None
        if out and r.day0 <= reach + slack:
            out[-1].append(r)
            reach = max(reach, r.day1)
        else:
            out.append([r])
            reach = r.day1
    return out


def apart_areas(low: Sequence[ClaimRow], high: Sequence[ClaimRow]) -> bool:
    """Both sides state their areas and none is shared: truces of two provinces."""
    a = {r.place for r in low if r.place and not r.inferred}
    b = {r.place for r in high if r.place and not r.inferred}
    return bool(a) and bool(b) and not a & b


def date_edges(rows: Sequence[ClaimRow], settings: Settings) -> tuple[list[Edge], Runs]:
    """Neighbouring dates of one event in one area, a few days apart, in different articles."""
    found = date_runs(rows, settings.date_slack_days)
    out = []
    for low, high in zip(found, found[1:], strict=False):
        days = min(r.day0 or 0 for r in high) - max(r.day1 or 0 for r in low)
        if days > settings.date_window_days:
            continue  # far apart: another ceasefire
        # an article giving two dates for one event in one area, days apart, is kept: it
        # joins a dispute with another article (one article alone is none: see judge)
        # dates a day apart are one truce told at midnight in two zones, or a day out, even
        # where neither article says where; further apart, truces of unstated areas may be two
        if (placed(low, high) or days <= UNPLACED_DAYS) and not apart_areas(low, high):
            out.append(Edge(low, high, float(days), "apart"))
    return out, found


def same_body_findings(disputed: Sequence[list[ClaimRow]]) -> list[Finding]:
    """One body cited with different figures for the same thing (SOHR and OSDH are one body)."""
    out = []
    bodies = {r.attribution for side in disputed for r in side if r.attribution}
    for body in sorted(bodies):
        cited = [[r for r in side if r.attribution == body] for side in disputed]
        cited = [side for side in cited if side]
        if len(cited) > 1 and len({r.source_id for side in cited for r in side}) > 1:
            gap = value_gap(cited[0], cited[-1])
            out.append(Finding("attribution", cited, gap, "same-body", body=body))
    return out


def same_figure_sets(found_runs: Sequence[list[ClaimRow]]) -> list[list[list[ClaimRow]]]:
    """The same figure credited to different bodies in different articles, by body.

    Only for totals and figures of unknown scope: two bodies giving one incident's toll
    corroborate each other; one estimate credited to two bodies is a misattribution to check.
    """
    out = []
    for run in found_runs:
        by_figure: dict[tuple[float, float], list[ClaimRow]] = defaultdict(list)
        for r in run:
            if r.attribution and r.scope != "incident" and not r.loose:  # "hundreds" is no figure
                by_figure[(r.lo, r.hi)].append(r)
        for rows in by_figure.values():
            by_body: dict[str, list[ClaimRow]] = defaultdict(list)
            for r in rows:
                by_body[r.attribution or ""].append(r)
            names = sorted(by_body)
            told_apart = any(not may_be_one(a, b) for i, a in enumerate(names)
                             for b in names[i + 1:])  # "an NGO" may be the SCPR it credits
            if told_apart and len({r.source_id for r in rows}) > 1:
                out.append([by_body[b] for b in names])
    return out


__all__ = ["Edge", "Finding", "date_edges", "edge", "falls", "interval_gap", "not_rising",
           "run_edges", "runs", "same_body_findings", "same_figure_sets", "sides_gap", "value_gap"]
