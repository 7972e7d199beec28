"""The data a report needs, gathered from the store once and filtered; no verdicts made here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claims.model import Claim, Conflict, Corroboration, Source
from claims.store import Store
from verify.filters import (
    ArticlePlaces,
    ConflictSort,
    Filters,
    check,
    conflict_key,
    keeps_conflict,
    keeps_source,
    kept_claims,
    severity_labels,
)
from verify.report_pages import ClaimCache, ConflictPages, Lazy

if TYPE_CHECKING:
    from verify.timeline_data import TimelineGroup


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
    conflicts: Sequence[Conflict]
    corroborations: list[Corroboration]
    summaries: Sequence[SourceSummary]
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
        return sum(1 for s in self.sources.values() if keeps_source(s, self.filters))

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
    return state_words(conflict.decision.verdict.value, conflict.decision.stale)


def state_words(verdict: str | None, stale: bool) -> str:
    """A review state in words: "open", or the verdict, "(stale)" after it when stale."""
    if verdict is None:
        return "open"
    return verdict + (" (stale)" if stale else "")


def gather_report(store: Store, name: str, filters: Filters | None = None) -> ReportData:
    """Read sources, claims, conflicts and corroborations from `store` and apply `filters`
    (checked first: an unknown kind or place is refused, not answered with an empty report).
    Without a claim filter, in the default order, conflicts are read page by page as shown."""
    every = store.list_sources()
    f = check(filters or Filters(), store, sources=every)
    sources = {s.id: s for s in every}
    if f.claim_filters() or (f.sort or ConflictSort.severity.value) != ConflictSort.severity:
        return _gather_whole(store, name, f, sources)
    return _gather_paged(store, name, f, sources)


def _gather_whole(store: Store, name: str, f: Filters, sources: dict[str, Source]
                  ) -> ReportData:
    """The report read whole: the claim filters and orders other than severity ask for
    every conflict to be looked at."""
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


def _gather_paged(store: Store, name: str, f: Filters, sources: dict[str, Source]
                  ) -> ReportData:
    """The report with every active claim kept: the store picks and counts the conflicts (the
    filters' own terms, verify.filters.severity_labels) and the report reads a page at a time
    what it shows; the claim index is read only when the whole order of claims is needed."""
    index = store.conflict_index(None if f.type is None else [f.type],
                                 severity_labels(f.severity))
    ids = index.ids if f.limit is None else index.ids[: max(f.limit, 0)]
    every = store.list_corroborations()
    active_ids = store.active_claim_ids([i for g in every for i in g.claim_ids])
    groups = [g for g in every if any(i in active_ids for i in g.claim_ids)]
    active: dict[str, str] = {}

    def claim_index() -> dict[str, str]:
        if not active:
            active.update((r.id, r.source_id) for r in store.claim_index())
        return active

    def shown() -> list[str]:
        return [i for c in conflicts for i in c.claim_ids] + [
            i for g in groups for i in g.claim_ids]

    def order() -> list[str]:
        known = claim_index()
        return [*dict.fromkeys(i for i in shown() if i in known), *known]

    stored = sum(store.claim_counts().values())
    claims = ClaimCache(store, order, stored)
    conflicts = ConflictPages(store, ids, claims, stored)
    severity = {k: sum(n for (label, _, _), n in index.counts.items() if label == k)
                for k in ("high", "medium", "low")}
    review: dict[str, int] = {}
    for (_, verdict, stale), n in index.counts.items():
        review[state_words(verdict, stale)] = review.get(state_words(verdict, stale), 0) + n
    summaries = Lazy(lambda: _summaries(sources, f, claim_index(), claim_index(), conflicts,
                                        shown()))
    return ReportData(name, sources, claims, conflicts, groups, summaries, f, len(index.ids),
                      severity, review)


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
    from verify.timeline_data import timeline_groups

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
           "gather_report", "gather_timeline", "report_settings", "review_state", "state_words"]


def __getattr__(name: str) -> object:
    """The timeline types, still importable from here, loaded when first asked for: the
    terminal report never needs them."""
    if name in ("TimelineEvent", "TimelineGroup", "TimelinePoint", "timeline_groups"):
        from verify import timeline_data

        return getattr(timeline_data, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
