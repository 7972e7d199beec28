"""Tables and detail views of sources, claims and conflicts for the terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from claims.model import Claim, Conflict, Source
from reports.format import extent, figure, interval, quote_in_context, shorten, source_label
from reports.safe import safe_text


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def sources_table(sources: Sequence[Source], counts: Mapping[str, int]) -> Table:
    """One row per source: id, date, outlet, title, claims."""
    table = _table("ID", "Published", "Outlet", "Title", "Claims")
    for src in sources:
        table.add_row(
            src.id[:8],
            src.published.isoformat() if src.published else "—",
            safe_text(src.outlet or "—"),
            safe_text(shorten(src.title or src.path or "", 60)),
            str(counts.get(src.id, 0)),
        )
    return table


def source_detail(source: Source, claims: Sequence[Claim]) -> RenderableType:
    """A source's metadata, its marked regions and its claims."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="muted")
    meta.add_column()
    for label, value in (
        ("id", source.id),
        ("path", source.path),
        ("title", source.title),
        ("outlet", source.outlet),
        ("published", source.published),
        ("url", source.url),
        ("language", source.language),
        ("characters", len(source.text)),
        ("regions", _regions(source)),
    ):
        meta.add_row(label, safe_text(value if value not in (None, "") else "—"))
    return Group(meta, Text(""), claims_table(claims, {source.id: source}))


def _regions(source: Source) -> str:
    kinds: dict[str, int] = {}
    for region in source.regions:
        kinds[region.kind.value] = kinds.get(region.kind.value, 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"


def claims_table(claims: Sequence[Claim], sources: Mapping[str, Source]) -> RenderableType:
    """Claims grouped by source: what and how many, who says so, where and when, the quote."""
    by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        by_source.setdefault(claim.source_id, []).append(claim)
    if not by_source:
        return Text("No claims.", style="muted")
    tables = [_source_claims(sources.get(sid), group) for sid, group in by_source.items()]
    return Group(*tables)


def _source_claims(source: Source | None, claims: Sequence[Claim]) -> Table:
    title = Text.assemble(
        safe_text(source_label(source, claims[0].source_path), style="heading"),
        "  ",
        safe_text(shorten(source.title, 60) if source and source.title else ""),
        ("  " + claims[0].source_id[:8], "muted"),
    )
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    table.add_column("ID", no_wrap=True, style="muted")
    table.add_column("Claim", min_width=18, ratio=2)
    table.add_column("Says · where · when", min_width=18, ratio=2)
    table.add_column("Quote", min_width=20, ratio=3)
    for c in claims:
        table.add_row(c.id[:8], _what(c), _context(c), safe_text(shorten(c.span.quote, 160)))
    return table


def _what(c: Claim) -> Text:
    """Kind and subject, then the figure as written and its interval (or the ceasefire's date)."""
    out = Text.assemble((c.kind.value, "kind"))
    if c.subject:
        out.append(" · ").append_text(safe_text(c.subject))
    out.append("\n").append_text(safe_text(figure(c), style="figure"))
    span = extent(c)
    if span and span != figure(c):
        out.append("  ").append(span, style="muted")
    return out


def _context(c: Claim) -> Text:
    """Who says so, where, over which period; a projection or a denial says so."""
    lines = [safe_text(c.attribution) if c.attribution else Text("unattributed", style="muted")]
    if c.place:
        lines.append(safe_text(c.place))
    if c.period:
        lines.append(safe_text(c.period))
    if c.modality.value != "reported":
        lines.append(Text(c.modality.value, style="highlight"))
    return Text("\n").join(lines)


def claim_detail(claim: Claim, source: Source | None, explanation: str | None) -> RenderableType:
    """Every field of one claim, the quote in its context, and (asked for) why it was read so."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="muted")
    grid.add_column()
    rows: list[tuple[str, object]] = [
        ("id", claim.id),
        ("kind", claim.kind.value),
        ("figure", figure(claim)),
        ("interval", interval(claim.quantity)),
        ("estimate", claim.estimate),
        ("subject", claim.subject),
        ("part of", claim.part_of),
        ("event", claim.event),
        ("date", claim.date),
        ("place", _as_written(claim.place, claim.place_text)),
        ("period", _period(claim)),
        ("attribution", _as_written(claim.attribution, claim.attribution_text)),
        ("modality", claim.modality.value),
        ("source", source_label(source, claim.source_path)),
        ("span", f"{claim.span.start}:{claim.span.end}"),
        ("origin", _origin(claim)),
        ("status", claim.status.value),
        ("note", claim.note),
    ]
    for label, value in rows:
        if value not in (None, ""):
            grid.add_row(label, safe_text(getattr(value, "value", value)))
    parts: list[RenderableType] = [grid, Text("")]
    parts.append(quote_in_context(source, claim) if source else safe_text(claim.span.quote))
    if explanation:
        parts += [Text(""), Text("Why: ", style="heading") + safe_text(explanation)]
    return Group(*parts)


def _as_written(canonical: str | None, written: str | None) -> str | None:
    if canonical and written and written != canonical:
        return f"{canonical} (as written: {written})"
    return canonical or written


def _period(claim: Claim) -> str | None:
    if not claim.period:
        return None
    span = ""
    if claim.period_start or claim.period_end:
        span = f" ({claim.period_start or '…'} to {claim.period_end or '…'})"
    return f"{claim.period}{span}"


def _origin(claim: Claim) -> str:
    if claim.origin == "extracted":
        return f"extracted by rule {claim.rule}" if claim.rule else "extracted"
    by = f" by {claim.created_by}" if claim.created_by else ""
    at = f" on {claim.created_at:%Y-%m-%d %H:%M}" if claim.created_at else ""
    return f"{claim.origin}{by}{at}"


def conflicts_table(conflicts: Sequence[Conflict]) -> Table:
    """One row per conflict: id, type, severity, the reason, and its review state."""
    table = _table("ID", "Type", "Severity", "Reason", "Review")
    for c in conflicts:
        review = "open"
        if c.decision:
            review = c.decision.verdict.value + (" (stale)" if c.decision.stale else "")
        table.add_row(
            c.id[:8],
            c.type.value,
            Text(f"{c.severity_label} {c.severity:.2f}", style=f"severity.{c.severity_label}"),
            safe_text(c.reason),
            review,
        )
    return table
