"""The cross-check: group comparable claims, find where they disagree, and record the results."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence
from dataclasses import dataclass

from claims.model import Claim, Conflict, ConflictType, Corroboration, Source
from claims.store import Store
from verify.compare import Finding, date_findings, figure_findings
from verify.group import ClaimRow, ceasefire_groups, figure_groups, fingerprint, rows_of
from verify.independence import independent_count, origins
from verify.reason import agreement_reason, finding_reason, months, subject_of
from verify.settings import Settings, canonical_attributions, load_aliases, load_settings
from verify.severity import gap_score, severity


@dataclass(frozen=True)
class CheckResult:
    """What a check found: conflicts, most severe first, and the corroborated groups."""

    conflicts: list[Conflict]
    corroborations: list[Corroboration]


def find_conflicts(
    claims: Sequence[Claim] | Sequence[ClaimRow],
    sources: Sequence[Source] = (),
    settings: Settings | None = None,
) -> CheckResult:
    """Conflicts and corroborations among claims in memory (Claims, or rows already flat)."""
    settings = settings or Settings()
    rows = [c for c in claims if isinstance(c, ClaimRow)]
    if len(rows) != len(claims):
        rows = rows_of([c for c in claims if isinstance(c, Claim)], sources)
    groups = [*figure_groups(rows, settings), *ceasefire_groups(rows, settings)]
    conflicts: dict[str, Conflict] = {}
    agreed: list[Corroboration] = []
    for found, agreeing in judge_groups(groups, settings):
        for conflict in found:
            conflicts.setdefault(conflict.id, conflict)
        agreed += agreeing
    ranked = sorted(conflicts.values(), key=lambda c: (-c.severity, c.id))
    return CheckResult(ranked, sorted(agreed, key=lambda g: (-g.independent_sources, g.id)))


Judged = tuple[list[Conflict], list[Corroboration]]


def judge(group: list[ClaimRow], settings: Settings) -> Judged:
    """One group's conflicts and corroborations (origins computed only when there are any)."""
    if group[0].kind == "ceasefire":
        findings, agreeing = date_findings(group, settings)
    else:
        findings, agreeing = figure_findings(group, settings)
    if not findings and not agreeing:
        return [], []
    origin = origins(group, settings)
    found = [to_conflict(finding, origin, settings) for finding in findings]
    agreed = [g for run in agreeing if (g := to_corroboration(run, origin)) is not None]
    return found, agreed


_WORK: tuple[Sequence[list[ClaimRow]], Settings] | None = None  # inherited by forked workers


def _judge_slice(bounds: tuple[int, int]) -> list[Judged]:
    assert _WORK is not None
    groups, settings = _WORK
    return [judge(groups[i], settings) for i in range(*bounds)]


def judge_groups(groups: Sequence[list[ClaimRow]], settings: Settings) -> list[Judged]:
    """Judge every group; many groups are shared out to forked processes, one per core.

    Groups are independent, so the work splits cleanly; the rows reach the workers by fork
    (copy-on-write), not by pickling, and only the results travel back.
    """
    workers = settings.workers or os.cpu_count() or 1
    can_fork = "fork" in mp.get_all_start_methods()
    if workers < 2 or len(groups) < settings.parallel_from or not can_fork:
        return [judge(group, settings) for group in groups]
    global _WORK
    _WORK = (groups, settings)
    step = -(-len(groups) // (workers * 4))  # a few slices per worker evens out their load
    slices = [(i, min(i + step, len(groups))) for i in range(0, len(groups), step)]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return [judged for part in pool.map(_judge_slice, slices) for judged in part]
    finally:
        _WORK = None


def group_key(rows: Sequence[ClaimRow]) -> dict[str, object]:
    """The group a result is about: kind, subject, place and the days it spans."""
    days = [d for r in rows for d in ((r.day0, r.day1) if r.kind == "ceasefire" else (r.asof,))
            if d is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    return {
        "kind": rows[0].kind,
        "subject": None if rows[0].kind == "ceasefire" else subject_of(rows),
        "place": next((r.family for r in rows if r.family), None),
        "period": months(days),
        "from": _iso(first),
        "to": _iso(last),
        "place_inferred": any(r.inferred for r in rows),
    }


def _iso(day: int | None) -> str | None:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat() if day is not None else None


def to_conflict(finding: Finding, origin: dict[str, int], settings: Settings) -> Conflict:
    """A finding worded and scored: the reason, severity, key and fingerprint."""
    support = [independent_count(side, origin) for side in finding.sides]
    unit = "days" if finding.type == "date" else "ratio"
    gap = 0.5 if finding.rule == "same-figure" else gap_score(finding.gap, unit)
    confidence = settings.inferred_place_factor if any(r.inferred for r in finding.members) else 1
    attributed = [any(r.attribution for r in side) for side in finding.sides]
    score, level = severity(gap, support, attributed, confidence)
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


def cross_check(store: Store, settings: Settings | None = None) -> CheckResult:
    """Check the store's active claims; record conflicts (decisions kept) and corroborations."""
    settings = settings or load_settings(store)
    claims = canonical_attributions(store.list_claims(), load_aliases(store))
    result = find_conflicts(claims, store.list_sources(), settings)
    store.record_check(result.conflicts, result.corroborations)  # one transaction
    return CheckResult(store.list_conflicts(), store.list_corroborations())


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
