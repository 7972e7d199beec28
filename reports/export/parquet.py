"""Claims and conflicts as two Parquet files, for analysts who take the data into pandas or
DuckDB: the JSON contract's field names, counts and offsets as 64-bit integers, written in
batches so a store of millions of claims never sits in memory as one table.

Needs pyarrow (`pip install 'crosscheck[scale]'`), imported only here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claims.errors import DataError, UsageError
from claims.model import Claim, Conflict

ROWS_PER_BATCH = 50_000
INT_CLAIM_FIELDS = ("low", "high", "estimate", "start", "end")
CLAIM_FIELDS = (  # Claim.record()'s keys, in its order
    "id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high", "estimate",
    "qualifier", "figure", "event", "date", "place", "place_text", "period", "period_start",
    "period_end", "scope", "site", "attribution", "attribution_text", "attribution_via",
    "speaker", "modality", "quote", "start", "end", "prefix", "suffix", "origin", "rule",
    "created_by", "created_at", "status", "note")
CONFLICT_FIELDS = ("id", "type", "severity", "severity_label", "reason", "claim_ids", "kind",
                   "subject", "place", "period", "key", "fingerprint", "verdict", "reviewer",
                   "decided_at", "note")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("--format parquet needs pyarrow: pip install 'crosscheck[scale]'"
                         ) from None
    return pyarrow


def claim_schema(pa: Any) -> Any:
    return pa.schema([(name, pa.int64() if name in INT_CLAIM_FIELDS else pa.string())
                      for name in CLAIM_FIELDS])


def conflict_schema(pa: Any) -> Any:
    kinds = {"severity": pa.float64(), "claim_ids": pa.list_(pa.string())}
    return pa.schema([(name, kinds.get(name, pa.string())) for name in CONFLICT_FIELDS])


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim's flat record, every field a column (values that are not text as JSON)."""
    record = claim.record()
    return {k: record.get(k) if k in INT_CLAIM_FIELDS else _text(record.get(k))
            for k in CLAIM_FIELDS}


def conflict_row(conflict: Conflict) -> dict[str, Any]:
    """A conflict with its group's kind, subject, place and period, and its decision."""
    d, key = conflict.decision, conflict.key
    return {
        "id": conflict.id, "type": conflict.type.value, "severity": conflict.severity,
        "severity_label": conflict.severity_label, "reason": conflict.reason,
        "claim_ids": list(conflict.claim_ids),
        **{k: _text(key.get(k)) for k in ("kind", "subject", "place", "period")},
        "key": json.dumps(key, sort_keys=True, default=str), "fingerprint": conflict.fingerprint,
        "verdict": d.verdict.value if d else None, "reviewer": d.reviewer if d else None,
        "decided_at": d.decided_at.isoformat() if d else None, "note": d.note if d else None,
    }


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def write_parquet(claims: Iterable[Claim], conflicts: Iterable[Conflict],
                  stem: Path) -> list[Path]:
    """STEM-claims.parquet and STEM-conflicts.parquet; the paths written."""
    pa = _pyarrow()
    claims_path = stem.with_name(f"{stem.name}-claims.parquet")
    conflicts_path = stem.with_name(f"{stem.name}-conflicts.parquet")
    _write(claims_path, claim_schema(pa), (claim_row(c) for c in claims), pa)
    _write(conflicts_path, conflict_schema(pa), (conflict_row(c) for c in conflicts), pa)
    return [claims_path, conflicts_path]


def _write(path: Path, schema: Any, rows: Iterator[dict[str, Any]], pa: Any) -> None:
    """Rows to one Parquet file, a batch at a time, through a temporary file renamed at the
    end: a failure leaves no half-written file under the name asked for."""
    part = path.with_name(path.name + ".part")
    try:
        with pa.parquet.ParquetWriter(part, schema, compression="zstd") as writer:
            for batch in _batches(rows, ROWS_PER_BATCH):
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
        part.replace(path)
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        part.unlink(missing_ok=True)


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

