"""`crosscheck claims`: list, show, add by hand, edit, remove, and the history of claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db

if TYPE_CHECKING:
    from claims.model import Claim, Source

app = typer.Typer(help="List and show claims: figures and ceasefire events with their quotes.",
                  no_args_is_help=True)

ClaimArg = Annotated[str, typer.Argument(metavar="ID", help="Claim id or its first characters.")]
HISTORY_COLUMNS = ["claim_id", "action", "field", "old", "new", "who", "at"]

CLAIM_COLUMNS = [
    "id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high", "estimate",
    "qualifier", "figure", "event", "date", "place", "place_text", "period", "period_start",
    "period_end", "scope", "site", "attribution", "attribution_text", "modality", "quote",
    "start", "end", "origin", "rule", "created_by", "created_at", "status", "note",
]


@app.command("list")
def list_claims(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: killed, displaced, ceasefire ...")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Only claims of this source id (or prefix).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Only claims about this place.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List active claims, optionally narrowed by kind, source or place."""
    from claims.errors import UsageError
    from claims.model import Kind
    from reports.tables import claims_table

    if kind and kind not in Kind.__members__:
        raise UsageError(f"--kind: unknown kind {kind!r} (one of {', '.join(Kind)})")
    with open_db(ctx) as store:
        claims = store.list_claims(kind=kind, source=source, place=place)
        sources = {s.id: s for s in store.list_sources()}
    emit([c.record() for c in claims], fmt, CLAIM_COLUMNS, lambda: claims_table(claims, sources))


@app.command("show")
def show_claim(
    ctx: typer.Context,
    claim_id: ClaimArg,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say which rule read it and why.")
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one claim with its quote in context."""
    from claims.extract import explain as explain_rule
    from reports.tables import claim_detail

    with open_db(ctx) as store:
        claim = store.get_claim(claim_id)
        source = store.get_source(claim.source_id)
    why = explain_rule(claim.rule or "") if explain and claim.origin == "extracted" else None
    if explain and why is None:
        why = f"added by hand{f' by {claim.created_by}' if claim.created_by else ''}"
    record = claim.record() | ({"explanation": why} if explain else {})
    emit([record], fmt, CLAIM_COLUMNS, lambda: claim_detail(claim, source, why))


KindOpt = Annotated[str | None, typer.Option(help="killed, injured, displaced, ceasefire ...")]
LowOpt = Annotated[str | None, typer.Option(help="Lower bound (\"open\" for none).")]
HighOpt = Annotated[str | None, typer.Option(help="Upper bound (\"open\" for none).")]
QualifierOpt = Annotated[str | None, typer.Option(help="As written: \"more than\", \"nearly\".")]
SubjectOpt = Annotated[str | None, typer.Option(help="Who is counted: civilians, children ...")]
AttributionOpt = Annotated[str | None, typer.Option(help="The body the figure is credited to.")]
PlaceOpt = Annotated[str | None, typer.Option(help="The place the claim is about.")]
DateOpt = Annotated[str | None, typer.Option(help="YYYY-MM-DD, or a range FROM/TO.")]
NoteOpt = Annotated[str | None, typer.Option(help="A note for the record.")]


@app.command("add")
def add_claim(
    ctx: typer.Context,
    source: Annotated[str, typer.Option(help="The source id (or prefix) the quote is in.")],
    quote: Annotated[str, typer.Option(help="The words of the source the claim stands on.")],
    kind: KindOpt = None,
    low: LowOpt = None,
    high: HighOpt = None,
    qualifier: QualifierOpt = None,
    subject: SubjectOpt = None,
    attribution: AttributionOpt = None,
    place: PlaceOpt = None,
    date: DateOpt = None,
    note: NoteOpt = None,
    threshold: Annotated[float, typer.Option(min=50, max=100,
                                             help="Fuzzy match cut-off, 0-100.")] = 90.0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Add a claim by hand: anchor the quote in the source; fields not given are read from it."""
    from verify.cli.common import talk
    from verify.hand import HandFields, parse_count, place_hand_claim

    given = HandFields(kind=kind, low=parse_count(low, "--low"), high=parse_count(high, "--high"),
                       qualifier=qualifier, subject=subject, attribution=attribution,
                       place=place, date=date, note=note)
    with open_db(ctx) as store:
        claim, found, new = place_hand_claim(store, source, quote, given, threshold)
        superseded = [h.claim_id for h in store.claim_history()
                      if h.field == "superseded_by" and h.new == claim.id]
        source_ = store.get_source(claim.source_id)
    where = f"{found.method} match" + (f", {found.score:.0f}%" if found.method == "fuzzy" else "")
    did = f"added claim {claim.id}" if new else (
        f"already stored: claim {claim.id}, added by {claim.created_by or 'someone'}")
    talk(f"Anchored at {found.start}:{found.end} ({where}); {did}"
         + (f"; supersedes {', '.join(superseded)}" if superseded and new else ""))
    _emit_claim(claim, source_, fmt)


@app.command("edit")
def edit_claim(
    ctx: typer.Context,
    claim_id: ClaimArg,
    kind: KindOpt = None,
    low: LowOpt = None,
    high: HighOpt = None,
    estimate: Annotated[str | None, typer.Option(help="The point figure.")] = None,
    qualifier: QualifierOpt = None,
    subject: SubjectOpt = None,
    attribution: AttributionOpt = None,
    place: PlaceOpt = None,
    date: DateOpt = None,
    modality: Annotated[str | None, typer.Option(help="reported, projected or denied.")] = None,
    scope: Annotated[str | None, typer.Option(
        help="incident (one attack, day or site) or total (a count over a period).")] = None,
    period: Annotated[str | None, typer.Option(
        metavar="FROM/TO", help="The period a total covers: FROM/TO, FROM/ (since), "
                                "/TO (as of), or none.")] = None,
    site: Annotated[str | None, typer.Option(help="An incident's site: \"the market\".")] = None,
    note: NoteOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Change a claim's fields; each change is kept in its history with who and when."""
    from claims.errors import UsageError
    from verify.hand import canonical_names, parse_count, parse_period

    given = dict(kind=kind, qualifier=qualifier, subject=subject, date=date, modality=modality,
                 note=note, scope=scope, site=site)
    changes: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    changes |= canonical_names(place, attribution)  # named again with the store's aliases
    if period is not None:
        changes |= parse_period(period)
    for name, value in (("low", low), ("high", high), ("estimate", estimate)):
        if value is not None:
            changes[name] = parse_count(value, f"--{name}")
    if not changes:
        raise UsageError("nothing to change: give at least one field, e.g. --low 400000")
    with open_db(ctx) as store:
        if attribution:
            from verify.settings import load_aliases

            changes |= canonical_names(None, attribution, load_aliases(store))
        claim = store.edit_claim(claim_id, changes)
        source = store.get_source(claim.source_id)
    _emit_claim(claim, source, fmt)


@app.command("rm")
def remove_claim(ctx: typer.Context, claim_id: ClaimArg, fmt: FormatOpt = Format.table) -> None:
    """Remove a claim from checks and reports; it is kept, marked removed, with its history."""
    with open_db(ctx) as store:
        claim = store.remove_claim(claim_id)
        source = store.get_source(claim.source_id)
    _emit_claim(claim, source, fmt)


@app.command("history")
def claim_history(ctx: typer.Context, claim_id: ClaimArg, fmt: FormatOpt = Format.table) -> None:
    """Every change made to a claim: who, when, the field, and its old and new values."""
    from rich.table import Table

    from reports.safe import safe_text

    with open_db(ctx) as store:
        changes = store.claim_history(claim_id)

    def render() -> Table:
        table = Table("When", "Who", "Action", "Field", "Old", "New", box=None, pad_edge=False)
        for ch in changes:
            table.add_row(ch.at, safe_text(ch.who), ch.action, ch.field or "",
                          safe_text(_shown(ch.old)), safe_text(_shown(ch.new)))
        return table

    emit([ch.record() for ch in changes], fmt, HISTORY_COLUMNS, render)


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _emit_claim(claim: Claim, source: Source, fmt: Format) -> None:
    from reports.tables import claim_detail

    emit([claim.record()], fmt, CLAIM_COLUMNS, lambda: claim_detail(claim, source, None))
