"""`crosscheck check`: run the cross-check and list the conflicts found."""

from __future__ import annotations

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db


def register(app: typer.Typer) -> None:
    """Add `check` to the root app."""
    app.command()(check)


def check(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Cross-check the stored claims, store the conflicts found, and list them."""
    from reports.tables import conflicts_table
    from verify.check import cross_check

    with open_db(ctx) as store:
        conflicts = cross_check(store)
    emit([c.record() for c in conflicts], fmt, CONFLICT_COLUMNS, lambda: conflicts_table(conflicts))


CONFLICT_COLUMNS = ["id", "type", "severity", "severity_label", "reason", "claim_ids", "key"]
