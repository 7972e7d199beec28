"""`crosscheck report`, `timeline` and `export`: the report in the terminal and for the newsroom."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import open_db, talk

if TYPE_CHECKING:
    from claims.store import Store
    from verify.report_data import ReportData, ReportFilters


class ReportFormat(StrEnum):
    """How the report is printed: a table for people, or an export format."""

    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    claimreview = "claimreview"


class Severity(StrEnum):
    """A conflict's severity label."""

    low = "low"
    medium = "medium"
    high = "high"


_DATE = ["%Y-%m-%d"]
KindOpt = Annotated[str | None, typer.Option("--kind", "-k", help="Only claims of this kind.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", "-p", help="Only claims about a place.")]
SourceOpt = Annotated[str | None, typer.Option("--source", "-s", help="Only one source (id).")]
SinceOpt = Annotated[dt.datetime | None, typer.Option(
    "--since", formats=_DATE, help="Only sources published on or after this day (YYYY-MM-DD).")]
UntilOpt = Annotated[dt.datetime | None, typer.Option(
    "--until", formats=_DATE, help="Only sources published on or before this day (YYYY-MM-DD).")]
MinSevOpt = Annotated[Severity | None, typer.Option(
    "--min-severity", case_sensitive=False, help="Only conflicts at least this severe.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=0,
                                              help="At most this many conflicts.")]
PublisherOpt = Annotated[str, typer.Option(
    "--publisher", help="ClaimReview: the fact-checking organisation publishing the reviews.")]
ReviewUrlOpt = Annotated[str, typer.Option(
    "--review-url", help="ClaimReview: the page the reviews are published on (ids are anchors).")]


def register(app: typer.Typer) -> None:
    """Add `report`, `timeline` and `export` to the root app."""
    app.command()(report)
    app.command()(timeline)
    app.command()(export)


def _filters(kind: str | None, place: str | None, source: str | None, since: dt.datetime | None,
             until: dt.datetime | None, min_severity: Severity | None = None,
             limit: int | None = None) -> ReportFilters:
    from verify.report_data import ReportFilters

    return ReportFilters(kind=kind, place=place, source=source,
                         since=since.date() if since else None,
                         until=until.date() if until else None,
                         min_severity=min_severity.value if min_severity else None, limit=limit)


def report(
    ctx: typer.Context, kind: KindOpt = None, place: PlaceOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, min_severity: MinSevOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="table for people; markdown, html, json, csv (conflicts; -o writes NAME-claims.csv "
             "and NAME-conflicts.csv) or claimreview (schema.org JSON-LD).")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    pager: Annotated[bool, typer.Option("--pager", help="Page the table on a terminal.")] = False,
    publisher: PublisherOpt = "crosscheck", review_url: ReviewUrlOpt = "",
) -> None:
    """Print the report: counts, conflicts most severe first, agreeing groups, each source."""
    from verify.report_data import gather_report

    filters = _filters(kind, place, source, since, until, min_severity, limit)
    db = ctx.find_root().obj.db
    if output is not None:
        from reports.export.write import check_target

        check_target(output, db)  # before the work: never over the store or any database
    with open_db(ctx) as store:  # claims are read as the report shows them: render inside
        data = gather_report(store, db, filters)
        _write(data, fmt, output, pager, publisher, review_url, db)


def _write(data: ReportData, fmt: ReportFormat, output: Path | None, pager: bool,
           publisher: str, review_url: str, db: str) -> None:
    from reports.export.write import atomic_write, render_text, write_csv, write_text
    from reports.report import plain_report

    if fmt is ReportFormat.table and output is None:
        show(data, pager)
    elif fmt is ReportFormat.csv:
        for path in write_csv(data, output if output else sys.stdout, db):
            talk(f"Wrote {path}", "muted")
    else:
        text = (plain_report(data) if fmt is ReportFormat.table
                else render_text(data, fmt.value, publisher, review_url))
        if output is None:
            sys.stdout.write(text)
        else:
            atomic_write(output, lambda out: write_text(text, out), db)
            talk(f"Wrote {output}", "muted")


def show(data: ReportData, pager: bool = False) -> None:
    """Print the terminal report on stdout, paged when asked and stdout is a terminal."""
    from reports.console import stdout_console
    from reports.report import render_report

    console = stdout_console()
    if pager and console.is_terminal:
        with console.pager(styles=not console.no_color):
            console.print(render_report(data))
    else:
        console.print(render_report(data))


def print_report(store: Store, name: str) -> None:
    """Render the report of `store` to stdout; the demo prints the same."""
    from verify.report_data import gather_report

    show(gather_report(store, name))


def timeline(
    ctx: typer.Context, kind: KindOpt = None, place: PlaceOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None,
) -> None:
    """Draw a group's figures against publication date, intervals as ranges."""
    from reports.console import stdout_console
    from reports.timeline import render_timeline
    from verify.report_data import gather_timeline

    with open_db(ctx) as store:
        groups = gather_timeline(store, _filters(kind, place, source, since, until))
    title = " · ".join(x for x in (kind or "all kinds", place or "all places") if x)
    stdout_console().print(render_timeline(groups, f"Figures over time: {title}"))


def export(
    ctx: typer.Context,
    folder: Annotated[
        Path | None, typer.Argument(help="Folder to write the report exports into.")
    ] = None,
    hand_work: Annotated[
        Path | None,
        typer.Option("--hand-work", help="Write every hand-made source, claim, edit and "
                     "decision to this JSON-lines file (see `crosscheck import`)."),
    ] = None,
    kind: KindOpt = None, place: PlaceOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, min_severity: MinSevOpt = None,
    limit: LimitOpt = None, publisher: PublisherOpt = "crosscheck", review_url: ReviewUrlOpt = "",
) -> None:
    """Write the report in every format into FOLDER (md, html, json, ClaimReview, CSVs), or the
    hand work to a JSON-lines file with --hand-work."""
    from claims.errors import UsageError
    from reports.export.write import export_all
    from verify.handwork import write_hand_work
    from verify.report_data import gather_report

    if folder is None and hand_work is None:
        raise UsageError("export: name a FOLDER for the report, or --hand-work FILE.jsonl")
    db = ctx.find_root().obj.db
    with open_db(ctx) as store:
        if hand_work is not None:
            talk(f"Wrote {write_hand_work(store, hand_work)} lines of hand work to {hand_work}")
        if folder is None:
            return
        filters = _filters(kind, place, source, since, until, min_severity, limit)
        data = gather_report(store, db, filters)
        for path in export_all(data, folder, publisher, review_url, db):
            talk(f"Wrote {path}", "muted")
