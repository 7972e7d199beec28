"""`crosscheck aliases`: the desk's names for the bodies figures are credited to, in the store;
ingest, hand claims and the check all read them beside the shipped table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db, talk

if TYPE_CHECKING:
    from rich.console import RenderableType

    from claims.aliases import Alias

app = typer.Typer(help="Add, list and import the desk's aliases: other names of the bodies "
                  "figures are credited to.", no_args_is_help=True)
COLUMNS = ["canonical", "variant", "type"]


def _records(aliases: list[Alias]) -> list[dict[str, str]]:
    return [{"canonical": a.canonical, "variant": a.variant, "type": a.type} for a in aliases]


def _table(records: list[dict[str, str]]) -> RenderableType:
    from rich.table import Table

    from reports.safe import safe_text

    table = Table("canonical", "variant", "type", box=None)
    for r in records:
        table.add_row(*(safe_text(r[c]) for c in COLUMNS))
    return table


@app.command("add")
def add(
    ctx: typer.Context,
    canonical: Annotated[str, typer.Argument(metavar="CANONICAL", help="The body's name.")],
    variant: Annotated[str, typer.Argument(metavar="VARIANT", help="Another name it goes by.")],
    type_: Annotated[str, typer.Option("--type", help="What it is: monitor, un, ngo ...")] = "",
) -> None:
    """Add one alias to the store: VARIANT names the body CANONICAL."""
    from claims.aliases import Alias
    from claims.errors import UsageError

    if not canonical.strip() or not variant.strip():
        raise UsageError("CANONICAL and VARIANT must not be empty")
    with open_db(ctx, create=True) as store:
        added = store.add_aliases([Alias(canonical.strip(), variant.strip(), type_.strip())])
    talk(f"added: {variant} is {canonical}" if added else "already stored", "muted")


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="The shipped table too.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the store's aliases (with --all, the shipped ones first)."""
    from claims.aliases import default_aliases

    with open_db(ctx) as store:
        aliases = (default_aliases().aliases if all_ else []) + store.list_aliases()
    records = _records(aliases)
    emit(records, fmt, COLUMNS, lambda: _table(records))


@app.command("import")
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE.csv",
                                         help="A CSV of canonical,variant,type rows.")],
) -> None:
    """Add every alias of a CSV file to the store (ones already there are skipped)."""
    from verify.settings import read_alias_file

    rows = read_alias_file(path)  # checked whole before the store is touched
    with open_db(ctx, create=True) as store:
        added = store.add_aliases(rows)
    talk(f"Imported {added} new aliases of {len(rows)} in {path}", "muted")
