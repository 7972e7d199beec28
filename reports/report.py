"""The terminal report: what is in the store, what is disputed, and what each source holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from claims.model import Claim, Conflict, Source
from reports.safe import safe_text
from reports.tables import conflicts_table, sources_table


def render_report(
    store_name: str,
    sources: Sequence[Source],
    claims: Sequence[Claim],
    conflicts: Sequence[Conflict],
) -> RenderableType:
    """Header with counts, then conflicts most severe first, then per-source summaries."""
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.source_id] = counts.get(claim.source_id, 0) + 1
    header = Text.assemble(
        ("crosscheck report", "heading"), "  ", safe_text(store_name, style="muted"), "\n",
        f"{len(sources)} sources, {len(claims)} claims, {len(conflicts)} conflicts",
        _by_severity(conflicts),
    )
    body: list[RenderableType] = [header, Text("")]
    if conflicts:
        body.append(conflicts_table(conflicts))
    else:
        body.append(Text("No conflicts found among the stored claims.", style="ok"))
    body += [Text(""), Text("Sources", style="heading"), _sources(sources, counts)]
    return Group(*body)


def _by_severity(conflicts: Sequence[Conflict]) -> str:
    labels = [c.severity_label for c in conflicts]
    parts = [f"{labels.count(k)} {k}" for k in ("high", "medium", "low") if labels.count(k)]
    return f" ({', '.join(parts)})" if parts else ""


def _sources(sources: Sequence[Source], counts: Mapping[str, int]) -> RenderableType:
    return sources_table(sources, counts)
