"""`crosscheck report`, `timeline` and `export`: the report in the terminal and for the newsroom."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from verify.cli.common import (
    AttributionFilter,
    ConflictSortOpt,
    KindFilter,
    LimitFilter,
    OutletFilter,
    PlaceFilter,
    SeverityFilter,
    SinceFilter,
    SourceFilter,
    TypeFilter,
    UntilFilter,
    given_filters,
    open_db,
    talk,
)

if TYPE_CHECKING:
    from claims.store import Store
    from verify.report_data import ReportData


class ExportFormat(StrEnum):
    """What `export` writes into its folder: every text format, or Parquet for analysts."""

    all = "all"
    parquet = "parquet"


class ReportFormat(StrEnum):
    """How the report is printed: a table for people, or an export format."""

    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    claimreview = "claimreview"


PublisherOpt = Annotated[str | None, typer.Option(
    "--publisher", help="ClaimReview: the fact-checking organisation publishing the reviews.")]
ReviewUrlOpt = Annotated[str | None, typer.Option(
    "--review-url", help="ClaimReview: the page the reviews are published on (ids are anchors).")]


def register(app: typer.Typer) -> None:
    """Add `report`, `timeline` and `export` to the root app."""
    app.command()(report)
    app.command()(timeline)
    app.command()(export)


def report(
    ctx: typer.Context, kind: KindFilter = None, place: PlaceFilter = None,
    since: SinceFilter = None, until: UntilFilter = None, source: SourceFilter = None,
    attribution: AttributionFilter = None, outlet: OutletFilter = None,
    type_: TypeFilter = None, severity: SeverityFilter = None, sort: ConflictSortOpt = None,
    limit: LimitFilter = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="table for people; markdown, html, json, csv (conflicts; -o writes NAME-claims.csv "
             "and NAME-conflicts.csv) or claimreview (schema.org JSON-LD).")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    pager: Annotated[bool, typer.Option(
        "--pager", help="Page the report on a terminal (in colour with LESS=-R).")] = False,
    publisher: PublisherOpt = None, review_url: ReviewUrlOpt = None,
) -> None:
    """Print the report: counts, conflicts most severe first, agreeing groups, each source.
    """
    from verify.report_data import gather_report

    given = given_filters(kind=kind, place=place, since=since, until=until, source=source,
                          attribution=attribution, outlet=outlet, type=type_,
                          severity=severity, sort=sort, limit=limit)
    db = ctx.find_root().obj.db
    if output is not None:
        from reports.export.write import check_target

        check_target(output, db)  # before the work: never over the store or any database
    with open_db(ctx) as store:  # claims are read as the report shows them: render inside
        data = gather_report(store, db, given)
        _write(data, fmt, output, pager, publisher, review_url, db)


def _write(data: ReportData, fmt: ReportFormat, output: Path | None, pager: bool,
           publisher: str | None, review_url: str | None, db: str) -> None:
    if fmt is ReportFormat.table and output is None:
        show(data, pager)
        return
    from reports.export.write import atomic_write, write_csv, write_format
    from reports.report import plain_report
    from verify.report_data import report_settings

    if fmt is ReportFormat.csv:
        for path in write_csv(data, output if output else sys.stdout, db):
            talk(f"Wrote {path}", "muted")
        return

    def write(out: IO[str]) -> None:
        if fmt is ReportFormat.table:
            out.write(plain_report(data))
            return
        desk = report_settings(db)
        write_format(data, fmt.value, out, publisher or desk.publisher,
                     desk.review_url if review_url is None else review_url)

    if output is None:
        write(sys.stdout)
    else:
        atomic_write(output, write, db)
        talk(f"Wrote {output}", "muted")


def show(data: ReportData, pager: bool = False) -> None:
    """Print the terminal report on stdout part by part as it is drawn (the first screen at
    once, however many conflicts), through a pager when asked and stdout is a terminal."""
    from reports.console import stdout_console
    from reports.pager import page
    from reports.report import Report, stream_report

    console = stdout_console()
    if pager and console.is_terminal and page(Report(data).parts(), console.width):
        return
    stream_report(console, data)


def print_report(store: Store, name: str) -> None:
    """Render the report of `store` to stdout; the demo prints the same."""
    from verify.report_data import gather_report

    show(gather_report(store, name))


def timeline(
    ctx: typer.Context,
    conflict: Annotated[str | None, typer.Argument(
        metavar="[CONFLICT]", help="Draw one conflict's claims (its id or first characters).")
    ] = None,
    kind: KindFilter = None, place: PlaceFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, source: SourceFilter = None,
    attribution: AttributionFilter = None, outlet: OutletFilter = None,
) -> None:
    """Draw figures against the day they stand at, intervals as ranges, ceasefire events as
    marks: one chart per group, or the claims of one conflict.
    """
    from claims.errors import UsageError
    from reports.console import stdout_console
    from reports.timeline import render_timeline
    from verify.report_data import gather_timeline

    given = given_filters(kind=kind, place=place, since=since, until=until, source=source,
                          attribution=attribution, outlet=outlet)
    if conflict is not None and given.active():
        raise UsageError("timeline: give a CONFLICT or filters, not both")
    with open_db(ctx) as store:
        groups = gather_timeline(store, given, conflict=conflict)
        if conflict is not None:
            title = f"conflict {store.get_conflict(conflict).id}"
        else:
            title = " · ".join((kind or "all kinds", place or "all places"))
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
    kind: KindFilter = None, place: PlaceFilter = None, since: SinceFilter = None,
    until: UntilFilter = None, source: SourceFilter = None,
    attribution: AttributionFilter = None, outlet: OutletFilter = None,
    type_: TypeFilter = None, severity: SeverityFilter = None, sort: ConflictSortOpt = None,
    limit: LimitFilter = None, publisher: PublisherOpt = None, review_url: ReviewUrlOpt = None,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="all: report.md, .html, .json, claimreview.jsonld and two CSVs; parquet: "
             "report-claims.parquet and report-conflicts.parquet (needs crosscheck[scale])."),
    ] = ExportFormat.all,
) -> None:
    """Write the report in every format into FOLDER (md, html, json, ClaimReview, CSVs) or as
    Parquet, or the hand work to a JSON-lines file with --hand-work.
    """
    from claims.errors import UsageError
    from reports.export.write import export_all
    from verify.handwork import write_hand_work
    from verify.report_data import gather_report, report_settings

    if folder is None and hand_work is None:
        raise UsageError("export: name a FOLDER for the report, or --hand-work FILE.jsonl")
    given = given_filters(kind=kind, place=place, since=since, until=until, source=source,
                          attribution=attribution, outlet=outlet, type=type_,
                          severity=severity, sort=sort, limit=limit)
    db = ctx.find_root().obj.db
    desk = report_settings(db)
    with open_db(ctx) as store:
        if hand_work is not None:
            talk(f"Wrote {write_hand_work(store, hand_work)} lines of hand work to {hand_work}")
        if folder is None:
            return
        data = gather_report(store, db, given)
        if fmt is ExportFormat.parquet:
            from reports.export.parquet import write_parquet
            from reports.export.write import make_folder

            make_folder(folder)
            written = write_parquet(data.claims.values(), data.conflicts, folder / "report")
        else:
            written = export_all(data, folder, publisher or desk.publisher,
                                 desk.review_url if review_url is None else review_url, db)
        for path in written:
            talk(f"Wrote {path}", "muted")
