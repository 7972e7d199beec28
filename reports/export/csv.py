"""The report as two CSV tables, claims and conflicts; cells a spreadsheet would run as a
formula (=, +, -, @) start with an apostrophe."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from reports.export.json import claim_entry
from reports.safe import clean, csv_cell
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
    write_claims(data, claims_out)
    write_conflicts(data, conflicts_out)


def write_claims(data: ReportData, out: IO[str]) -> None:
    """The claims table."""
    write_rows(claim_rows(data), CLAIM_COLUMNS, out)


def write_conflicts(data: ReportData, out: IO[str]) -> None:
    """The conflicts table."""
    write_rows(conflict_rows(data), CONFLICT_COLUMNS, out)


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> None:
    """Rows as CSV with a header: no cell runs as a formula; a count stays 12, never 12.0."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if (v := csv_cell(row.get(k))) is None else v for k in columns])


def _cell(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value
