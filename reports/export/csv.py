"""The report as two CSV tables, claims and conflicts, written through pandas."""

from __future__ import annotations

from typing import IO, Any

from reports.export.json import claim_entry
from reports.safe import clean
from verify.report_data import ReportData, review_state

CLAIM_COLUMNS = [
    "id", "source_id", "source_path", "outlet", "published", "url", "kind", "subject",
    "figure_text", "interval", "low", "high", "estimate", "qualifier", "date", "place", "period",
    "attribution", "attribution_text", "modality", "quote", "start", "end", "origin",
]
CONFLICT_COLUMNS = [
    "id", "type", "severity", "severity_label", "reason", "kind", "subject", "place", "period",
    "claim_ids", "review", "reviewer", "decided_at", "note",
]


def claim_rows(data: ReportData) -> list[dict[str, Any]]:
    """One row per claim in the report, with its outlet and publication date."""
    return [{k: _cell(e.get(k)) for k in CLAIM_COLUMNS}
            for e in (claim_entry(c, data.sources) for c in data.claims.values())]


def conflict_rows(data: ReportData) -> list[dict[str, Any]]:
    """One row per conflict, most severe first; claim ids separated by spaces."""
    rows = []
    for c in data.conflicts:
        d = c.decision
        rows.append({
            "id": c.id, "type": c.type.value, "severity": c.severity,
            "severity_label": c.severity_label, "reason": clean(c.reason),
            **{k: _cell(c.key.get(k)) for k in ("kind", "subject", "place", "period")},
            "claim_ids": " ".join(c.claim_ids), "review": review_state(c),
            "reviewer": d.reviewer if d else None,
            "decided_at": d.decided_at.isoformat() if d else None,
            "note": clean(d.note) if d and d.note else None,
        })
    return rows


def write_tables(data: ReportData, claims_out: IO[str], conflicts_out: IO[str]) -> None:
    """Write the claims table to one file and the conflicts table to another."""
    import pandas as pd  # heavy: only for CSV

    pd.DataFrame(claim_rows(data), columns=CLAIM_COLUMNS).to_csv(
        claims_out, index=False, lineterminator="\n")
    pd.DataFrame(conflict_rows(data), columns=CONFLICT_COLUMNS).to_csv(
        conflicts_out, index=False, lineterminator="\n")


def _cell(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value
