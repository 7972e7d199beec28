"""The data a report needs, gathered from the store once and filtered; no verdicts made here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from claims.model import Claim, Conflict, Corroboration, Source
from claims.store import Store
from verify.filters import (
    ArticlePlaces,
    Filters,
    check,
    conflict_key,
    keeps_conflict,
    keeps_source,
    kept_claims,
)
from verify.timeline_data import TimelineEvent, TimelineGroup, TimelinePoint, timeline_groups


@dataclass(frozen=True)
class ReportFilters(Filters):
    """The report's filters: verify.filters.Filters, taking `min_severity` as its old name."""

    min_severity: str | None = None  # the old name of `severity`

    def __post_init__(self) -> None:
        if self.min_severity is not None and self.severity is None:
            object.__setattr__(self, "severity", self.min_severity)
        object.__setattr__(self, "min_severity", None)


@dataclass(frozen=True)
class ReportSettings:
    """What a desk publishes under, from `[report]` in the crosscheck.toml beside the store."""

    publisher: str = "crosscheck"  # the fact-checking organisation signing ClaimReviews
    review_url: str = ""  # the page the reviews are published on (conflict ids are anchors)


def report_settings(db: str | None) -> ReportSettings:
    """`[report]` of the store's crosscheck.toml (publisher, review_url), else the defaults."""
    import tomllib

    from claims.errors import DataError
    from verify.settings import config_path

    path = config_path(db) if db else None
    if path is None or not path.is_file():
        return ReportSettings()
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("report", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid TOML ({exc})") from None
    known = {"publisher", "review_url"}
    if not isinstance(table, dict) or set(table) - known:
        raise DataError(f"{path}: [report] takes only publisher and review_url")
    if any(not isinstance(v, str) for v in table.values()):
        raise DataError(f"{path}: [report] publisher and review_url are text")
    return ReportSettings(**table)


@dataclass(frozen=True)
class SourceSummary:
    """One source's share of the report: claims found and conflicts it is part of. A source
    outside the filters is listed, `matched` False, when a conflict shown cites it."""

    source: Source
    claims: int
    conflicts: int
    matched: bool = True


@dataclass
class ReportData:
    """Everything a report renders: counts, conflicts most severe first, agreeing groups."""

    store_name: str
    sources: dict[str, Source]  # every source a claim shown may come from
    claims: Mapping[str, Claim]  # the claims kept and every claim of a conflict or group shown
    conflicts: list[Conflict]
    corroborations: list[Corroboration]
    summaries: list[SourceSummary]
    filters: Filters = field(default_factory=Filters)
    total_conflicts: int = 0  # before --limit
    severity_counts: dict[str, int] = field(default_factory=dict)  # before --limit
    review_counts: dict[str, int] = field(default_factory=dict)  # before --limit
    kept: Sequence[str] | None = None  # ids of the claims the filters keep (None: all claims)
    _places: ArticlePlaces | None = field(default=None, repr=False)

    def place_of(self, claim: Claim) -> str | None:
        """A claim's place as the check infers it: the one stated, else its article's."""
        if claim.place or claim.source_id not in self.sources:
            return claim.place
        if self._places is None:
            self._places = ArticlePlaces(self.sources)
        return self._places[claim.source_id]

    def members(self, claim_ids: Iterable[str]) -> list[Claim]:
        """The claims behind ids, in the given order, skipping any no longer stored."""
        return [self.claims[i] for i in claim_ids if i in self.claims]

    def claim_count(self) -> int:
        """How many claims the filters keep."""
        return len(self.claims) if self.kept is None else len(self.kept)

    def source_count(self) -> int:
        """How many sources the filters keep."""
        return sum(1 for s in self.summaries if s.matched)

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


def gather_report(store: Store, name: str, filters: Filters | None = None) -> ReportData:
    """Read sources, claims, conflicts and corroborations from `store` and apply `filters`
    (checked first: an unknown kind or place is refused, not answered with an empty report)."""
    every = store.list_sources()
    f = check(filters or Filters(), store, sources=every)
    sources = {s.id: s for s in every}
    active = {r.id: r.source_id for r in store.claim_index()}
    kept = active
    if f.claim_filters():
        kept = kept_claims(store, f, {k: v for k, v in sources.items() if keeps_source(v, f)})
    conflicts = [c for c in store.list_conflicts() if keeps_conflict(c, kept, f)]
    conflicts.sort(key=conflict_key(f, sources, active))
    counts = (len(conflicts), _count_severity(conflicts), _count_review(conflicts))
    if f.limit is not None:
        conflicts = conflicts[: max(f.limit, 0)]
    groups = [g for g in store.list_corroborations() if any(i in kept for i in g.claim_ids)]
    shown = [i for c in conflicts for i in c.claim_ids] + [i for g in groups for i in g.claim_ids]
    order = [*dict.fromkeys(i for i in shown if i in active), *kept]
    summaries = _summaries(sources, f, active, kept, conflicts, shown)
    return ReportData(name, sources, ClaimCache(store, order), conflicts, groups, summaries, f,
                      *counts, kept=None if kept is active else list(kept))


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


def _summaries(
    sources: Mapping[str, Source], f: Filters, active: Mapping[str, str],
    kept: Mapping[str, str], conflicts: Sequence[Conflict], shown: Sequence[str],
) -> list[SourceSummary]:
    """Claims found and conflicts joined per source: the sources the filters keep, then any
    other a conflict or group shown cites."""
    found: dict[str, int] = {}
    for sid in kept.values():
        found[sid] = found.get(sid, 0) + 1
    involved: dict[str, int] = {}
    for conflict in conflicts:
        for sid in {active[i] for i in conflict.claim_ids if i in active}:
            involved[sid] = involved.get(sid, 0) + 1
    cited = {active[i] for i in shown if i in active}
    matched = [s for s in sources.values() if keeps_source(s, f)]
    others = [s for s in sources.values() if s.id in cited and not keeps_source(s, f)]
    return ([SourceSummary(s, found.get(s.id, 0), involved.get(s.id, 0)) for s in matched]
            + [SourceSummary(s, 0, involved.get(s.id, 0), matched=False) for s in others])


def gather_timeline(store: Store, filters: Filters | None = None,
                    conflict: str | None = None) -> list[TimelineGroup]:
    """The timeline charts of the claims `filters` keep, or of one conflict's claims."""
    if conflict is not None:
        found = store.get_conflict(conflict)
        members = {c.id: c for c in store.list_claims(ids=found.claim_ids)}
        sources = {s.id: s for s in store.list_sources()}
        places = ArticlePlaces(sources)
        return timeline_groups([members[i] for i in found.claim_ids if i in members], sources,
                               place_of=lambda c: c.place or places[c.source_id])
    data = gather_report(store, "", filters)
    ids = data.kept if data.kept is not None else list(data.claims)
    return timeline_groups((data.claims[i] for i in ids), data.sources, place_of=data.place_of)


__all__ = ["ClaimCache", "ReportData", "ReportFilters", "ReportSettings", "SourceSummary",
           "TimelineEvent", "TimelineGroup", "TimelinePoint", "gather_report", "gather_timeline",
           "report_settings", "review_state", "timeline_groups"]
