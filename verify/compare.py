"""The rules: when comparable figures, dates or attributions disagree, and when they agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from verify.group import CUMULATIVE, ClaimRow, places_compatible
from verify.settings import Settings

EPSILON = 1e-9


@dataclass
class Finding:
    """A disagreement found in one group, before it is worded and scored as a Conflict."""

    type: str  # "figure", "date" or "attribution"
    sides: list[list[ClaimRow]]  # the claims on each side, as the reason lists them
    gap: float  # a ratio for figures, days for dates
    rule: str  # "apart", "timeline", "announced-after-start", "same-body", "same-figure"
    body: str | None = None  # the body an attribution conflict is about
    members: list[ClaimRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.members:
            self.members = [r for side in self.sides for r in side]


def figure_gap(a: ClaimRow, b: ClaimRow) -> float:
    """How far apart two figures are, as a ratio: point estimates, else their intervals."""
    if a.precise and b.precise:
        low, high = sorted((a.value, b.value))
        return float("inf") if low <= 0 < high else (high / low - 1 if low > 0 else 0.0)
    if a.high is not None and b.low is not None and a.high < b.low:
        return b.low / max(a.high, 1) - 1
    if b.high is not None and a.low is not None and b.high < a.low:
        return a.low / max(b.high, 1) - 1
    return 0.0


def disagree(a: ClaimRow, b: ClaimRow, tolerance: float) -> bool:
    """True when two figures cannot both be right within the tolerance."""
    return figure_gap(a, b) > tolerance + EPSILON


def sides(group: Sequence[ClaimRow], tolerance: float) -> list[list[ClaimRow]]:
    """Claims in runs that agree with each run's first (lowest) figure, lowest run first."""
    out: list[list[ClaimRow]] = []
    for r in sorted(group, key=lambda r: (r.value, r.id)):
        if not out or disagree(out[-1][0], r, tolerance):
            out.append([r])
        else:
            out[-1].append(r)
    return out


def _asofs(side: Sequence[ClaimRow]) -> list[int]:
    return [r.asof for r in side if r.asof is not None]


def pair_rule(low: list[ClaimRow], high: list[ClaimRow], settings: Settings) -> str | None:
    """How two disagreeing sides differ: None when quiet, "timeline" when a count fell later."""
    if {r.source_id for r in low} == {r.source_id for r in high} and len(
            {r.source_id for r in low}) == 1:
        return None  # one article's two figures count two things, not a dispute
    if not any(places_compatible(a.place, b.place) for a in low for b in high):
        return None  # two different towns of one province: two different events
    if not all(r.stated_period for r in low + high) and high[0].value > 0 and (
            high[0].value / max(low[-1].value, 1) > settings.scope_ratio):
        return None  # a night's raid against an offensive's toll: different scopes
    early, late = _asofs(low), _asofs(high)
    if low[0].kind in CUMULATIVE and early and late:
        gap = settings.timeline_gap_days
        if min(late) >= max(early) + gap:
            return None  # a cumulative count that grew over time
        if min(early) >= max(late) + gap:
            return "timeline"
    return "apart"


def figure_findings(group: Sequence[ClaimRow], settings: Settings) -> tuple[
        list[Finding], list[list[ClaimRow]]]:
    """The figure and attribution conflicts of a group, and its agreeing claims if it has none."""
    runs = sides(group, settings.tolerance)
    flagged: list[tuple[int, str, float]] = []
    for i in range(len(runs) - 1):
        rule = pair_rule(runs[i], runs[i + 1], settings)
        if rule:
            flagged.append((i, rule, figure_gap(runs[i][0], runs[i + 1][0])))
    findings = same_figure_findings(runs)
    if not flagged:
        agreeing = [run for run in runs if len({r.source_id for r in run}) > 1]
        return findings, agreeing
    involved = sorted({j for i, _, _ in flagged for j in (i, i + 1)}, reverse=True)
    disputed = [runs[j] for j in involved]
    rule = "timeline" if all(rule == "timeline" for _, rule, _ in flagged) else "apart"
    gap = max(g for _, _, g in flagged)
    figure = Finding("figure", disputed, gap, rule)
    members = {r.id for r in figure.members}
    same_body = same_body_findings(disputed)
    # one dispute, not two: when every claim cites one body, it is that body's figures that differ
    if rule != "timeline" and any({r.id for r in f.members} == members for f in same_body):
        return findings + same_body, []
    return [figure, *findings, *same_body], []


def same_body_findings(disputed: Sequence[list[ClaimRow]]) -> list[Finding]:
    """One body cited with different figures for the same thing (SOHR and OSDH are one body)."""
    out = []
    bodies = {r.attribution for side in disputed for r in side if r.attribution}
    for body in sorted(bodies):
        cited = [[r for r in side if r.attribution == body] for side in disputed]
        cited = [side for side in cited if side]
        if len(cited) > 1 and len({r.source_id for side in cited for r in side}) > 1:
            gap = figure_gap(cited[-1][0], cited[0][0])
            out.append(Finding("attribution", cited, gap, "same-body", body=body))
    return out


def same_figure_findings(runs: Sequence[list[ClaimRow]]) -> list[Finding]:
    """The same figure credited to different bodies in different articles."""
    out = []
    for run in runs:
        by_figure: dict[tuple[int | None, int | None, float], list[ClaimRow]] = defaultdict(list)
        for r in run:
            if r.attribution:
                by_figure[(r.low, r.high, r.value)].append(r)
        for rows in by_figure.values():
            by_body: dict[str, list[ClaimRow]] = defaultdict(list)
            for r in rows:
                by_body[r.attribution or ""].append(r)
            if len(by_body) > 1 and len({r.source_id for r in rows}) > 1:
                out.append(Finding("attribution", [by_body[b] for b in sorted(by_body)], 0.0,
                                   "same-figure"))
    return out


def date_gap(a: ClaimRow, b: ClaimRow) -> int:
    """Days between two date ranges; 0 when they overlap."""
    assert a.day0 is not None and a.day1 is not None and b.day0 is not None and b.day1 is not None
    return max(0, b.day0 - a.day1, a.day0 - b.day1)


def dates_disagree(a: ClaimRow, b: ClaimRow, slack: int) -> tuple[int, str] | None:
    """Days and rule when two claims date one ceasefire differently; an announcement may precede."""
    if a.source_id == b.source_id:
        return None
    if a.day0 != a.day1 or b.day0 != b.day1:
        slack = 0  # "at the start of September" carries its own looseness
    events = {a.event, b.event}
    if events == {"announced", "starts"}:
        announced, starts = (a, b) if a.event == "announced" else (b, a)
        assert announced.day0 is not None and starts.day1 is not None
        late = announced.day0 - starts.day1
        return (late, "announced-after-start") if late > slack else None
    gap = date_gap(a, b)
    return (gap, "apart") if gap > slack else None


def date_findings(group: Sequence[ClaimRow], settings: Settings) -> tuple[
        list[Finding], list[list[ClaimRow]]]:
    """The date conflict of a ceasefire group, or the group as agreeing when none."""
    hits = [(a, b, d) for a, b in combinations(group, 2)
            if (d := dates_disagree(a, b, settings.date_slack_days))]
    if not hits:
        return [], [list(group)]
    members = {r.id: r for a, b, _ in hits for r in (a, b)}
    statements: dict[tuple[str | None, int | None, int | None], list[ClaimRow]] = defaultdict(list)
    for r in sorted(members.values(), key=lambda r: (r.day0, r.day1, r.id)):
        statements[(r.event, r.day0, r.day1)].append(r)
    gap, rule = max(d for _, _, d in hits)
    return [Finding("date", list(statements.values()), float(gap), rule)], []


__all__ = ["Finding", "date_findings", "dates_disagree", "disagree", "figure_findings",
           "figure_gap", "sides"]
