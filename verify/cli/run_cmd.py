"""The pipeline's commands: demo and ingest."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import open_db, talk
from verify.cli.report_cmd import print_report

if TYPE_CHECKING:
    from claims.store import Store
    from sources.corpus import CorpusColumns
    from verify.ingest import FileResult

PROGRESS_FROM = 10  # files: below this, the per-file lines are progress enough


def register(app: typer.Typer) -> None:
    """Add the pipeline's commands to the root app."""
    app.command()(demo)
    app.command()(ingest)


def demo() -> None:
    """Run the whole pipeline on the example corpus in a temporary store and print the report."""
    from claims.store import open_store
    from verify.demo import run_demo

    with (
        tempfile.TemporaryDirectory(prefix="crosscheck-demo-") as tmp,
        open_store(str(Path(tmp) / "demo.db")) as store,
    ):
        results = run_demo(store)
        talk(f"Ingested {len(results)} example articles into a temporary store.", "muted")
        print_report(store, "example corpus")


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders, globs, or corpus files (.csv, .jsonl)."
        ),
    ],
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="CSV of path,title,outlet,published,url,language."),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files.")] = "utf-8",
    text_column: Annotated[
        str | None, typer.Option(help="Corpus: the column of article text.")
    ] = None,
    title_column: Annotated[str | None, typer.Option(help="Corpus: the title column.")] = None,
    outlet_column: Annotated[str | None, typer.Option(help="Corpus: the outlet column.")] = None,
    published_column: Annotated[str | None, typer.Option(help="Corpus: the date column.")] = None,
    date_format: Annotated[
        str | None, typer.Option(help="Corpus: strptime format of dates, e.g. %m/%d/%y.")
    ] = None,
    id_column: Annotated[str | None, typer.Option(help="Corpus: a row id column.")] = None,
) -> None:
    """Store articles and the claims extracted from them; running it again adds nothing."""
    from sources import expand_paths
    from sources.corpus import CorpusColumns

    corpus = (
        CorpusColumns(
            text_column,
            title_column,
            outlet_column,
            published_column,
            None,
            None,
            id_column,
            date_format,
        )
        if text_column
        else None
    )
    files = expand_paths(paths)
    with open_db(ctx) as store:
        results = _run_ingest(store, files, manifest, encoding, corpus)
    _print_summary(results)


def _run_ingest(
    store: Store,
    files: list[Path],
    manifest: Path | None,
    encoding: str,
    corpus: CorpusColumns | None,
) -> list[FileResult]:
    """Ingest with a progress bar on a terminal when there are many files."""
    from rich.progress import Progress

    from reports.console import stderr_console
    from verify.ingest import ingest as run_ingest

    many = len(files) >= PROGRESS_FROM or corpus is not None
    with Progress(
        console=stderr_console(), transient=True, disable=not (many and sys.stderr.isatty())
    ) as progress:
        task = progress.add_task("Storing", total=None)
        return run_ingest(
            store,
            files,
            manifest,
            encoding,
            on_file=lambda _: progress.advance(task),
            corpus=corpus,
        )


def _print_summary(results: list[FileResult]) -> None:
    from reports.console import stdout_console
    from reports.summary import ingest_lines, ingest_totals

    console = stdout_console()
    for line in ingest_lines(results):
        console.print(line, soft_wrap=True)
    console.print(ingest_totals(results), soft_wrap=True)
