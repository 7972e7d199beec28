"""`crosscheck conflicts`: list and show stored conflicts."""

from __future__ import annotations

from typing import Annotated

import typer

from verify.cli.check_cmd import CONFLICT_COLUMNS
from verify.cli.common import Format, FormatOpt, emit, open_db, talk

app = typer.Typer(help="List and show the conflicts found by the last check.",
                  no_args_is_help=True)

IdArg = Annotated[str, typer.Argument(metavar="ID", help="Conflict id or its first characters.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Only figure, date or attribution.")]
SeverityOpt = Annotated[
    str | None, typer.Option("--severity", help="Only this label or worse: high, medium, low.")]
KindOpt = Annotated[str | None, typer.Option("--kind", help="Only groups of this kind: killed ...")]
OpenOpt = Annotated[bool, typer.Option("--undecided", help="Only conflicts with no decision.")]
AssigneeOpt = Annotated[str | None, typer.Option("--assignee", metavar="NAME",
                                                 help="Only conflicts assigned to NAME.")]


@app.command("list")
def list_conflicts(
    ctx: typer.Context,
    type_: TypeOpt = None,
    severity: SeverityOpt = None,
    kind: KindOpt = None,
    undecided: OpenOpt = False,
    assignee: AssigneeOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List stored conflicts, most severe first, with their review state and assignee."""
    from reports.tables import conflicts_table
    from verify.check import filter_conflicts
    from verify.desk import assigned_to, conflict_records

    with open_db(ctx) as store:
        conflicts = filter_conflicts(store.list_conflicts(), type_, severity, kind, undecided)
        if assignee is not None:
            conflicts = assigned_to(store, conflicts, assignee)
        records = conflict_records(store, conflicts)
    emit(records, fmt, CONFLICT_COLUMNS + ["decision", "assignee"],
         lambda: conflicts_table(conflicts))


@app.command("assign")
def assign_conflict(
    ctx: typer.Context,
    conflict_id: IdArg,
    to: Annotated[str | None, typer.Option("--to", metavar="NAME",
                                           help="Who is to review it.")] = None,
    nobody: Annotated[bool, typer.Option("--nobody", help="Take the assignment away.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Give a conflict to a person to review (`review --mine` shows them theirs)."""
    from claims.errors import UsageError
    from reports.tables import conflicts_table
    from verify.desk import assign, conflict_records

    if (to is None or not to.strip()) == (not nobody):
        raise UsageError("give exactly one of --to NAME or --nobody")
    with open_db(ctx) as store:
        conflict = assign(store, conflict_id, None if nobody else to)
        records = conflict_records(store, [conflict])
    talk(f"Assigned {conflict.id} to {to}" if to else f"{conflict.id} is assigned to nobody",
         "muted")
    emit(records, fmt, CONFLICT_COLUMNS + ["decision", "assignee"],
         lambda: conflicts_table([conflict]))


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
