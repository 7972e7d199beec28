"""The crosscheck command: a thin layer that parses, calls the library, and renders."""

from __future__ import annotations

from typing import Annotated

import typer

from verify.cli import (
    aliases_cmd,
    check_cmd,
    claims_cmd,
    config_cmd,
    conflicts_cmd,
    doctor_cmd,
    report_cmd,
    review_cmd,
    run_cmd,
    sources_cmd,
)
from verify.cli.common import CrosscheckGroup, State

__version__ = "0.1.0"

app = typer.Typer(
    cls=CrosscheckGroup,
    name="crosscheck",
    help="Pull casualty, displacement and ceasefire claims out of news articles, "
    "with their exact quotes and who said them, and cross-check them.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option(
            "--db",
            envvar="CROSSCHECK_DB",
            metavar="PATH|URL",
            help="The store: a SQLite file, or a PostgreSQL URL "
            "(postgresql://user@host/database) for a desk sharing one store.",
        ),
    ] = "crosscheck.db",
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Pull casualty, displacement and ceasefire claims out of articles and cross-check them."""
    ctx.obj = State(db)


run_cmd.register(app)
check_cmd.register(app)
report_cmd.register(app)
app.add_typer(sources_cmd.app, name="sources")
app.add_typer(claims_cmd.app, name="claims")
app.add_typer(conflicts_cmd.app, name="conflicts")
review_cmd.register(app, conflicts_cmd.app)
doctor_cmd.register(app)
app.add_typer(config_cmd.app, name="config")
app.add_typer(aliases_cmd.app, name="aliases")


def main() -> None:
    """The console script's entry point."""
    app()


__all__ = ["app", "main"]
