"""The report's data: each filter keeps what it says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.errors import NotFoundError
from claims.model import Claim
from claims.store import Store
from tests.report_corpus import build
from verify.report_data import ReportFilters, gather_report, gather_timeline


def test_no_filters(store: Store) -> None:
    build(store)
    data = gather_report(store, "t")
    assert (len(data.sources), len(data.claims), len(data.conflicts)) == (5, 7, 2)
    assert [c.severity_label for c in data.conflicts] == ["high", "medium"]


def test_kind(store: Store) -> None:
    build(store)
    data = gather_report(store, "t", ReportFilters(kind="killed"))
    assert {c.kind.value for c in data.claims.values()} == {"killed"}
    assert [c.type.value for c in data.conflicts] == ["attribution"]
    assert data.corroborations == []


def test_place(store: Store) -> None:
    build(store)
    assert len(gather_report(store, "t", ReportFilters(place="idlib")).claims) == 7
    assert gather_report(store, "t", ReportFilters(place="Aleppo")).conflicts == []


def test_source(store: Store) -> None:
    c = build(store)
    data = gather_report(store, "t", ReportFilters(source=c["ea500"].source_id[:6]))
    assert data.kept == [c["ea500"].id, c["ea900"].id]
    assert data.claim_count() == 2 and data.source_count() == 1
    # the conflicts the source is a side of, shown whole: the other sides come along
    assert [len(k.claim_ids) for k in data.conflicts] == [5, 2]
    assert c["lm400"].id in data.claims
    cited = {s.source.outlet for s in data.summaries if not s.matched}
    assert "Le Monde" in cited and "EA WorldView" not in cited
    by_path = gather_report(store, "t", ReportFilters(source="eaworldview.txt"))
    assert by_path.kept == data.kept
    with pytest.raises(NotFoundError):
        gather_report(store, "t", ReportFilters(source="zzzzzz"))


def test_since_until(store: Store) -> None:
    build(store)
    data = gather_report(store, "t", ReportFilters(since=dt.date(2019, 8, 7),
                                                   until=dt.date(2019, 9, 10)))
    assert sorted(s.source.outlet or "" for s in data.summaries if s.matched) == [
        "Daily Sabah", "EA WorldView", "Reuters"]
    # each conflict has a side published in the window (EA WorldView on 2019-09-10)
    assert [c.type.value for c in data.conflicts] == ["figure", "attribution"]
    assert data.claim_count() == 4


def test_min_severity_and_limit(store: Store) -> None:
    build(store)
    high = gather_report(store, "t", ReportFilters(min_severity="high"))
    assert [c.severity_label for c in high.conflicts] == ["high"]
    limited = gather_report(store, "t", ReportFilters(limit=1))
    assert len(limited.conflicts) == 1 and limited.total_conflicts == 2
    assert limited.by_severity() == {"high": 1, "medium": 1, "low": 0}


def test_summaries(store: Store) -> None:
    c = build(store)
    data = gather_report(store, "t")
    rows = {s.source.id: (s.claims, s.conflicts) for s in data.summaries}
    assert rows[c["lm400"].source_id] == (2, 2)
    assert rows[c["w2"].source_id] == (1, 1)


def test_timeline_points(store: Store) -> None:
    build(store)
    [group] = gather_timeline(store, ReportFilters(kind="displaced", place="Idlib"))
    points = group.points
    assert (group.kind, group.subjects) == ("displaced", "people")
    assert [p.published.isoformat() for p in points] == [
        "2019-08-06", "2019-08-30", "2019-08-30", "2019-09-10", "2020-01-16"]
    assert [p.claim.low for p in points][-2:] == [500_000, 600_000]


def test_seeds_displacement_timeline_for_idlib_draws_the_jump(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    """The figures the check compares for Idlib are the ones the timeline draws; no projection."""
    from claims.store import open_store
    from tests.conftest import SEEDS
    from verify.ingest import ingest

    with open_store(str(tmp_path / "s.db")) as seeds_store:
        ingest(seeds_store, seed_paths, SEEDS / "manifest.csv")
        groups = gather_timeline(seeds_store, ReportFilters(kind="displaced", place="Idlib"))
    drawn = {(p.source.outlet, p.claim.low) for g in groups for p in g.points}
    assert ("Reuters (republished)", 500_000) in drawn  # its place comes from its article
    assert ("EA WorldView", 400_000) in drawn
    assert ("Le Monde (English translation)", 400_000) in drawn
    assert all(p.claim.modality.value == "reported" for g in groups for p in g.points)
    assert 585_000 not in {low for _, low in drawn}  # "could be forced to flee" is not drawn


def test_report_claims_are_read_lazily_in_batches_and_equal_the_stored_ones(store: Store) -> None:
    from verify.report_data import ClaimCache

    build(store)
    data = gather_report(store, "t")
    assert isinstance(data.claims, ClaimCache)
    asked: list[int] = []
    original = store.read_claims

    def counting(ids: list[str] | None = None) -> list[Claim]:
        asked.append(len(ids or []))
        return original(ids)

    store.read_claims = counting  # type: ignore[method-assign]
    first = data.conflicts[0].claim_ids[0]
    assert data.claims[first] == store.get_claim(first)
    assert len(asked) == 1 and asked[0] <= ClaimCache.BATCH
    assert {c.id: c for c in data.claims.values()} == {c.id: c for c in store.list_claims()}
    with pytest.raises(KeyError):
        data.claims["c-not-in-the-report"]
