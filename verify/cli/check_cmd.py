"""`crosscheck check`: run the cross-check and list the conflicts found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db

if TYPE_CHECKING:
    from rich.console import RenderableType

    from verify.check import CheckResult

CONFLICT_COLUMNS = ["id", "type", "severity", "severity_label", "reason", "claim_ids", "key"]

ToleranceOpt = Annotated[
    float | None,
    typer.Option("--tolerance", min=0.001, max=10.0, metavar="RATIO",
                 help="Estimates further apart than this ratio disagree (default 0.10, "
                      "or [check] tolerance in crosscheck.toml)."),
]
WindowOpt = Annotated[
    int | None,
    typer.Option("--window", min=0, max=3650, metavar="DAYS",
                 help="Counts whose 'as of' dates lie this many days apart are compared "
                      "(default 45)."),
]

SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="tcp://HOST:PORT",
                 help="Compare the groups on this Dask cluster's workers (pip install "
                      "'crosscheck[dask]'); the conflicts are stored here."),
]


def register(app: typer.Typer) -> None:
    """Add `check` to the root app."""
    app.command()(check)


def check(
    ctx: typer.Context,
    tolerance: ToleranceOpt = None,
    window: WindowOpt = None,
    fmt: FormatOpt = Format.table,
    scheduler: SchedulerOpt = None,
) -> None:
    """Cross-check the stored claims, store the conflicts found, and list them."""
    from verify.check import cross_check
    from verify.settings import load_settings

    with open_db(ctx) as store:
        settings = load_settings(store, tolerance=tolerance, window_days=window)
        result = cross_check(store, settings, scheduler)
    emit([c.record() for c in result.conflicts], fmt, CONFLICT_COLUMNS, lambda: summary(result))


def summary(result: CheckResult) -> RenderableType:
    """The conflicts table, then one line counting conflicts and corroborations."""
    from rich.console import Group
    from rich.text import Text

    from reports.tables import conflicts_table

    levels = [c.severity_label for c in result.conflicts]
    counts = ", ".join(f"{levels.count(x)} {x}" for x in ("high", "medium", "low"))
    line = (f"{len(levels)} conflicts ({counts}); "
            f"{len(result.corroborations)} corroborated groups.")
    return Group(conflicts_table(result.conflicts), Text(line))
