"""The cross-check: group comparable claims, find where they disagree, and record the results."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claims.model import Claim, Conflict, ConflictType, Corroboration, Source
from claims.store import Store
from claims.store_write import SourceHead
from verify.check_parts import PART_CLAIMS
from verify.check_read import ClaimRecord, read_claims
from verify.compare import Finding
from verify.group import BlockKey, ClaimRow, blocks_of, fingerprint, rows_of
from verify.independence import independent_count, origins
from verify.judge import judge_block
from verify.reason import agreement_reason, finding_reason, months, subject_of, when
from verify.rows import UNKNOWN
from verify.settings import Settings, load_aliases, load_settings
from verify.severity import gap_score, recency, severity


@dataclass(frozen=True)
class CheckResult:
    """What a check found: conflicts, most severe first, and the corroborated groups."""

    conflicts: list[Conflict]
    corroborations: list[Corroboration]


def find_conflicts(
    claims: Sequence[Claim] | Sequence[ClaimRecord] | Sequence[ClaimRow],
    sources: Sequence[Source] | Sequence[SourceHead] = (),
    settings: Settings | None = None,
    sentences: Mapping[str, str | None] | None = None,
    scheduler: str | None = None,
) -> CheckResult:
    """Conflicts and corroborations among claims in memory (Claims, or rows already flat);
    sources with their texts, or read without them with the claims' stored `sentences`.
    With a Dask `scheduler`, the groups are compared on its workers."""
    settings = settings or Settings()
    rows = [c for c in claims if isinstance(c, ClaimRow)]
    if len(rows) != len(claims):
        rows = rows_of([c for c in claims if isinstance(c, Claim | ClaimRecord)], sources,
                       settings, sentences)
    blocks = sorted(blocks_of(rows).items(), key=lambda kv: (-len(kv[1]), kv[0]))
    newest = max((r.asof for r in rows if r.asof is not None), default=None)
    conflicts: dict[str, Conflict] = {}
    agreed: dict[str, Corroboration] = {}
    judged = (judge_on_cluster(blocks, settings, newest, scheduler) if scheduler
              else judge_blocks(blocks, settings, newest, len(rows)))
    for found, groups in judged:
        for conflict in found:
            conflicts.setdefault(conflict.id, conflict)
        for group in groups:
            agreed.setdefault(group.id, group)
    ranked = sorted(conflicts.values(), key=lambda c: (-c.severity, c.id))
    return CheckResult(ranked, sorted(agreed.values(),
                                      key=lambda g: (-g.independent_sources, g.id)))


Block = tuple[BlockKey, list[ClaimRow]]
Results = tuple[list[Conflict], list[Corroboration]]
_WORK: tuple[Sequence[Block], Settings, int | None] | None = None  # inherited by forked workers


def judge(key: BlockKey, rows: list[ClaimRow], settings: Settings, newest: int | None) -> Results:
    """One block's conflicts and corroborations, worded and scored."""
    findings, agreeing = judge_block(key, rows, settings)
    groups = [g for run in agreeing if (g := to_corroboration(run, origins(run, settings)))]
    return to_conflicts(findings, settings, newest), groups


def _judge_one(i: int) -> Results:
    assert _WORK is not None
    blocks, settings, newest = _WORK
    key, rows = blocks[i]
    return judge(key, rows, settings, newest)


def judge_blocks(blocks: Sequence[Block], settings: Settings, newest: int | None,
                 claims: int) -> list[Results]:
    """Judge every block; many claims are shared out to forked processes, one per core.

    Blocks are independent, so the work splits cleanly; the rows reach the workers by fork
    (copy-on-write), not by pickling, and only the results travel back. Blocks come largest
    first, so the longest ones start at once.
    """
    workers = settings.workers or os.cpu_count() or 1
    can_fork = "fork" in mp.get_all_start_methods()
    if workers < 2 or claims < settings.parallel_from or len(blocks) < 2 or not can_fork:
        return [judge(key, rows, settings, newest) for key, rows in blocks]
    global _WORK
    _WORK = (blocks, settings, newest)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return pool.map(_judge_one, range(len(blocks)), chunksize=1)
    finally:
        _WORK = None


def judge_partition(blocks: Sequence[Block], settings: Settings,
                    newest: int | None) -> list[Results]:
    """The results of some blocks, in order: the work of one task on a cluster."""
    return [judge(key, rows, settings, newest) for key, rows in blocks]


def judge_on_cluster(blocks: Sequence[Block], settings: Settings, newest: int | None,
                     scheduler: str) -> list[Results]:
    """Judge the blocks on a Dask cluster, a few partitions per worker thread, each block whole
    in one partition (blocks share nothing); the results come back in the blocks' order, so
    they are the same as here."""
    from verify.workers import cluster_threads, dask_client

    client = dask_client(scheduler)
    try:
        parts = partitions([len(rows) for _, rows in blocks], 4 * cluster_threads(client))
        # hash=False: the rows need no content key (dask would walk every field to make one)
        data = client.scatter([[blocks[i] for i in part] for part in parts], hash=False)
        futures = [client.submit(judge_partition, d, settings, newest, pure=False)
                   for d in data]
        out: list[Results] = [([], [])] * len(blocks)
        for part, results in zip(parts, client.gather(futures), strict=True):
            for i, result in zip(part, results, strict=True):
                out[i] = result
        return out
    finally:
        client.close()


def partitions(sizes: Sequence[int], count: int) -> list[list[int]]:
    """Indices of the blocks in `count` partitions of about equal work, the largest blocks
    placed first each on the least loaded partition; none empty."""
    import heapq

    load = [(0, n) for n in range(max(1, min(count, len(sizes))))]
    parts: list[list[int]] = [[] for _ in load]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        work, n = heapq.heappop(load)
        parts[n].append(i)
        heapq.heappush(load, (work + sizes[i], n))
    return [sorted(p) for p in parts if p]


def to_conflicts(findings: Sequence[Finding], settings: Settings,
                 newest: int | None) -> list[Conflict]:
    """Findings worded and scored, their origins worked out once per finding. One passage
    credited to two bodies in its copies is a misreading of a copy, not a misattribution."""
    out = []
    for f in findings:
        origin = origins(f.members, settings)
        if f.rule == "same-figure" and _one_passage(f, origin):
            continue
        out.append(to_conflict(f, origin, settings, newest))
    return out


def _one_passage(finding: Finding, origin: dict[str, int]) -> bool:
    seen = [{origin[r.id] for r in side} for side in finding.sides]
    return any(a & b for i, a in enumerate(seen) for b in seen[i + 1:])


def group_key(rows: Sequence[ClaimRow]) -> dict[str, object]:
    """The group a result is about: kind, subject, place, scope and the days it spans."""
    days = [d for r in rows for d in ((r.day0, r.day1) if r.kind == "ceasefire" else (r.asof,))
            if d is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    scopes = sorted({r.scope for r in rows}) if rows[0].kind != "ceasefire" else []
    return {
        "kind": rows[0].kind,
        "subject": None if rows[0].kind == "ceasefire" else subject_of(rows),
        "place": next((r.place for r in rows if r.place), None),
        "period": months(days) if rows[0].kind == "ceasefire" else when(rows),
        "scope": "/".join(scopes) or None,
        "from": _iso(first),
        "to": _iso(last),
        "place_inferred": any(r.inferred for r in rows),
    }


def _iso(day: int | None) -> str | None:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat() if day is not None else None


def to_conflict(finding: Finding, origin: dict[str, int], settings: Settings,
                newest: int | None = None) -> Conflict:
    """A finding worded and scored: the reason, severity, key and fingerprint."""
    support = [independent_count(side, origin) for side in finding.sides]
    unit = "days" if finding.type == "date" else "ratio"
    gap = 0.5 if finding.rule == "same-figure" else gap_score(finding.gap, unit)
    confidence = 1.0
    if any(r.inferred for r in finding.members):
        confidence *= settings.inferred_place_factor
    if any(r.scope == UNKNOWN and r.kind != "ceasefire" for r in finding.members):
        confidence *= settings.unknown_scope_factor
    if any(r.asof is None and r.kind != "ceasefire" for r in finding.members):
        confidence *= settings.undated_factor  # a toll of no known day may be an old one
    attributed = [any(r.attribution for r in side) for side in finding.sides]
    days = [r.asof or r.day1 for r in finding.members if (r.asof or r.day1) is not None]
    fresh = recency(max(days) if days else None, newest)  # type: ignore[type-var]
    score, level = severity(gap, support, attributed, confidence, fresh)
    key = group_key(finding.members) | {"rule": finding.rule}
    return Conflict(
        type=ConflictType(finding.type), severity=score, severity_label=level,
        reason=finding_reason(finding, support), claim_ids=sorted(r.id for r in finding.members),
        key=key, fingerprint=fingerprint(finding.members),
    )


def to_corroboration(run: list[ClaimRow], origin: dict[str, int]) -> Corroboration | None:
    """Agreeing claims as a corroboration, when two or more independent origins stand behind."""
    independent = independent_count(run, origin)
    if independent < 2:
        return None
    return Corroboration(key=group_key(run), claim_ids=sorted(r.id for r in run),
                         independent_sources=independent, reason=agreement_reason(run, independent))


def cross_check(store: Store, settings: Settings | None = None, scheduler: str | None = None,
                part_claims: int = PART_CLAIMS) -> CheckResult:
    """Check the store's active claims; record conflicts (decisions kept) and corroborations.
    Reads claim rows and what was stored of each text at ingest, never the texts; more than
    `part_claims` claims are checked in partitions of about that many (memory stays flat);
    with a Dask `scheduler`, the groups are compared on its workers and recorded here."""
    settings = settings or load_settings(store)
    aliases = load_aliases(store)
    count = _active(store)
    if count > part_claims:
        import tempfile
        from pathlib import Path

        from claims.aliases import default_aliases
        from verify.check_parts import check_in_parts

        own = None if aliases is None or aliases is default_aliases() else aliases
        with tempfile.TemporaryDirectory(prefix="crosscheck-check-") as tmp:
            conflicts, groups = check_in_parts(store, settings, own, Path(tmp),
                                               -(-count // part_claims), scheduler)
    else:
        result = find_conflicts(read_claims(store, aliases), store.source_heads(), settings,
                                scheduler=scheduler)
        conflicts, groups = result.conflicts, result.corroborations
    store.record_check(conflicts, groups)  # one transaction
    return CheckResult(store.list_conflicts(), store.list_corroborations())


def _active(store: Store) -> int:
    """How many active claims the store holds (one COUNT)."""
    from sqlalchemy import func, select

    from claims import schema as s

    with store.reading() as conn:
        query = select(func.count()).select_from(s.claims).where(s.claims.c.status == "active")
        return int(conn.execute(query).scalar_one())


SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}


def filter_conflicts(
    conflicts: Sequence[Conflict],
    type_: str | None = None,
    severity: str | None = None,
    kind: str | None = None,
    undecided: bool = False,
) -> list[Conflict]:
    """Conflicts of a type, at a severity or worse, about a kind, or not yet decided."""
    from claims.errors import UsageError

    if type_ is not None and type_ not in {t.value for t in ConflictType}:
        raise UsageError(f"--type {type_!r}: use figure, date or attribution")
    if severity is not None and severity not in SEVERITY_ORDER:
        raise UsageError(f"--severity {severity!r}: use high, medium or low")
    floor = SEVERITY_ORDER[severity] if severity else 0
    return [c for c in conflicts
            if (type_ is None or c.type.value == type_)
            and SEVERITY_ORDER[c.severity_label] >= floor
            and (kind is None or c.key.get("kind") == kind)
            and not (undecided and c.decision is not None)]


__all__ = ["CheckResult", "cross_check", "filter_conflicts", "find_conflicts"]
