"""The report as one JSON document: counts, conflicts with their claims, groups, sources."""

from __future__ import annotations

from typing import Any

from claims.model import Claim, Source
from reports.format import figure, interval, source_label
from reports.safe import clean
from verify.report_data import ReportData, review_state


def claim_entry(claim: Claim, sources: dict[str, Source]) -> dict[str, Any]:
    """A claim's JSON record plus what a reader needs: its words, interval and source label."""
    src = sources.get(claim.source_id)
    out = claim.record()
    out.update(figure_text=figure(claim), interval=interval(claim.quantity),
               source=clean(source_label(src, claim.source_path)),
               outlet=src.outlet if src else None, url=src.url if src else None,
               published=src.published.isoformat() if src and src.published else None)
    return out


def report_json(data: ReportData) -> dict[str, Any]:
    """The full structure of the report, in the model's field names."""
    return {
        "store": data.store_name,
        "filters": data.filters.active(),
        "counts": {"sources": data.source_count(), "claims": data.claim_count(),
                   "conflicts": data.total_conflicts, "shown": len(data.conflicts),
                   "corroborations": len(data.corroborations),
                   "by_severity": data.by_severity(), "by_review": data.by_review()},
        "conflicts": [
            {**c.record(), "review": review_state(c),
             "claims": [claim_entry(m, data.sources) for m in data.members(c.claim_ids)]}
            for c in data.conflicts
        ],
        "corroborations": [
            {**g.record(),
             "claims": [claim_entry(m, data.sources) for m in data.members(g.claim_ids)]}
            for g in data.corroborations
        ],
        "sources": [
            {"id": s.source.id, "path": s.source.path, "title": s.source.title,
             "outlet": s.source.outlet, "url": s.source.url,
             "published": s.source.published.isoformat() if s.source.published else None,
             "claims": s.claims, "conflicts": s.conflicts, "matched": s.matched}
            for s in data.summaries
        ],
    }
