"""The report as Markdown, for an editor's note or a ticket: what the HTML page carries (counts,
each conflict's claims with their quotes and links, the review with the claim it favours, who
and when, the agreeing groups, the sources with their URLs), but the charts; text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from claims.model import Claim, Conflict, Corroboration, Source
from reports.export.html import quote_link, web_url
from reports.format import (
    credit_parts,
    extent,
    favoured_words,
    figure,
    plural,
    scope_words,
    sentence_parts,
    source_label,
    stated,
)
from reports.panels import Side, group_words, ordered_members, wire_sides
from reports.safe import clean
from verify.report_data import ReportData

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "|": "%7C"}


def md(value: object) -> str:
    """Text safe in Markdown: control characters stripped, markup characters escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(value).split()))


def md_url(url: str) -> str:
    """A URL safe as a Markdown link target (and inside a table cell)."""
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in clean(url))


def render_markdown(data: ReportData) -> str:
    """The whole report: header, conflicts, corroborated groups, sources."""
    return "\n".join(_lines(data)) + "\n"


def _lines(data: ReportData) -> Iterator[str]:
    yield f"# crosscheck report: {md(data.store_name)}"
    yield ""
    yield (f"{plural(data.source_count(), 'source')}, {plural(data.claim_count(), 'claim')}, "
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
        yield ""
    for conflict in data.conflicts:
        yield from _conflict(conflict, data)
    yield "## Corroborated"
    yield ""
    if not data.corroborations:
        yield "No corroborated groups among the claims shown."
    for group in data.corroborations:
        yield from _group(group, data)
    yield ""
    yield from _sources(data)


_HEAD = ("| # | Figure | Interval | Outlet | Date | Attribution | Quote |",
         "|---|---|---|---|---|---|---|")


def _quote(source: Source | None, claim: Claim) -> str:
    before, said, after = sentence_parts(source, claim)
    link = quote_link(source, claim)
    marked = f"[{md(said)}]({md_url(link)})" if link else md(said)
    return f"{md(before)} **{marked}** {md(after)}".strip()


def _attribution(c: Claim) -> str:
    parts = credit_parts(c)
    out = md(parts.body) if parts.body else "unattributed"
    if parts.written:
        out += f" (as written: “{md(parts.written)}”)"
    if parts.speaker:
        out += f"; said by {md(parts.speaker)}"
    if parts.via:
        out += f"; via {md(parts.via)}"
    return out


def _row(n: int, side: Side, sources: Mapping[str, Source]) -> str:
    k = side.claim
    src = sources.get(k.source_id)
    where = md(src.outlet or source_label(src, k.source_path)) if src else md(
        source_label(None, k.source_path))
    if side.copies:
        copies = "; ".join(source_label(sources.get(x.source_id)) for x in side.copies)
        where += f" (same wire text in {md(copies)})"
    if side.repeats:
        where += f" (said {side.repeats + 1} times in this article)"
    what = f"**{md(figure(k))}**"
    notes = [scope_words(k, src), "" if k.modality.value == "reported" else k.modality.value]
    what += "".join(f" ({md(n)})" for n in notes if n)
    day = src.published.isoformat() if src and src.published else "—"
    return (f"| {n} | {what} | {md(extent(k)) or '—'} | {where} | {day} | {_attribution(k)} "
            f"| {_quote(src, k)} |")


def _conflict(c: Conflict, data: ReportData) -> Iterator[str]:
    members = ordered_members(c.claim_ids, data.claims, data.sources)
    sides = wire_sides(members)
    yield (f"### {c.severity_label.upper()} {c.type.value} conflict: "
           f"{md(group_words(c.key, members))}")
    yield ""
    yield from _HEAD
    numbers: dict[str, int] = {}
    for n, side in enumerate(sides, start=1):
        numbers.update((k.id, n) for k in [side.claim, *side.copies])
        yield _row(n, side, data.sources)
    yield ""
    yield f"- Why: {md(c.reason)}"
    yield f"- Severity: {c.severity_label} ({c.severity:.2f})"
    yield from _review(c, data, numbers)
    yield f"- Conflict id: `{c.id}`"
    yield ""


def _review(c: Conflict, data: ReportData, numbers: Mapping[str, int]) -> Iterator[str]:
    d = c.decision
    if d is None:
        yield "- Review: open, not reviewed yet"
        return
    line = f"- Review: {d.verdict.value}"
    if d.claim_id:
        favoured = data.claims.get(d.claim_id)
        src = data.sources.get(favoured.source_id) if favoured else None
        at = f"#{numbers[d.claim_id]} " if d.claim_id in numbers else ""
        line += f" in favour of {at}{md(favoured_words(favoured, src, d.claim_id))}"
    line += f", by {md(d.reviewer)} on {d.decided_at:%Y-%m-%d %H:%M}"
    if d.stale:
        line += " (stale: the claims changed since)"
    yield line
    if d.note:
        yield f"- Note: {md(d.note)}"


def _group(g: Corroboration, data: ReportData) -> Iterator[str]:
    members = ordered_members(g.claim_ids, data.claims, data.sources)
    figures = "; ".join(sorted({md(stated(k) if k.quantity is None else figure(k))
                                for k in members}))
    yield (f"- **{md(group_words(g.key, members))}**: {figures} "
           f"({plural(g.independent_sources, 'independent source')}; group `{g.id}`)")
    for side in wire_sides(members):
        k = side.claim
        src = data.sources.get(k.source_id)
        copies = "".join(f"; {md(source_label(data.sources.get(x.source_id)))}"
                         for x in side.copies)
        yield (f"  - {md(source_label(src, k.source_path))}{copies}: {_attribution(k)}: "
               f"{_quote(src, k)}")


def _sources(data: ReportData) -> Iterator[str]:
    yield "## Sources"
    yield ""
    yield "| Published | Outlet | Title | URL | Claims | Conflicts |"
    yield "|---|---|---|---|---|---|"
    for row in data.summaries:
        s = row.source
        url = web_url(s.url)
        link = f"<{md_url(url)}>" if url else (md(s.url) if s.url else "—")
        claims = str(row.claims) if row.matched else "cited"
        yield (f"| {s.published.isoformat() if s.published else '—'} | {md(s.outlet or '—')} "
               f"| {md(s.title or s.path or s.id)} | {link} | {claims} | {row.conflicts} |")
