"""A conflict as a panel: the group in words, one row per side, the reason, severity and review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claims.model import Claim, Conflict, Corroboration, Source
from reports.format import (
    credit,
    credit_parts,
    extent,
    favoured_words,
    figure,
    scope_words,
    sentence_parts,
    source_label,
    stated,
)
from reports.safe import clean, safe_text


@dataclass
class Side:
    """One row of a panel: a claim, and the wire copies of it in other sources."""

    claim: Claim
    copies: list[Claim]
    repeats: int = 0  # the same statement again in the same article (a headline and its lede)


def group_words(key: Mapping[str, object], members: Sequence[Claim]) -> str:
    """The group in words: "displaced · people · Idlib · since late April"."""
    first = members[0] if members else None
    parts = []
    for name in ("kind", "subject", "place", "period"):
        value = key.get(name) or (getattr(first, name, None) if first else None)
        if value:
            parts.append(clean(getattr(value, "value", value)))
    for name in ("event", "date"):  # ceasefire groups: what happened, and when
        if key.get(name):
            parts.append(f"{clean(name)} {clean(key[name])}")
    return " · ".join(parts) or "claims"


def _text_key(claim: Claim) -> tuple[str, str, str]:
    """A quote with its context, whitespace folded: the same in every copy of a wire text."""
    span = claim.span
    return " ".join(span.prefix.split()), span.quote, " ".join(span.suffix.split())


def wire_sides(members: Sequence[Claim]) -> list[Side]:
    """Claims whose quote and its context read the same in several sources are one side."""
    sides: list[Side] = []
    seen: dict[tuple[str, str, str], Side] = {}
    said: dict[tuple[object, ...], Side] = {}
    # A side is keyed by its text only once a second claim of its quote comes: most quotes
    # come once, and their context need not be folded (a page of 10,000 conflicts).
    lone: dict[str, Side] = {}  # a quote's one side so far, not in `seen` yet
    keyed: set[str] = set()  # quotes whose sides are all in `seen`
    for claim in members:
        q = claim.quantity
        statement = (claim.source_id, claim.kind, claim.event, claim.date, claim.attribution,
                     (q.low, q.high) if q else None)
        if statement in said:
            said[statement].repeats += 1
            continue
        quote = claim.span.quote
        if quote not in keyed:
            if quote not in lone:  # no text key holds this quote: a side of its own
                lone[quote] = side = Side(claim, [])
                sides.append(side)
                said[statement] = side
                continue
            side = lone.pop(quote)
            seen[_text_key(side.claim)] = side  # as it would have been when it came
            keyed.add(quote)
        text_key = _text_key(claim)
        first = seen.get(text_key)
        if first is not None and first.claim.source_id != claim.source_id:
            first.copies.append(claim)
            continue
        seen.setdefault(text_key, Side(claim, []))
        sides.append(seen[text_key] if seen[text_key].claim is claim else Side(claim, []))
        said[statement] = sides[-1]
    return sides


def sentence(source: Source | None, claim: Claim) -> Text:
    """The quote in its sentence, the quote highlighted; all source text escaped."""
    before, quote, after = sentence_parts(source, claim)
    return Text.assemble(safe_text(before), safe_text(quote, style="highlight"), safe_text(after))


def side_rows(sides: Sequence[Side], sources: Mapping[str, Source]) -> RenderableType:
    """One row per side: figure as written and as an interval, outlet and date, attribution."""
    rows: list[RenderableType] = []
    for side in sides:
        c = side.claim
        grid = Table.grid(padding=(0, 2), expand=False)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        head = Text.assemble(("• ", "muted"), safe_text(figure(c), style="figure"))
        span = extent(c)
        if span and span != figure(c):
            head.append(f"  {span}", style="muted")
        grid.add_row(head, _where(c, side.copies, sources, side.repeats))
        rows.append(grid)
        rows.append(Padding(sentence(sources.get(c.source_id), c), (0, 0, 0, 2)))
    return Group(*rows)


def _where(
    c: Claim, copies: Sequence[Claim], sources: Mapping[str, Source], repeats: int = 0
) -> Text:
    out = safe_text(source_label(sources.get(c.source_id), c.source_path))
    out.append("  says: ", style="muted")
    out.append_text(safe_text(credit(c)))
    if written := credit_parts(c).written:
        out.append_text(safe_text(f' ("{written}")', style="muted"))
    if c.modality.value != "reported":
        out.append(f"  [{c.modality.value}]", style="muted")
    if scope := scope_words(c, sources.get(c.source_id)):
        out.append_text(safe_text(f"  ({scope})", style="muted"))
    if copies:
        names = ", ".join(source_label(sources.get(k.source_id), k.source_path) for k in copies)
        out.append_text(safe_text(f"  + same wire text in {names}", style="muted"))
    if repeats:
        out.append(f"  (said {repeats + 1} times in this article)", style="muted")
    return out


def review_line(conflict: Conflict, claims: Mapping[str, Claim],
                sources: Mapping[str, Source] | None = None) -> Text:
    """The reviewer's decision in words, or "open"; a resolved one names the claim it favours
    as the panel shows it (figure, interval, outlet and date)."""
    d = conflict.decision
    if d is None:
        return Text.assemble(("Review: ", "muted"), "open, not reviewed yet")
    out = Text.assemble(("Review: ", "muted"), (d.verdict.value, "heading"))
    if d.claim_id:
        favoured = claims.get(d.claim_id)
        src = (sources or {}).get(favoured.source_id) if favoured else None
        out.append_text(safe_text(f" in favour of {favoured_words(favoured, src, d.claim_id)}"))
    out.append_text(safe_text(f" by {d.reviewer} on {d.decided_at:%Y-%m-%d}"))
    if d.stale:
        out.append(" (stale: the claims changed since)", style="severity.medium")
    if d.note:
        out.append_text(safe_text(f": {d.note}"))
    return out


def ordered_members(claim_ids: Sequence[str], claims: Mapping[str, Claim],
                    sources: Mapping[str, Source]) -> list[Claim]:
    """A conflict's stored claims in the order its panel shows them (and numbers them)."""
    return sorted((claims[i] for i in claim_ids if i in claims),
                  key=lambda c: _reading_order(c, sources))


def _reading_order(claim: Claim, sources: Mapping[str, Source]) -> tuple[object, ...]:
    """Like figures together, the highest first; like dates together, the earliest first; then
    by publication: so the sides of a dispute read as sides."""
    q = claim.quantity
    value = -(q.estimate if q.estimate is not None else (q.low or q.high or 0)) if q else 0
    source = sources.get(claim.source_id)
    published = source.published.isoformat() if source and source.published else "9999"
    return (value, claim.date or "", published)  # a stable sort keeps the rest in order


def conflict_panel(
    conflict: Conflict, claims: Mapping[str, Claim], sources: Mapping[str, Source]
) -> Panel:
    """The whole conflict: group, sides, reason, severity and review, in one panel."""
    members = ordered_members(conflict.claim_ids, claims, sources)
    label = conflict.severity_label
    title = Text.assemble((f" {label.upper()} ", f"severity.{label}"),
                          (f"{conflict.type.value} conflict ", "heading"))
    body = Group(
        safe_text(group_words(conflict.key, members), style="kind"),
        side_rows(wire_sides(members), sources),
        Text.assemble(("Why: ", "muted"), safe_text(conflict.reason)),
        Text.assemble(("Severity: ", "muted"), (f"{label} ({conflict.severity:.2f})",
                                                 f"severity.{label}")),
        review_line(conflict, claims, sources),
    )
    return Panel(body, title=title, title_align="left", subtitle=Text(conflict.id, style="muted"),
                 subtitle_align="right", box=box.ROUNDED, padding=(0, 1))


def corroboration_line(
    group: Corroboration, claims: Mapping[str, Claim], sources: Mapping[str, Source]
) -> Text:
    """An agreeing group in a line: the group, the figures, and how many independent sources."""
    members = [claims[i] for i in group.claim_ids if i in claims]
    figures = sorted({stated(c) if c.quantity is None else figure(c) for c in members})
    outlets = sorted({source_label(sources.get(c.source_id), c.source_path) for c in members})
    out = Text.assemble(("✓ ", "corroborated"))
    out.append_text(safe_text(group_words(group.key, members), style="kind"))
    out.append_text(safe_text(": " + "; ".join(figures)))
    n = group.independent_sources
    out.append(f"  {n} independent source{'s' if n != 1 else ''}", style="corroborated")
    out.append_text(safe_text(f" ({'; '.join(outlets)})", style="muted"))
    return out
