"""The report's paged reader: the same conflicts, in the same order, with the same counts as a
read of every conflict, for every filter the store can apply itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.model import (
    Claim,
    Conflict,
    ConflictType,
    Decision,
    Kind,
    Quantity,
    Source,
    Span,
    Verdict,
)
from claims.store import Store
from verify.filters import Filters, check
from verify.report_data import ReportData, _gather_paged, _gather_whole, gather_report
from verify.report_pages import ClaimCache, ConflictPages

pytestmark = pytest.mark.both
TYPES = (ConflictType.figure, ConflictType.date, ConflictType.attribution)


def _fill(store: Store) -> list[Conflict]:
    """Six sources of ten claims; 40 conflicts of every type and label, with tied severities,
    shared claims, fresh and stale verdicts, and one conflict whose claims were all removed."""
    claims: list[Claim] = []
    for s in range(6):
        text = f"Report {s}.\n" + "".join(f"Some {100 + i} people fled. " for i in range(10))
        src = Source(id=Source.id_for(text), path=f"r{s}.txt", outlet=f"Desk {s % 3}",
                     text=text, published=dt.date(2020, 3, 1) + dt.timedelta(days=7 * s))
        mine = []
        for i in range(10):
            start = text.index(f"{100 + i} people")
            mine.append(Claim(source_id=src.id, source_path=src.path, kind=Kind.displaced,
                              subject="people", place=f"Town {i % 4}",
                              quantity=Quantity(low=100 + i + s, high=100 + i + s),
                              span=Span.of(text, start, start + len(f"{100 + i} people"))))
        store.save_source(src, mine)
        claims += mine
    conflicts = [
        Conflict(type=TYPES[n % 3], severity=round((n * 7 % 10) / 10, 1),
                 severity_label=("low", "medium", "high")[n * 7 % 10 // 4],
                 reason=f"figures apart ({n})", claim_ids=[claims[n].id, claims[n + 13].id],
                 key={"kind": "displaced", "place": claims[n].place})
        for n in range(40)
    ]
    store.replace_conflicts(conflicts)
    for n, c in enumerate(conflicts[:12:3]):
        store.save_decision(Decision(conflict_id=c.id, verdict=(Verdict.real, Verdict.resolved)[
            n % 2], claim_id=c.claim_ids[0] if n % 2 else None, reviewer="lena",
            fingerprint="earlier" if n == 2 else c.fingerprint,
            decided_at=dt.datetime(2024, 6, 1, 10)))
    last = conflicts[-1]  # its claims are gone from the report: so is it
    for cid in last.claim_ids:
        store.remove_claim(cid)
    return conflicts


def _both(store: Store, **given: Any) -> tuple[ReportData, ReportData]:
    f = check(Filters(**given), store)
    sources = {s.id: s for s in store.list_sources()}
    return _gather_paged(store, "t", f, sources), _gather_whole(store, "t", f, sources)


def _values(data: ReportData) -> dict[str, Any]:
    """What a report shows, on values: each conflict whole, every count, the claims in order."""
    return {
        "conflicts": [c.model_dump() for c in data.conflicts],
        "total": data.total_conflicts, "severity": data.by_severity(),
        "review": data.by_review(), "claims": [data.claims[i].model_dump() for i in data.claims],
        "claim_count": data.claim_count(), "source_count": data.source_count(),
        "groups": [g.id for g in data.corroborations],
        "summaries": [(s.source.id, s.claims, s.conflicts, s.matched) for s in data.summaries],
    }


@pytest.mark.parametrize("given", [
    {}, {"type": "figure"}, {"type": "attribution"}, {"severity": "medium"},
    {"severity": "high"}, {"limit": 7}, {"limit": 0}, {"type": "date", "severity": "medium",
                                                       "limit": 3}, {"sort": "severity"},
], ids=lambda g: ",".join(f"{k}={v}" for k, v in g.items()) or "none")
def test_paged_reader_shows_what_the_whole_read_shows(store: Store, given: dict[str, Any]
                                                      ) -> None:
    _fill(store)
    paged, whole = _both(store, **given)
    assert isinstance(paged.conflicts, ConflictPages)
    assert _values(paged) == _values(whole)


def test_counts_equal_counts_over_the_full_list(store: Store) -> None:
    made = _fill(store)
    data = gather_report(store, "t")
    full = [c for c in store.list_conflicts() if c.id != made[-1].id]
    assert data.total_conflicts == len(full) == 39
    assert data.by_severity() == {k: sum(c.severity_label == k for c in full)
                                  for k in ("high", "medium", "low")}
    assert data.by_review() == {"open": 35, "real": 1, "real (stale)": 1, "resolved": 2}
    assert [c.id for c in data.conflicts] == [c.id for c in sorted(
        full, key=lambda c: (-c.severity, c.id))]


def test_first_screen_reads_one_page_of_conflicts_and_their_claims(store: Store) -> None:
    _fill(store)
    data = gather_report(store, "t")
    read: list[int] = []
    claims_read: list[int] = []
    original, original_claims = store.read_conflicts, store.read_claims

    def conflicts(ids: list[str]) -> list[Conflict]:
        read.append(len(ids))
        return original(ids)

    def claims(ids: list[str] | None = None) -> list[Claim]:
        claims_read.append(len(ids or []))
        return original_claims(ids)

    store.read_conflicts = conflicts  # type: ignore[method-assign]
    store.read_claims = claims  # type: ignore[method-assign]
    first = data.conflicts[0]
    assert [data.claims[i].id for i in first.claim_ids] == first.claim_ids
    assert data.claim_count() == 58 and data.source_count() == 6  # counted, not read
    assert read == [ConflictPages.FIRST] and len(claims_read) == 1
    assert isinstance(data.claims, ClaimCache)
    assert len(list(data.conflicts)) == 39
    assert read == [ConflictPages.FIRST, 39 - ConflictPages.FIRST]  # 8 x 16: all the rest


def test_a_removed_claim_is_not_in_the_paged_report(store: Store) -> None:
    made = _fill(store)
    data = gather_report(store, "t")
    gone = made[-1].claim_ids[0]
    list(data.conflicts)
    assert gone not in data.claims
    with pytest.raises(KeyError):
        data.claims[gone]
