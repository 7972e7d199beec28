"""`crosscheck report`: the terminal report of the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from verify.cli.common import open_db

if TYPE_CHECKING:
    from claims.store import Store


def register(app: typer.Typer) -> None:
    """Add `report` to the root app."""
    app.command()(report)


def report(ctx: typer.Context) -> None:
    """Print the report: counts, conflicts most severe first, and what each source holds."""
    with open_db(ctx) as store:
        print_report(store, ctx.find_root().obj.db)


def print_report(store: Store, name: str) -> None:
    """Render the report of `store` to stdout; the demo prints the same."""
    from reports.console import stdout_console
    from reports.report import render_report

    rendered = render_report(name, store.list_sources(), store.list_claims(), store.list_conflicts())
    stdout_console().print(rendered)
