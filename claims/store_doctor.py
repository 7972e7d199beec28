"""`crosscheck doctor`: everything wrong with a store, row by row, without changing it:
SQLite's page check, rows that do not read back as their model (a corrupted JSON cell, a bad
date), claims whose quote no longer stands in their source's text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table

from claims import schema as s
from claims.errors import CrosscheckError
from claims.limits import check_counts
from claims.model import Claim, Corroboration, Source
from claims.store import Store
from claims.store_hand import change_from_row, note_from_row
from claims.store_rows import (
    claim_from_row,
    conflict_from_row,
    decision_from_row,
    decode,
    lenient_select,
    row_id,
    source_from_row,
    span_problem,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a store: where (table and row) and what."""

    table: str
    row: str
    message: str

    def record(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "message": self.message}


@dataclass(frozen=True)
class Diagnosis:
    """What `doctor` found: the problems, and how many rows of each table it read."""

    problems: list[Problem]
    rows: dict[str, int]


def diagnose(store: Store) -> Diagnosis:
    """Read every row of every table and check it; nothing is written."""
    problems = list(_pages(store))
    counts: dict[str, int] = {}
    sources: dict[str, Source] = {}
    for table, build in _CHECKS.items():
        rows = _read(store, table, problems)
        counts[table.name] = len(rows)
        for row in rows:
            try:
                model = decode(table.name, row, build)
            except CrosscheckError as exc:
                problems.append(Problem(table.name, row_id(row), _after_row(str(exc))))
                continue
            if isinstance(model, Source):
                sources[model.id] = model
            elif isinstance(model, Claim):
                problems += _claim_problems(model, sources)
    return Diagnosis(problems, counts)


def _pages(store: Store) -> Iterator[Problem]:
    """SQLite's integrity check (every page and index), where the store is SQLite."""
    if store.engine.dialect.name != "sqlite":
        return
    try:
        with store.reading() as conn:
            found = [line for r in conn.exec_driver_sql("PRAGMA integrity_check(100)")
                     for line in str(r[0]).splitlines() if not line.startswith("***")]
    except CrosscheckError as exc:
        found = [str(exc)]
    for line in found:
        if line != "ok":
            yield Problem("(pages)", "-", f"SQLite integrity check: {line}")


def _read(store: Store, table: Table, problems: list[Problem]) -> list[dict[str, Any]]:
    try:
        with store.reading() as conn:
            return [dict(r) for r in conn.execute(lenient_select(table)).mappings()]
    except CrosscheckError as exc:
        problems.append(Problem(table.name, "-", f"cannot be read ({exc})"))
        return []


def _claim_problems(claim: Claim, sources: dict[str, Source]) -> list[Problem]:
    out = []
    if (why := span_problem(sources.get(claim.source_id), claim)) is not None:
        out.append(Problem("claims", claim.id, f"span: {why}"))
    try:
        check_counts(claim.record(), "count")
    except CrosscheckError as exc:
        out.append(Problem("claims", claim.id, str(exc)))
    return out


def _after_row(message: str) -> str:
    """A DamagedStoreError's message without its "table row id: " lead (shown in columns)."""
    head, sep, rest = message.partition(": ")
    return rest if sep and " row " in head else message


def _group(row: dict[str, Any]) -> Corroboration:
    return Corroboration.model_validate({k: row[k] for k in ("id", "key", "independent_sources",
                                                             "reason")} | {"claim_ids": []})


_CHECKS: dict[Table, Callable[[dict[str, Any]], Any]] = {
    s.sources: source_from_row,  # first: claims are checked against their source's text
    s.claims: claim_from_row,
    s.conflicts: lambda r: conflict_from_row(r, [], None),
    s.decisions: decision_from_row,
    s.decision_history: decision_from_row,
    s.claim_history: change_from_row,
    s.corroborations: _group,
    s.review_notes: note_from_row,
}
