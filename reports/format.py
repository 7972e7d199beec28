"""Words for values: figures, intervals, dates and quotes as a reader wants them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from claims.model import Claim, Quantity, Source
from reports.safe import clean, safe_text


def plural(count: int, noun: str) -> str:
    """"1 conflict", "3 conflicts"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def number(value: int | None) -> str:
    """A count with thousands separators; None is an open bound."""
    return "…" if value is None else f"{value:,}"


def interval(q: Quantity | None) -> str:
    """The quantity as an interval: [400,000, …) for an open upper bound, 1,000 for a point."""
    if q is None or (q.low is None and q.high is None):
        return ""
    if q.low is not None and q.low == q.high:
        return number(q.low)
    left = "(" if q.low is None else "["
    right = ")" if q.high is None else "]"
    return f"{left}{number(q.low)}, {number(q.high)}{right}"


def extent(claim: Claim) -> str:
    """What a claim amounts to: a figure's interval, or a ceasefire event's day or days."""
    if claim.quantity is None:
        return claim.date.replace("/", " to ") if claim.date else ""
    return interval(claim.quantity)


def stated(claim: Claim) -> str:
    """The figure as written, then its extent when that says more: "more than 900 [900, …)"."""
    written, span = figure(claim), extent(claim)
    return f"{written} {span}" if span and span != written else written


def figure(claim: Claim) -> str:
    """The figure as written, with its qualifier: "more than 400,000"; for ceasefires, the event."""
    if claim.quantity is None:
        return claim.event.value if claim.event else ""
    q = claim.quantity
    written = (
        clean(q.figure) if q.figure else number(q.estimate if q.estimate is not None else q.low)
    )
    if q.qualifier and not written.lower().startswith(q.qualifier.lower()):
        return f"{clean(q.qualifier)} {written}"
    return written


def who(claim: Claim) -> str:
    """The body the claim is attributed to, canonical, or a dash."""
    return clean(claim.attribution) if claim.attribution else "unattributed"


def source_label(source: Source | None, path: str | None = None) -> str:
    """A short name for a source: outlet and date, else the file name."""
    if source is None:
        return Path(path).name if path else ""
    name = source.outlet or (Path(source.path).name if source.path else source.id[:8])
    return f"{clean(name)}, {source.published.isoformat()}" if source.published else clean(name)


def shorten(value: str, limit: int) -> str:
    """One line of at most `limit` characters."""
    flat = " ".join(clean(value).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def quote_in_context(source: Source, claim: Claim, context: int = 120) -> Text:
    """The quote within its surrounding text, the quote highlighted; source text is escaped."""
    text = source.text
    start, end = claim.span.start, claim.span.end
    left = max(0, start - context)
    right = min(len(text), end + context)
    out = Text()
    out.append("…" if left else "")
    out.append_text(safe_text(" ".join(text[left:start].split()) + " " if left < start else ""))
    out.append_text(safe_text(claim.span.quote, style="highlight"))
    out.append_text(safe_text(" " + " ".join(text[end:right].split()) if end < right else ""))
    out.append("…" if right < len(text) else "")
    return out
