"""The data a report needs, gathered from the store once and filtered; no verdicts made here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.model import Claim, Conflict, Corroboration, Source
from claims.store import Store, in_place
from verify.group import article_place, subject_class

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class ReportFilters:
    """What a report keeps: each filter left as None keeps everything."""

    kind: str | None = None
    place: str | None = None
    source: str | None = None  # a source id or unique id prefix
    since: dt.date | None = None  # publication date, inclusive
    until: dt.date | None = None
    min_severity: str | None = None  # "low", "medium" or "high"
    limit: int | None = None  # at most this many conflicts

    def active(self) -> dict[str, Any]:
        """The filters that were given, for the report's header."""
        given = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return {k: v.isoformat() if isinstance(v, dt.date) else v
                for k, v in given.items() if v is not None}


@dataclass(frozen=True)
class SourceSummary:
    """One source's share of the report: claims found and conflicts it is part of."""

    source: Source
    claims: int
    conflicts: int


@dataclass
class ReportData:
    """Everything a report renders: counts, conflicts most severe first, agreeing groups."""

    store_name: str
    sources: dict[str, Source]
    claims: Mapping[str, Claim]
    conflicts: list[Conflict]
    corroborations: list[Corroboration]
    summaries: list[SourceSummary]
    filters: ReportFilters = field(default_factory=ReportFilters)
    total_conflicts: int = 0  # before --limit
    severity_counts: dict[str, int] = field(default_factory=dict)  # before --limit
    review_counts: dict[str, int] = field(default_factory=dict)  # before --limit

    def members(self, claim_ids: Iterable[str]) -> list[Claim]:
        """The claims behind ids, in the given order, skipping any no longer stored."""
        return [self.claims[i] for i in claim_ids if i in self.claims]

    def by_severity(self) -> dict[str, int]:
        """Conflicts per severity label, high first (counted before --limit)."""
        return self.severity_counts or _count_severity(self.conflicts)

    def by_review(self) -> dict[str, int]:
        """Conflicts per review state: open, or the verdict (counted before --limit)."""
        return self.review_counts or _count_review(self.conflicts)


def _count_severity(conflicts: Sequence[Conflict]) -> dict[str, int]:
    labels = [c.severity_label for c in conflicts]
    return {k: labels.count(k) for k in ("high", "medium", "low")}


def _count_review(conflicts: Sequence[Conflict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in conflicts:
        state = review_state(c)
        out[state] = out.get(state, 0) + 1
    return out


def review_state(conflict: Conflict) -> str:
    """"open", or the reviewer's verdict, with "(stale)" when the claims changed since."""
    if conflict.decision is None:
        return "open"
    return conflict.decision.verdict.value + (" (stale)" if conflict.decision.stale else "")


def gather_report(store: Store, name: str, filters: ReportFilters | None = None) -> ReportData:
    """Read sources, claims, conflicts and corroborations from `store` and apply `filters`."""
    f = filters or ReportFilters()
    sources = {s.id: s for s in store.list_sources()}
    if f.source:
        wanted = store.get_source(f.source).id
        sources = {k: v for k, v in sources.items() if k == wanted}
    sources = {k: v for k, v in sources.items() if _in_dates(v, f)}
    places = _ArticlePlaces(sources)
    index = {r.id: r.source_id for r in store.claim_index(kind=f.kind)
             if r.source_id in sources and _at(r.place, places[r.source_id], f.place)}
    conflicts = [c for c in store.list_conflicts() if _keeps(c, index, f)]
    conflicts.sort(key=lambda c: (-c.severity, c.id))
    counts = (len(conflicts), _count_severity(conflicts), _count_review(conflicts))
    if f.limit is not None:
        conflicts = conflicts[: max(f.limit, 0)]
    groups = [g for g in store.list_corroborations() if _touches(g.claim_ids, index)]
    summaries = _summaries(sources, index, conflicts)
    shown = [i for c in conflicts for i in c.claim_ids] + [i for g in groups for i in g.claim_ids]
    claims = ClaimCache(store, [*dict.fromkeys(i for i in shown if i in index), *index])
    return ReportData(name, sources, claims, conflicts, groups, summaries, f, *counts)


class ClaimCache(Mapping[str, Claim]):
    """The report's claims, read from the store as they are first asked for, a batch at a time
    in the order the report shows them: its first screen needs a few of thousands."""

    BATCH = 400

    def __init__(self, store: Store, order: Sequence[str]) -> None:
        self._store = store
        self._order = list(dict.fromkeys(order))
        self._at = {cid: n for n, cid in enumerate(self._order)}
        self._loaded: dict[str, Claim] = {}

    def __getitem__(self, cid: str) -> Claim:
        if cid not in self._loaded:
            start = self._at[cid]  # KeyError for a claim the report does not hold
            batch = [i for i in self._order[start : start + self.BATCH] if i not in self._loaded]
            self._loaded.update((c.id, c) for c in self._store.list_claims(ids=batch))
        return self._loaded[cid]

    def __contains__(self, cid: object) -> bool:
        return cid in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class _ArticlePlaces(dict[str, str | None]):
    """Each source's main place, worked out once, when a claim without a place needs it."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, source_id: str) -> str | None:
        self[source_id] = article_place(self._sources[source_id])
        return self[source_id]


def _at(stated: str | None, article: str | None, place: str | None) -> bool:
    """A claim is about a place when it says so, or, saying nowhere, when its article is: the
    same inference the check makes when it groups claims (verify.group.infer_places)."""
    if place is None:
        return True
    where = stated or article
    return where is not None and in_place(where, place)


def _in_dates(source: Source, f: ReportFilters) -> bool:
    if f.since is None and f.until is None:
        return True
    if source.published is None:
        return False
    if f.since is not None and source.published < f.since:
        return False
    return f.until is None or source.published <= f.until


def _touches(claim_ids: Sequence[str], claims: Mapping[str, object]) -> bool:
    """A group is kept when at least two of its claims pass the filters (one cannot disagree)."""
    return sum(1 for i in claim_ids if i in claims) >= 2


def _keeps(conflict: Conflict, claims: Mapping[str, object], f: ReportFilters) -> bool:
    if f.min_severity and SEVERITY_ORDER[conflict.severity_label] < SEVERITY_ORDER[f.min_severity]:
        return False
    return _touches(conflict.claim_ids, claims)


def _summaries(
    sources: Mapping[str, Source], source_of: Mapping[str, str], conflicts: Sequence[Conflict]
) -> list[SourceSummary]:
    """Claims found and conflicts joined per source; `source_of` maps claim id to source id."""
    found: dict[str, int] = {}
    for sid in source_of.values():
        found[sid] = found.get(sid, 0) + 1
    involved: dict[str, int] = {}
    for conflict in conflicts:
        for sid in {source_of[i] for i in conflict.claim_ids if i in source_of}:
            involved[sid] = involved.get(sid, 0) + 1
    return [SourceSummary(s, found.get(s.id, 0), involved.get(s.id, 0)) for s in sources.values()]


@dataclass(frozen=True)
class TimelinePoint:
    """A claim with the date it was published, for a figure-against-time chart."""

    claim: Claim
    source: Source
    published: dt.date


@dataclass(frozen=True)
class TimelineGroup:
    """The figures of one kind about one class of subject, oldest first: one chart."""

    kind: str
    subjects: str
    points: list[TimelinePoint]


def gather_timeline(store: Store, filters: ReportFilters) -> list[TimelineGroup]:
    """Reported figures passing `filters`, with a publication date, one group per kind and
    subject class (children are not drawn on the civilians' axis), the largest group first."""
    data = gather_report(store, "", filters)
    groups: dict[tuple[str, str], list[TimelinePoint]] = {}
    for c in data.claims.values():
        src = data.sources[c.source_id]
        if c.quantity is None or src.published is None or c.modality.value != "reported":
            continue  # a projection or a denial is not a count to draw
        key = (c.kind.value, subject_class(c.subject))
        groups.setdefault(key, []).append(TimelinePoint(c, src, src.published))
    out = [TimelineGroup(kind, klass, sorted(points, key=lambda p: (p.published, p.claim.id)))
           for (kind, klass), points in groups.items()]
    return sorted(out, key=lambda g: (-len(g.points), g.kind, g.subjects))
