"""One block judged: its windows compared, the disputes joined into findings, agreement kept.

Disputes found in overlapping windows that share a claim are one finding: a toll told three
ways over two days is one conflict, not three.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from verify.compare import (
    Edge,
    Finding,
    date_edges,
    date_runs,
    falls,
    not_rising,
    run_edges,
    runs,
    same_body_findings,
    same_figure_sets,
)
from verify.group import (
    CUMULATIVE,
    BlockKey,
    by_scope,
    incident_windows,
    moment_width,
    start_partitions,
    windows,
)
from verify.rows import INCIDENT, LONG_DAYS, TOTAL, UNKNOWN, ClaimRow
from verify.settings import Settings
from verify.truces import linked_edges

Judged = tuple[list[Finding], list[list[ClaimRow]]]


class Components:
    """Union-find over claim ids: agreeing runs that share a claim are one corroboration."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.rows: dict[str, ClaimRow] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, rows: Iterable[ClaimRow]) -> None:
        root: str | None = None
        for r in rows:
            if r.id not in self.parent:
                self.parent[r.id] = r.id
                self.rows[r.id] = r
            if root is None:
                root = self.find(r.id)
            else:
                self.parent[self.find(r.id)] = root

    def groups(self) -> list[list[ClaimRow]]:
        out: dict[str, list[ClaimRow]] = {}
        for x, r in self.rows.items():
            out.setdefault(self.find(x), []).append(r)
        return sorted((sorted(g, key=lambda r: r.id) for g in out.values()),
                      key=lambda g: g[0].id)


def touching(e: Edge, keep: Callable[[ClaimRow], bool]) -> Edge | None:
    """The part of a dispute that involves a claim `keep` selects, or None if none does."""
    a, b = [r for r in e.low if keep(r)], [r for r in e.high if keep(r)]
    if a and b:
        return e
    if a:
        return Edge(a, e.high, e.gap, e.rule)
    if b:
        return Edge(e.low, b, e.gap, e.rule)
    return None


def against(e: Edge, keep: Callable[[ClaimRow], bool]) -> Edge | None:
    """The part of a dispute that sets a claim `keep` selects against one it does not."""
    low = [r for r in e.low if keep(r)] if any(not keep(r) for r in e.high) else []
    high = [r for r in e.high if keep(r)] if any(not keep(r) for r in e.low) else []
    if low and high:
        return e
    if low:
        return Edge(low, [r for r in e.high if not keep(r)], e.gap, e.rule)
    if high:
        return Edge([r for r in e.low if not keep(r)], high, e.gap, e.rule)
    return None


def _reaching(edges: list[Edge], reach: int) -> list[Edge]:
    for e in edges:
        e.reach = reach
    return edges


@dataclass
class Gathered:
    """What a figure block's windows found: disputes, agreeing runs, and the sets of claims in
    which one figure credited to two bodies is looked for."""

    edges: list[Edge] = field(default_factory=list)
    agreeing: list[list[ClaimRow]] = field(default_factory=list)
    credited: list[list[ClaimRow]] = field(default_factory=list)

    def window(self, rows: list[ClaimRow], settings: Settings, reach: int,
               keep: Callable[[ClaimRow], bool] | None = None, agree: bool = True,
               rising: bool = False) -> None:
        """Compare one window; with `keep`, only disputes involving its claims (and, unless
        `agree`, agreement among them only); with `rising`, a toll told higher later is none."""
        if len(rows) < 2:
            return  # one claim neither disputes nor corroborates
        found, rs = run_edges(rows, settings)
        if rising:
            young = settings.incident_window_days
            found = [t for e in found if (t := not_rising(e, young)) is not None]
        if keep is not None:
            found = [t for e in found if (t := touching(e, keep)) is not None]
            rs = rs if agree else [run for run in rs if all(map(keep, run))]
        self.edges += _reaching(found, reach)
        self.agreeing += rs

    def weeks(self, rows: list[ClaimRow], settings: Settings) -> None:
        """Counts over weeks: one figure said again agrees, or is credited to two bodies."""
        for window in windows(rows, settings.fall_window_days):
            if len(window) < 2:
                continue
            self.credited.append(window)
            self.agreeing += runs(window, settings.tolerance, settings.min_gap)


def figure_edges(block: Sequence[ClaimRow], settings: Settings) -> Gathered:
    """Every dispute of a figure block, by scope: incidents on their day and town, totals over
    the same span, running counts of unknown scope at the same moment, undated estimates."""
    out = Gathered()
    scoped = by_scope(block)
    for window, dated in incident_windows(block, settings):
        out.window(window, settings, settings.incident_window_days,
                   keep=(lambda r: r.scope == INCIDENT and r.dated) if dated else None,
                   rising=True)
    for part in start_partitions(scoped[TOTAL], settings):
        _totals(out, part, settings)
    _running(out, block, scoped, settings)
    _events(out, [r for r in scoped[TOTAL] if r.event_part is not None and r.start is None],
            settings)
    undated = [r for r in block if r.asof is None and r.scope != INCIDENT]
    if undated:  # no date at all: set against the block's estimates, whenever they stood
        found, rs = run_edges([r for r in block if r.scope != INCIDENT], settings)
        out.edges += [t for e in found if (t := against(e, lambda r: r.asof is None))]
        out.credited += [run for run in rs if any(r.asof is None for r in run)]
    return out


def _totals(out: Gathered, part: list[ClaimRow], settings: Settings) -> None:
    """Totals over one span: apart at one moment, or fallen later (a count only grows)."""
    width = moment_width(part[0].kind, settings)
    for window in windows(part, width):
        out.window(window, settings, width)
    out.weeks(part, settings)
    if part[0].kind in CUMULATIVE and part[0].start is not None:
        # a running total that fell; a war's (over years) told months apart is more often two
        # bodies' measures (direct deaths against all) than one count gone down
        long = all(r.asof is not None and r.asof - r.start > LONG_DAYS  # type: ignore[operator]
                   for r in part)
        out.edges += falls(part, settings, settings.window_days,
                           settings.fall_window_days if long else None)
    elif part[0].kind in CUMULATIVE:
        # totals with no stated start ("more than 400,000 have fled") are running counts as
        # of their day: one that fell within weeks is a dispute when one body gives both (with
        # no start said, two bodies' counts may well count from different days)
        out.edges += one_body(falls(part, settings, settings.window_days,
                                    settings.fall_window_days, settings.scope_ratio))


def one_body(edges: list[Edge]) -> list[Edge]:
    """The falls whose two counts are credited to one named body."""
    return [e for e in edges if len({r.attribution for r in (*e.low, *e.high)}) == 1
            and e.low[0].attribution is not None]


EVENT_REACH = 10**6  # days: an event's final toll is compared with every report of it


def _events(out: Gathered, rows: list[ClaimRow], settings: Settings) -> None:
    """Tolls of one event (or one part of it: "the first month"): two that ran their course
    cannot both be right however far apart they were reported, and an earlier report above a
    final toll is a fall; an open event's toll may rise, and a fall within weeks disputes it."""
    parts: dict[str, list[ClaimRow]] = {}
    for r in rows:
        parts.setdefault(r.event_part or "", []).append(r)
    for part in parts.values():
        closed = [r for r in part if r.closed and r.asof is not None]
        if len(closed) > 1:
            found, _ = run_edges(closed, settings)
            out.edges += _reaching(found, EVENT_REACH)
        if part[0].kind in CUMULATIVE:  # the toll since the event began: it only grows
            out.edges += falls(part, settings, settings.window_days, settings.fall_window_days)
        if closed and part[0].kind in CUMULATIVE:
            out.edges += falls(part, settings, settings.window_days, only=lambda r: r.closed)


def _running(out: Gathered, block: Sequence[ClaimRow], scoped: dict[str, list[ClaimRow]],
             settings: Settings) -> None:
    """Figures of unknown scope the size of a running count, against the long totals standing
    at the same moment, and against their own like weeks before (a smaller one is an
    incident's, matched on its town)."""
    unknown = lambda r: r.scope == UNKNOWN and r.value >= settings.incident_ceiling  # noqa: E731
    running = [r for r in scoped[UNKNOWN] if unknown(r)]
    if not running:
        return
    width = moment_width(block[0].kind, settings)
    # a week's total is no measure of a running count: only totals over a month or more
    long = [r for r in scoped[TOTAL] if r.start is not None and r.asof is not None
            and r.asof - r.start >= settings.fall_window_days]
    for window in windows(running + long, width):
        out.window(window, settings, width, keep=unknown, agree=False)
    out.weeks(running, settings)
    if block[0].kind in CUMULATIVE:
        out.edges += one_body(falls(running, settings, settings.window_days,
                                    settings.fall_window_days, settings.scope_ratio))


def _day_of(kind: str) -> Callable[[ClaimRow], int | None]:
    """The day a claim stands at: a ceasefire's date (a range counts from its start, "at the
    start of September" from the 1st), a figure's "as of"; None when undated."""
    if kind == "ceasefire":
        return lambda r: r.day0
    return lambda r: r.asof


class Clusters:
    """Disputes joined where they share a claim, as long as the whole spans few enough days:
    a toll argued over on consecutive days does not chain into one conflict for a month."""

    def __init__(self, kind: str) -> None:
        self.day = _day_of(kind)
        self.members: list[dict[str, ClaimRow]] = []
        self.edges: list[list[Edge]] = []
        self.span: list[tuple[int | None, int | None]] = []
        self.home: dict[str, int] = {}

    def add(self, e: Edge) -> None:
        rows = [*e.low, *e.high]
        home = self.home
        found = sorted({home[r.id] for r in rows if r.id in home},
                       key=lambda i: -len(self.members[i]))
        days = [d for r in rows if (d := self.day(r)) is not None]  # undated: no span
        days += [d for i in found for d in self.span[i] if d is not None]
        spread = max(days) - min(days) if days else 0
        timeline = e.rule == "timeline"
        same_kind = all((self.edges[i][0].rule == "timeline") == timeline for i in found)
        if found and same_kind and (e.reach is None or spread <= e.reach):
            target = found[0]
            for i in found[1:]:  # the smaller clusters move into the largest
                for rid, r in self.members[i].items():
                    self.members[target][rid] = r
                    self.home[rid] = target
                self.edges[target] += self.edges[i]
                self.members[i], self.edges[i] = {}, []
            self.span[target] = (min(days), max(days)) if days else (None, None)
        else:
            target = len(self.members)
            self.members.append({})
            self.edges.append([])
            own = [d for r in rows if (d := self.day(r)) is not None]
            self.span.append((min(own), max(own)) if own else (None, None))
        for r in rows:
            self.members[target][r.id] = r
            self.home[r.id] = target
        self.edges[target].append(e)

    def groups(self) -> list[tuple[list[ClaimRow], list[Edge]]]:
        out = {frozenset(m): (sorted(m.values(), key=lambda r: r.id), es)
               for m, es in zip(self.members, self.edges, strict=True) if m}
        return sorted(out.values(), key=lambda g: g[0][0].id)


def findings_of(edges: Sequence[Edge], kind: str, settings: Settings) -> list[Finding]:
    """Disputes joined into findings (see Clusters), each worded by its runs."""
    clusters = Clusters(kind)
    day = clusters.day
    for e in sorted(edges, key=lambda e: min((d for r in (*e.low, *e.high)
                                              if (d := day(r)) is not None), default=0)):
        clusters.add(e)
    out = []
    for members, mine in clusters.groups():
        if kind == "ceasefire" and len({r.source_id for r in members}) < 2:
            continue  # one article's dates of several ceasefires
        rules = {e.rule for e in mine}
        rule = rules.pop() if len(rules) == 1 else "apart"
        gap = max(e.gap for e in mine)
        if kind == "ceasefire":
            out.append(Finding("date", date_runs(members, settings.date_slack_days), gap, rule))
        else:
            sides = (_timeline_sides(members) if rule == "timeline"
                     else runs(members, settings.tolerance, settings.min_gap))
            out.append(Finding("figure", sides, gap, rule))
    return out


def _timeline_sides(members: Sequence[ClaimRow]) -> list[list[ClaimRow]]:
    """A fall told in time order: the earlier, higher count first."""
    ordered = sorted(members, key=lambda r: (r.asof or 0, r.id))
    return [[r] for r in sorted(ordered, key=lambda r: (-r.lo, r.asof or 0, r.id))]


def with_attribution(found: list[Finding]) -> list[Finding]:
    """Each figure finding, or the body's own finding when every claim cites that one body."""
    out = []
    for f in found:
        same_body = same_body_findings(f.sides) if f.rule != "timeline" else []
        members = {r.id for r in f.members}
        if any({r.id for r in s.members} == members for s in same_body):
            out += same_body  # one dispute, not two: it is that body's figures that differ
        else:
            out += [f, *same_body]
    return out


def same_figure_findings(credited: Sequence[list[ClaimRow]]) -> list[Finding]:
    """One figure credited to several bodies, deduplicated across windows."""
    seen: dict[frozenset[str], Finding] = {}
    for sides in same_figure_sets(credited):
        ids = frozenset(r.id for side in sides for r in side)
        seen.setdefault(ids, Finding("attribution", sides, 0.0, "same-figure"))
    return list(seen.values())


def judge_block(key: BlockKey, block: Sequence[ClaimRow], settings: Settings) -> Judged:
    """A block's findings, and its agreeing runs of several articles (none in a finding)."""
    if key[0] == "ceasefire":
        dated = Gathered()
        for window in windows(block, settings.date_window_days, key="day0"):
            found, rs = date_edges(window, settings)
            dated.edges += _reaching(found, settings.date_window_days)
            dated.agreeing += rs
        if key[2] == "announced":
            dated.edges += linked_edges(block, settings)
        findings = findings_of(dated.edges, "ceasefire", settings)
        agreeing = dated.agreeing
    else:
        figures = figure_edges(block, settings)
        findings = with_attribution(findings_of(figures.edges, block[0].kind, settings))
        findings += same_figure_findings(figures.credited)
        agreeing = figures.agreeing
    # a figure credited to two bodies is still a figure two sources agree on
    disputed = {r.id for f in findings if f.rule != "same-figure" for r in f.members}
    return findings, agreement(agreeing, disputed)


def agreement(agreeing: Sequence[list[ClaimRow]], disputed: set[str]) -> list[list[ClaimRow]]:
    """Agreeing runs of several articles, outside any finding, joined where they overlap."""
    comps = Components()
    for run in agreeing:
        kept = [r for r in run if r.id not in disputed]
        if len({r.source_id for r in kept}) > 1:
            comps.join(kept)
    return comps.groups()


__all__ = ["Gathered", "Judged", "figure_edges", "findings_of", "judge_block"]
