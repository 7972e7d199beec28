"""`crosscheck claims`: list and show stored claims."""

from __future__ import annotations

from typing import Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db

app = typer.Typer(help="List and show claims: figures and ceasefire events with their quotes.",
                  no_args_is_help=True)

CLAIM_COLUMNS = [
    "id", "source_id", "source_path", "kind", "subject", "part_of", "low", "high", "estimate",
    "qualifier", "figure", "event", "date", "place", "place_text", "period", "period_start",
    "period_end", "attribution", "attribution_text", "modality", "quote", "start", "end",
    "origin", "rule", "created_by", "created_at", "status", "note",
]


@app.command("list")
def list_claims(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="Only this kind: killed, displaced, ceasefire ...")] = None,
    source: Annotated[str | None, typer.Option(help="Only claims of this source id (or prefix).")] = None,
    place: Annotated[str | None, typer.Option(help="Only claims about this place.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List active claims, optionally narrowed by kind, source or place."""
    from claims.model import Kind
    from claims.errors import UsageError
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
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="Claim id or its first characters.")],
    explain: Annotated[bool, typer.Option("--explain", help="Say which rule read it and why.")] = False,
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
