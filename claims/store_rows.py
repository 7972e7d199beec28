"""Rows and models: what the store writes for each model, and how a row read back becomes one,
naming the table, row and column of a row that cannot (a damaged store stays readable)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Date, DateTime, Select, String, Table, select, type_coerce

from claims.errors import DamagedStoreError, SpanError, StoreError
from claims.limits import check_counts
from claims.model import Claim, Conflict, Decision, Source, check_span
from claims.store_open import CorruptCell

T = TypeVar("T")
_COLUMNS_OF = {"span": "start, end and quote", "quantity": "low, high and estimate"}


def lenient_select(table: Table) -> Select[Any]:
    """SELECT * with date columns read as text: a garbled date is then a named bad row, not
    an error from the driver that ends the whole read."""
    cols = [type_coerce(c, String).label(c.name) if isinstance(c.type, Date | DateTime) else c
            for c in table.columns]
    return select(*cols)


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
        raise DamagedStoreError(f"{where}: column {bad} is not valid JSON")
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
    check_counts(claim.record(), f"claim {claim.id} ({claim.span.quote[:40]!r})")


def source_row(source: Source) -> dict[str, Any]:
    row = source.model_dump(mode="python")
    row["regions"] = [r.model_dump(mode="json") for r in source.regions]
    row["added_at"] = source.added_at.isoformat() if source.added_at else None
    return row


def source_from_row(row: dict[str, Any]) -> Source:
    return Source.model_validate(row)


def claim_row(claim: Claim, source: Source) -> dict[str, Any]:
    row = claim.record()
    row["source_path"] = row["source_path"] or source.path
    return row


def conflict_row(c: Conflict, stamp: str) -> dict[str, Any]:
    return {"type": c.type.value, "severity": c.severity, "severity_label": c.severity_label,
            "reason": c.reason, "claim_ids": list(c.claim_ids), "key": dict(c.key),
            "fingerprint": c.fingerprint, "open": True, "checked_at": stamp}


def conflict_from_row(row: Mapping[Any, Any], decision: Mapping[Any, Any] | None) -> Conflict:
    data = {k: row[k] for k in ("id", "type", "severity", "severity_label", "reason",
                                 "claim_ids", "key", "fingerprint")}
    if decision is not None:
        dec = dict(decision)
        dec["stale"] = dec["fingerprint"] != row["fingerprint"]
        data["decision"] = decode("decisions", dec, Decision.model_validate)
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
