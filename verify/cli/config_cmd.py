"""`crosscheck config`: the store's settings, shared by everyone working the store."""

from __future__ import annotations

from typing import Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db

app = typer.Typer(help="Get and set the store's settings (the check's thresholds), shared by "
                  "everyone working the store.", no_args_is_help=True)

KeyArg = Annotated[str, typer.Argument(metavar="KEY", help="A setting, e.g. check.tolerance.")]
COLUMNS = ["key", "value", "default", "set"]


def _table(records: list[dict[str, object]]) -> object:
    from rich.table import Table

    table = Table("setting", "value", "default", "set in the store", box=None)
    for r in records:
        table.add_row(str(r["key"]), str(r["value"]), str(r["default"]),
                      "yes" if r["set"] else "")
    return table


@app.command("get")
def get(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument(metavar="[KEY]", help="One setting; all if none.")
                   ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show the settings in force (the store's, else the defaults), or one of them."""
    from verify.desk import config_records

    with open_db(ctx) as store:
        records = config_records(store, key)
    emit(records, fmt, COLUMNS, lambda: _table(records))  # type: ignore[arg-type, return-value]


@app.command("set")
def set_(ctx: typer.Context, key: KeyArg,
         value: Annotated[str, typer.Argument(metavar="VALUE", help="Its new value.")],
         fmt: FormatOpt = Format.table) -> None:
    """Set a setting in the store, for everyone working it."""
    from verify.desk import set_config

    with open_db(ctx) as store:
        records = set_config(store, key, value)
    emit(records, fmt, COLUMNS, lambda: _table(records))  # type: ignore[arg-type, return-value]


@app.command("unset")
def unset(ctx: typer.Context, key: KeyArg, fmt: FormatOpt = Format.table) -> None:
    """Remove a setting from the store: its default applies again."""
    from verify.desk import unset_config

    with open_db(ctx) as store:
        records = unset_config(store, key)
    emit(records, fmt, COLUMNS, lambda: _table(records))  # type: ignore[arg-type, return-value]
