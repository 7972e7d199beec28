"""Words for values: figures, intervals, dates and quotes as a reader wants them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from rich.text import Text

from claims.model import Claim, Quantity, Source
from reports.safe import clean, safe_text


def plural(count: int, noun: str) -> str:
    """"1 conflict", "3 conflicts"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def number(value: int | None) -> str:
    """A count with thousands separators; None is an open bound."""
    return "…" if value is None else f"{value:,}"


def compact(value: float) -> str:
    """A count in a few characters, for a chart's axis: 950, 12k, 400k, 1.5M."""
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.3g}" + unit
    return f"{value:.3g}"


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


class CreditParts(NamedTuple):
    """The parts of a claim's credit worth showing, each only when it adds something: the body
    as written when it differs from its canonical name, a speaker other than the body, and a
    relay other than the body. Every format (terminal, HTML, Markdown) shows these."""

    body: str | None
    written: str | None
    speaker: str | None
    via: str | None


def credit_parts(claim: Claim) -> CreditParts:
    """The one reading of which credit parts a claim shows, for every output format."""
    body = clean(claim.attribution) if claim.attribution else None

    def differs(value: str | None) -> str | None:
        return clean(value) if value and clean(value) != (body or "") else None

    return CreditParts(body, differs(claim.attribution_text) if body else None,
                       differs(claim.speaker), differs(claim.attribution_via))


def credit(claim: Claim) -> str:
    """Who says so: the body, the person speaking for it, and who relays it ("UN (Jens Laerke)
    via AFP"); "unattributed" when nobody is named."""
    parts = credit_parts(claim)
    out = who(claim)
    if parts.speaker:
        out = f"{out} ({parts.speaker})" if parts.body else parts.speaker
    if parts.via:
        out += f" via {parts.via}"
    return out


def scope_words(claim: Claim, source: Source | None = None) -> str:
    """What a figure counts, where a reader needs telling: "incident at the market", "total as
    of 2019-09-10" (a day other than its article's); empty when there is nothing to add."""
    if claim.scope is None:
        return ""
    if claim.scope.value == "incident":
        return f"incident at {clean(claim.site)}" if claim.site else "incident"
    published = source.published if source else None
    if claim.period_end and claim.period_end != published:
        return f"total as of {claim.period_end.isoformat()}"
    return ""


def favoured_words(claim: Claim | None, source: Source | None, claim_id: str) -> str:
    """The claim a decision favours, as a reader finds it: "more than 400,000 [400,000, …)
    (Le Monde, 2019-08-06)"; its id when it is no longer stored."""
    if claim is None:
        return f"claim {claim_id}"
    return f"{stated(claim)} ({source_label(source, claim.source_path)})"


SENTENCE_REACH = 240  # characters looked at either side of a quote for its sentence
_STOPS = ".!?\n"
_STOP = re.compile(r"[.!?\n]")


def sentence_parts(source: Source | None, claim: Claim) -> tuple[str, str, str]:
    """The quote's sentence in three cleaned, one-line pieces: before, the quote, after; an
    ellipsis marks a sentence cut short. Only the quote when its source is not at hand."""
    quote = _tidy(claim.span.quote)
    if source is None or source.text[claim.span.start : claim.span.end] != claim.span.quote:
        return "", quote, ""
    text, start, end = source.text, claim.span.start, claim.span.end
    left = max(0, start - SENTENCE_REACH)
    cut = max(text.rfind(".", left, start), text.rfind("!", left, start),
              text.rfind("?", left, start), text.rfind("\n", left, start))
    left = cut + 1 if cut >= 0 else left
    stop = _STOP.search(text, end, end + SENTENCE_REACH)
    right = stop.end() if stop else min(len(text), end + SENTENCE_REACH)
    before = ("…" if left > 0 and cut < 0 else "") + " ".join(text[left:start].split())
    before = (before + " ").lstrip() if before else ""
    tail = " ".join(text[end:right].split())
    after = tail if tail[:1] in ",.;:!?)’”'\"" or not tail else " " + tail
    after += "…" if right < len(text) and text[right - 1] not in _STOPS else ""
    return _tidy(before), quote, _tidy(after)


def _tidy(text: str) -> str:
    """clean(), skipped for text with nothing to strip (isprintable: no control, no bidi)."""
    return text if text.isprintable() else clean(text)
