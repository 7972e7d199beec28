"""Which claims are comparable: blocks of one kind, subject and place, then windows in time.

A block holds claims that could be about the same thing but for time. Windows slide per
pair: any two claims close enough in time share at least one window, and no window is anchored
on a first article. Each row falls in a few windows, so the cost is the sort.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter

from verify.rows import (
    INCIDENT,
    LONG_DAYS,
    TOTAL,
    UNKNOWN,
    ClaimRow,
    article_place,
    figure_text,
    row_of,
    rows_of,
    subject_class,
)
from verify.settings import Settings

CUMULATIVE = frozenset({"killed", "injured", "displaced", "returned", "detained", "missing"})
BlockKey = tuple[str, ...]


def blocks_of(rows: Iterable[ClaimRow]) -> dict[BlockKey, list[ClaimRow]]:
    """Claims that may be about one thing but for time: figures by kind, subject (with its
    refinement), sub-count or not, and place; ceasefire dates by area and event."""
    blocks: dict[BlockKey, list[ClaimRow]] = defaultdict(list)
    for r in rows:
        if (key := block_key(r)) is not None:
            blocks[key].append(r)
    return blocks


def block_key(r: ClaimRow) -> BlockKey | None:
    """The block a row falls in (see blocks_of); None for a ceasefire's breach or an undated
    one, which no block holds."""
    if r.kind == "ceasefire":
        if r.day0 is not None and r.event in ("announced", "starts"):
            return ("ceasefire", truce_country(r.place), r.event)
        return None  # a breach is dated by the fighting, not compared as the truce's date
    return (r.kind, r.klass, r.refinement, "part" if r.part else "", r.place or "")


def truce_country(area: str | None) -> str:
    """The country a ceasefire area lies in: truces are compared country-wide, since the
    article's area is often a guess (see compare.date_edges for two areas stated apart)."""
    if not area:
        return ""
    from claims.places import country_of

    return country_of(area) or area


def windows(rows: Sequence[ClaimRow], width: int, key: str = "asof") -> Iterator[list[ClaimRow]]:
    """Maximal runs of rows whose day (`key`) lies within `width` days of the run's first.

    Every pair of rows at most `width` days apart shares a window. For wide windows (more
    than a week) anchors step by a quarter of the width, so pairs up to 3/4 of it always
    meet and each row falls in about five windows.
    """
    get = attrgetter(key)
    dated = sorted((r for r in rows if get(r) is not None), key=attrgetter(key, "id"))
    days = [get(r) for r in dated]
    step = width // 4 if width > 7 else 0
    i, end, last_end = 0, 0, -1
    while i < len(dated):
        anchor = days[i]
        while end < len(dated) and days[end] <= anchor + width:
            end += 1
        if end > last_end:
            yield dated[i:end]
            last_end = end
        while i < len(dated) and days[i] <= anchor + step:
            i += 1


def start_partitions(rows: Sequence[ClaimRow], settings: Settings) -> Iterator[list[ClaimRow]]:
    """Totals over the same span: periods starting within the tolerance of each other (a
    window per pair, so weekly counts a day apart never chain into one). The tolerance is a
    share of the shortest period of its class (up to a month, a year, more): three days'
    counts must start on the same day, a war's ("since 2011") may start months apart.
    Totals without a stated start make one partition of their own."""
    known = [r for r in rows if r.start is not None and r.asof is not None]
    for low, high in SPAN_CLASSES:
        rows_ = [r for r in known if low < _span(r) <= high]
        if rows_:
            share = settings.start_tolerance_share * min(map(_span, rows_))
            yield from windows(rows_, max(settings.start_tolerance_days, int(share)), key="start")
    unstarted = [r for r in rows if r.start is None or r.asof is None]
    if unstarted:
        yield unstarted


SPAN_CLASSES = ((-1, 31), (31, LONG_DAYS), (LONG_DAYS, 10**6))  # days a period covers


def _span(r: ClaimRow) -> int:
    return (r.asof or 0) - (r.start or 0)


def by_scope(block: Sequence[ClaimRow]) -> dict[str, list[ClaimRow]]:
    """A block's rows by scope: incident, total and unknown."""
    out: dict[str, list[ClaimRow]] = {INCIDENT: [], TOTAL: [], UNKNOWN: []}
    for r in block:
        out[r.scope].append(r)
    return out


def incident_windows(block: Sequence[ClaimRow],
                     settings: Settings) -> Iterator[tuple[list[ClaimRow], bool]]:
    """Reports of one incident: a town or site named, one day, one site.

    Two incidents the text dates to different days are two incidents. A toll the text does
    not date (an incident's, or one of unknown scope) at a named town stands for its
    article's day, or the days before within the window (news of an attack comes out the
    next day) when its own day had no incident the text dates, so it meets the incidents of
    those days and its like.
    In a city, where many incidents happen a day, two such figures are not matched with each
    other unless they name one site: only with an incident the text dates. Each window comes
    with whether it is a dated incident's (then only disputes with that incident count).
    """
    rows = [r for r in block if r.specific and r.asof is not None and (
        r.scope == INCIDENT or r.scope == UNKNOWN and r.value < settings.incident_ceiling)]
    dated = [r for r in rows if r.scope == INCIDENT and r.dated]
    loose = [r for r in rows if not (r.scope == INCIDENT and r.dated)]  # its article's day
    by_day: dict[int, list[ClaimRow]] = defaultdict(list)
    for r in dated:
        by_day[r.asof].append(r)  # type: ignore[index]
    late = sorted(loose, key=lambda r: (r.asof or 0, r.id))
    days = [r.asof or 0 for r in late]
    reach = settings.incident_window_days
    for day in sorted(by_day):
        lo, hi = bisect.bisect_left(days, day), bisect.bisect_right(days, day + reach)
        # a toll told the day after is that day's incident's, unless that day had its own
        near = [r for r in late[lo:hi] if r.asof == day or r.asof not in by_day]
        yield from ((w, True) for w in _by_site([*by_day[day], *near]))
    for window in windows([r for r in loose if r.site or not r.city], reach):
        yield from ((w, False) for w in _by_site(window))


def _by_site(window: list[ClaimRow]) -> Iterator[list[ClaimRow]]:
    """A window cut by site, then by kind of attack: two sites in one town on one day are two
    incidents, and so are shelling and an air strike there."""
    sites = {r.site for r in window if r.site}
    if len(sites) < 2:
        yield from _by_attack(window)
        return
    for site in sorted(sites):
        yield from _by_attack([r for r in window if r.site in (site, None)])


def _by_attack(window: list[ClaimRow]) -> Iterator[list[ClaimRow]]:
    """Claims whose passages name attacks of kinds in common (or none) may be one incident.

    In a city, where several attacks a day are common, a claim naming no site and no attack
    is matched with none (its article's other incidents of the day could be any), and the
    kinds must be the same: "air strikes and shelling" on the east is not the rebels'
    shelling of the west told again."""
    if window and window[0].city:
        sets: dict[frozenset[str], list[ClaimRow]] = defaultdict(list)
        for r in window:
            if r.attack or r.site:
                sets[r.attack].append(r)
        bare = sets.pop(frozenset(), [])
        if not sets:
            yield bare
        for found in sorted(sets, key=lambda k: sorted(k)):
            yield [*sets[found], *bare]
        return
    kinds = sorted({k for r in window for k in r.attack})
    if len(kinds) < 2:
        yield window
        return
    for kind in kinds:
        part = [r for r in window if kind in r.attack or not r.attack]
        if any(kind in r.attack for r in part):
            yield part


def moment_width(kind: str, settings: Settings) -> int:
    """Days within which two counts stand at one moment: populations move slowly."""
    return settings.stock_window_days if kind == "population" else settings.window_days


def fingerprint(rows: Iterable[ClaimRow]) -> str:
    """A hash of the member claims' content: it changes when any figure, date or status does."""
    joined = "\n".join(sorted(r.content for r in rows))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


__all__ = ["CUMULATIVE", "BlockKey", "ClaimRow", "article_place", "block_key", "blocks_of",
           "by_scope", "figure_text", "fingerprint", "incident_windows", "moment_width", "row_of",
           "rows_of", "start_partitions", "subject_class", "windows"]
