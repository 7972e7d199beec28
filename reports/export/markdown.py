"""The report as Markdown, for an editor's note or a ticket; source text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.model import Conflict, Corroboration
from reports.format import extent, figure, plural, source_label, stated, who
from reports.panels import group_words, wire_sides
from reports.safe import clean
from verify.report_data import ReportData, review_state

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: object) -> str:
    """Text safe in Markdown: control characters stripped, markup characters escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(value).split()))


def render_markdown(data: ReportData) -> str:
    """The whole report: header, conflicts, corroborated groups, sources."""
    return "\n".join(_lines(data)) + "\n"


def _lines(data: ReportData) -> Iterator[str]:
    yield f"# crosscheck report: {md(data.store_name)}"
    yield ""
    yield (f"{plural(len(data.sources), 'source')}, {plural(len(data.claims), 'claim')}, "
           f"{plural(data.total_conflicts, 'conflict')}, "
           f"{plural(len(data.corroborations), 'corroborated group')}.")
    sev = ", ".join(f"{n} {k}" for k, n in data.by_severity().items())
    rev = ", ".join(f"{n} {k}" for k, n in sorted(data.by_review().items()))
    yield f"Severity: {sev}. Review: {rev or 'nothing to review'}."
    if data.filters.active():
        yield "Filters: " + md(", ".join(f"{k} {v}" for k, v in data.filters.active().items()))
    yield ""
    yield "## Conflicts"
    yield ""
    if not data.conflicts:
        yield "No conflicts among the claims shown."
    for conflict in data.conflicts:
        yield from _conflict(conflict, data)
    yield "## Corroborated"
    yield ""
    for group in data.corroborations:
        yield _group(group, data)
    yield ""
    yield from _sources(data)


def _conflict(c: Conflict, data: ReportData) -> Iterator[str]:
    members = data.members(c.claim_ids)
    words = md(group_words(c.key, members))
    yield f"### {c.severity_label.upper()} {c.type.value} conflict: {words}"
    yield ""
    yield "| Figure | Interval | Source | Says | Quote |"
    yield "|---|---|---|---|---|"
    for side in wire_sides(members):
        k = side.claim
        where = md(source_label(data.sources.get(k.source_id), k.source_path))
        if side.copies:
            copies = "; ".join(source_label(data.sources.get(x.source_id)) for x in side.copies)
            where += f" (same wire text in {md(copies)})"
        yield (f"| **{md(figure(k))}** | {md(extent(k))} | {where} | {md(who(k))} "
               f"| {md(k.span.quote)} |")
    yield ""
    yield f"- Why: {md(c.reason)}"
    yield f"- Severity: {c.severity_label} ({c.severity:.2f})"
    note = f": {md(c.decision.note)}" if c.decision and c.decision.note else ""
    yield f"- Review: {md(review_state(c))}{note}"
    yield f"- Conflict id: `{c.id}`"
    yield ""


def _group(g: Corroboration, data: ReportData) -> str:
    members = data.members(g.claim_ids)
    figures = "; ".join(sorted({md(stated(k) if k.quantity is None else figure(k))
                                for k in members}))
    return (f"- {md(group_words(g.key, members))}: {figures} "
            f"({g.independent_sources} independent sources)")


def _sources(data: ReportData) -> Iterator[str]:
    yield "## Sources"
    yield ""
    yield "| Published | Outlet | Title | Claims | Conflicts |"
    yield "|---|---|---|---|---|"
    for row in data.summaries:
        s = row.source
        yield (f"| {s.published.isoformat() if s.published else '—'} | {md(s.outlet or '—')} "
               f"| {md(s.title or s.path or s.id)} | {row.claims} | {row.conflicts} |")
