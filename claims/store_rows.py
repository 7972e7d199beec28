"""Rows and models: what the store writes for each model, and how a row read back becomes one,
naming the table, row and column of a row that cannot (a damaged store stays readable)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Select, Table, select

from claims.errors import DamagedStoreError, SpanError, StoreError
from claims.limits import check_counts
from claims.model import Claim, Conflict, Decision, Source, check_span
from claims.store_facts import claim_sentence
from claims.store_types import CorruptCell

T = TypeVar("T")
_COLUMNS_OF = {"span": "start, end and quote", "quantity": "low, high and estimate"}


def lenient_select(table: Table) -> Select[Any]:
    """SELECT *; a garbled date or timestamp reads as a CorruptCell (claims/store_types.py),
    so it makes a named bad row, not an error from the driver that ends the whole read."""
    return select(*table.columns)


def row_id(row: Mapping[str, Any]) -> str:
    """The id a person can look a row up by."""
    for key in ("id", "conflict_id", "claim_id", "key"):
        if row.get(key) is not None:
            return str(row[key])
    return "?"


def decode(table: str, row: Mapping[Any, Any], build: Callable[[dict[str, Any]], T]) -> T:
    """A model from a row, or DamagedStoreError naming the table, row and column at fault."""
    data = dict(row)
    where = f"{table} row {row_id(data)}"
    bad = next((k for k, v in data.items() if isinstance(v, CorruptCell)), None)
    if bad is not None:
        raise DamagedStoreError(f"{where}: {data[bad].describe(bad)}")
    try:
        return build(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        column = str(err["loc"][0]) if err["loc"] else "?"
        message = err["msg"].removeprefix("Value error, ")
        raise DamagedStoreError(
            f"{where}: column {_COLUMNS_OF.get(column, column)}: {message}") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise DamagedStoreError(f"{where}: {exc}") from None


def check_claim(source: Source, claim: Claim) -> None:
    """What every claim write checks: its source, its span in the text, its counts."""
    if claim.source_id != source.id:
        raise StoreError(f"claim {claim.id} belongs to source {claim.source_id}, not {source.id}")
    check_span(source.text, claim.span)
    q = claim.quantity
    if q is not None:  # the counts alone, not the whole record: this runs for every claim
        check_counts({"low": q.low, "high": q.high, "estimate": q.estimate},
                     f"claim {claim.id} ({claim.span.quote[:40]!r})")


def source_row(source: Source, who: str, at: dt.datetime) -> dict[str, Any]:
    """The row of a source: the person and moment of a hand-made one, else the writer's."""
    row = source.model_dump(mode="python", exclude={"added_by", "added_at"})
    row["regions"] = [r.model_dump(mode="json") for r in source.regions]
    row["created_by"] = source.added_by or who
    row["created_at"] = source.added_at or at
    return row


def source_from_row(row: dict[str, Any]) -> Source:
    """A source from its row; `added_by` and `added_at` name the person of a hand-made one
    (the row records who stored every source, ingested ones too)."""
    data = {k: v for k, v in row.items() if k not in _WHO_WHEN and k != "main_place"}
    if row.get("origin") == "ingest":
        return Source.model_validate(data)
    return Source.model_validate(data | {"added_by": row.get("created_by"),
                                         "added_at": row.get("created_at")})


_WHO_WHEN = ("created_by", "created_at", "updated_by", "updated_at")


def claim_row(claim: Claim, source: Source | None, who: str, at: dt.datetime) -> dict[str, Any]:
    """The row of a claim: its record, with who wrote it and when where it names neither."""
    row = claim.record()
    row["source_path"] = row["source_path"] or (source.path if source else None)
    row["sentence"] = claim_sentence(source.text if source else None, claim)
    if row["created_by"] is None and row["created_at"] is None:
        row["created_by"], row["created_at"] = who, at
    return row


def claim_from_row(row: dict[str, Any]) -> Claim:
    """A claim from its row; `created_by` and `created_at` name the person of a hand claim
    (the row records who stored every claim: for an extracted one, who ingested it)."""
    if row.get("origin") == "extracted":
        row = row | {"created_by": None, "created_at": None}
    return Claim.from_record(row)


def conflict_row(c: Conflict, who: str, at: dt.datetime) -> dict[str, Any]:
    return {"id": c.id, "type": c.type.value, "severity": c.severity,
            "severity_label": c.severity_label, "reason": c.reason, "key": dict(c.key),
            "fingerprint": c.fingerprint, "open": True, "created_by": who, "created_at": at,
            "updated_by": who, "updated_at": at}


def link_rows(key: str, owner: str, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The link rows of a conflict or corroboration to its claims, in order, each once."""
    seen: dict[str, int] = {}
    for n, cid in enumerate(claim_ids):
        seen.setdefault(cid, n)
    return [{key: owner, "claim_id": cid, "position": n} for cid, n in seen.items()]


def decision_row(d: Decision) -> dict[str, Any]:
    return {"conflict_id": d.conflict_id, "verdict": d.verdict.value, "claim_id": d.claim_id,
            "note": d.note, "fingerprint": d.fingerprint, "created_by": d.reviewer,
            "created_at": d.decided_at}


def decision_from_row(row: Mapping[Any, Any]) -> Decision:
    return Decision.model_validate(
        {"conflict_id": row["conflict_id"], "verdict": row["verdict"], "claim_id":
         row["claim_id"], "note": row["note"], "fingerprint": row["fingerprint"],
         "reviewer": row["created_by"], "decided_at": row["created_at"]})


def conflict_from_row(row: Mapping[Any, Any], claim_ids: Sequence[str],
                      decision: Mapping[Any, Any] | None) -> Conflict:
    data = {k: row[k] for k in ("id", "type", "severity", "severity_label", "reason", "key",
                                 "fingerprint")}
    data["claim_ids"] = list(claim_ids)
    if decision is not None:
        made = decode("decisions", decision, decision_from_row)
        data["decision"] = made.model_copy(update={"stale": made.fingerprint
                                                   != row["fingerprint"]})
    return Conflict.model_validate(data)


def span_problem(source: Source | None, claim: Claim) -> str | None:
    """Why a stored claim's span does not stand in its source's text, if it does not."""
    if source is None:
        return f"its source {claim.source_id} is not in the store"
    try:
        check_span(source.text, claim.span)
    except SpanError as exc:
        return str(exc)
    return None
