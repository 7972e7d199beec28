"""`crosscheck conflicts`: list and show stored conflicts."""

from __future__ import annotations

from typing import Annotated

import typer

from verify.cli.check_cmd import CONFLICT_COLUMNS
from verify.cli.common import Format, FormatOpt, emit, open_db

app = typer.Typer(help="List and show the conflicts found by the last check.",
                  no_args_is_help=True)

IdArg = Annotated[str, typer.Argument(metavar="ID", help="Conflict id or its first characters.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Only figure, date or attribution.")]
SeverityOpt = Annotated[
    str | None, typer.Option("--severity", help="Only this label or worse: high, medium, low.")]
KindOpt = Annotated[str | None, typer.Option("--kind", help="Only groups of this kind: killed ...")]
OpenOpt = Annotated[bool, typer.Option("--undecided", help="Only conflicts with no decision.")]


@app.command("list")
def list_conflicts(
    ctx: typer.Context,
    type_: TypeOpt = None,
    severity: SeverityOpt = None,
    kind: KindOpt = None,
    undecided: OpenOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List stored conflicts, most severe first, with their review state."""
    from reports.tables import conflicts_table
    from verify.check import filter_conflicts

    with open_db(ctx) as store:
        conflicts = filter_conflicts(store.list_conflicts(), type_, severity, kind, undecided)
    emit([c.record() for c in conflicts], fmt, CONFLICT_COLUMNS + ["decision"],
         lambda: conflicts_table(conflicts))


@app.command("show")
def show_conflict(ctx: typer.Context, conflict_id: IdArg, fmt: FormatOpt = Format.table) -> None:
    """Show one conflict and the claims it sets against each other."""
    from rich.console import Group

    from reports.tables import claims_table, conflicts_table

    with open_db(ctx) as store:
        conflict = store.get_conflict(conflict_id)
        claims = [store.get_claim(cid) for cid in conflict.claim_ids]
        sources = {s.id: s for s in store.list_sources()}
    emit([conflict.record()], fmt, CONFLICT_COLUMNS + ["decision"],
         lambda: Group(conflicts_table([conflict]), claims_table(claims, sources)))
