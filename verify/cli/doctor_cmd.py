"""`crosscheck doctor`: what is wrong with a store, row by row, changing nothing."""

from __future__ import annotations

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db, talk

PROBLEM_COLUMNS = ["table", "row", "message"]


def register(app: typer.Typer) -> None:
    """Add `doctor` to the root app."""
    app.command()(doctor)


def doctor(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Check the store: SQLite's page check, every row readable, every quote in its source."""
    from rich.table import Table

    from claims.store_doctor import diagnose
    from reports.safe import safe_text

    with open_db(ctx) as store:
        found = diagnose(store)

    def render() -> Table:
        table = Table("Table", "Row", "Problem", box=None, pad_edge=False)
        for p in found.problems:
            table.add_row(p.table, safe_text(p.row), safe_text(p.message))
        return table

    read = ", ".join(f"{n} {name}" for name, n in found.rows.items() if n)
    if found.problems:
        emit([p.record() for p in found.problems], fmt, PROBLEM_COLUMNS, render)
        talk(f"{len(found.problems)} problems found (read {read or 'no rows'}); the other "
             "rows read normally", "error")
        raise typer.Exit(1)
    fine = f"No problems found ({read or 'an empty store'})."
    emit([], fmt, PROBLEM_COLUMNS, lambda: safe_text(fine, "ok"))
