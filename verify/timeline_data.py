"""The figures a timeline draws: grouped as they may be compared, each at the day it stands at,
with the ceasefire events of the same place as marks. No verdicts here, only dates and places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from claims.model import Claim, Source, date_bounds
from verify.group import subject_class


@dataclass(frozen=True)
class TimelinePoint:
    """A figure, its source, and the day it stands at: its period's end ("as of"), else the day
    its article was published."""

    claim: Claim
    source: Source
    published: dt.date
    at: dt.date


@dataclass(frozen=True)
class TimelineEvent:
    """A ceasefire event and the day or days it dates, for a mark on a chart."""

    claim: Claim
    source: Source
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class TimelineGroup:
    """The figures of one kind about one class of subject, one scope and one province, oldest
    first: one chart; with the ceasefire events of the same place, drawn as marks on it."""

    kind: str
    subjects: str
    points: list[TimelinePoint]
    scope: str | None = None
    events: list[TimelineEvent] = field(default_factory=list)
    total: int = 0  # figures in the group, drawn or not
    place: str | None = None

    @property
    def title(self) -> str:
        """"displaced · people · totals · Idlib province"."""
        scope = {"incident": "incidents", "total": "totals"}.get(self.scope or "", "")
        return " · ".join(x for x in (self.kind, self.subjects, scope, self.place) if x)


@lru_cache(maxsize=4096)
def _province(place: str | None) -> str | None:
    """The province a place lies in (the place itself when it is one, or is none's); a report
    asks again for every claim of the same few places."""
    if not place:
        return None
    from claims.places import province_of, resolve_place

    return province_of(place) or resolve_place(place) or place


Key = tuple[str, str, str | None, str | None]


def timeline_groups(claims: Iterable[Claim], sources: Mapping[str, Source],
                    limit: int | None = None,
                    place_of: Callable[[Claim], str | None] | None = None,
                    least: int = 1) -> list[TimelineGroup]:
    """Reported figures with a date, one group per kind, subject class (children are not drawn
    on the civilians' axis), scope (a day's toll is not drawn against a war's) and province
    (`place_of` a claim: stated, or its article's), the largest group first, its latest `limit`
    figures at most, groups of fewer than `least` left out; ceasefire events go with the
    groups of their province, or make one of their own when no figure is drawn."""
    where = place_of or (lambda c: c.place)
    groups: dict[Key, list[tuple[dt.date, str, Claim, Source]]] = {}
    events: dict[str | None, list[TimelineEvent]] = {}
    for c in claims:
        src = sources.get(c.source_id)
        if src is None or c.modality.value != "reported":
            continue  # a projection or a denial is not a count to draw
        if c.quantity is None:
            if (days := date_bounds(c.date)) is not None:
                events.setdefault(_province(where(c)), []).append(TimelineEvent(c, src, *days))
            continue
        at = c.period_end or src.published
        if at is None or src.published is None:
            continue
        key = (c.kind.value, subject_class(c.subject), c.scope.value if c.scope else None,
               _province(where(c)))
        groups.setdefault(key, []).append((at, c.id, c, src))
    for found in events.values():
        found.sort(key=lambda e: (e.first, e.claim.id))
    out = [_group(key, found, events.get(key[3], []), limit)
           for key, found in groups.items() if len(found) >= least]
    if not groups and events:
        every = sorted((e for found in events.values() for e in found),
                       key=lambda e: (e.first, e.claim.id))
        out = [TimelineGroup("ceasefire", "events", [], None, every)]
    return sorted(out, key=lambda g: (-g.total, g.kind, g.subjects, g.scope or "", g.place or ""))


def _group(key: Key, found: list[tuple[dt.date, str, Claim, Source]],
           events: list[TimelineEvent], limit: int | None) -> TimelineGroup:
    kind, klass, scope, place = key
    found.sort(key=lambda f: (f[0], f[1]))
    drawn = found[-limit:] if limit else found
    points = [TimelinePoint(c, src, src.published, at) for at, _, c, src in drawn
              if src.published]
    return TimelineGroup(kind, klass, points, scope, events, total=len(found), place=place)
