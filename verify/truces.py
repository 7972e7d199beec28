"""Ceasefires told apart by what the articles say of them: an announcement written with the
start it announces ("announced on 25 September and in force from 26 October") is of the truce
that starts that day, so two articles agreeing on the start and not on the announcement
disagree, however far apart their announcement dates lie."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from claims.model import Claim, Event, Kind
from verify.compare import Edge, date_runs
from verify.rows import ClaimRow
from verify.settings import Settings

LINKED_REACH = 10**6  # days: findings of one truce's announcements are not cut by time


def truce_starts(claims: Iterable[Claim]) -> dict[str, int]:
    """For each announcement, the day the truce it announces starts, when one claim of its
    article dates that start in an overlapping span (one such day, not several)."""
    starts: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    announced: list[Claim] = []
    for c in claims:
        if c.kind is not Kind.ceasefire or not c.date:
            continue
        if c.event is Event.starts:
            starts[c.source_id].append((c.span.start, c.span.end, _first_day(c.date)))
        elif c.event is Event.announced:
            announced.append(c)
    out: dict[str, int] = {}
    for c in announced:
        days = {d for a, b, d in starts.get(c.source_id, ()) if a < c.span.end and c.span.start < b}
        if len(days) == 1:
            out[c.id] = days.pop()
    return out


def _first_day(date: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(date.split("/")[0]).toordinal()


def linked_edges(block: Sequence[ClaimRow], settings: Settings) -> list[Edge]:
    """Announcements of one truce (the same start, within the slack) whose articles share no
    announcement day: the runs of their dates, each against the next."""
    linked = sorted((r for r in block if r.truce_start is not None and r.day0 is not None),
                    key=lambda r: (r.truce_start, r.id))
    out: list[Edge] = []
    i = 0
    while i < len(linked):
        j = i + 1
        while j < len(linked) and linked[j].truce_start - linked[j - 1].truce_start <= (  # type: ignore[operator]
                settings.date_slack_days):
            j += 1
        out += _disputed(linked[i:j], settings)
        i = j
    return out


def _disputed(group: list[ClaimRow], settings: Settings) -> list[Edge]:
    articles = {r.source_id for r in group}
    if len(articles) < 2:
        return []
    found = date_runs(group, settings.date_slack_days)
    if any({r.source_id for r in run} == articles for run in found):
        return []  # a day every article gives: they agree on it
    out = []
    for low, high in zip(found, found[1:], strict=False):
        days = min(r.day0 or 0 for r in high) - max(r.day1 or 0 for r in low)
        if days <= settings.linked_window_days:
            edge = Edge(low, high, float(days), "apart")
            edge.reach = LINKED_REACH
            out.append(edge)
    return out


__all__ = ["linked_edges", "truce_starts"]
