"""The pipeline's commands: demo and ingest."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from verify.cli.common import open_db, open_existing, talk
from verify.cli.report_cmd import print_report

if TYPE_CHECKING:
    from verify.ingest import FileResult

PROGRESS_FROM = 10  # files: below this, the per-file lines are progress enough
MAX_SIZE_MB = 20.0  # sources.load.MAX_ARTICLE_BYTES, here so `--help` need not load it


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
    aliases: Annotated[
        list[Path] | None,
        typer.Option("--aliases", help="A CSV of canonical,variant,type naming more bodies "
                     "(an aliases.csv beside the store is read too)."),
    ] = None,
    max_size: Annotated[
        float, typer.Option("--max-size", min=0.001, max=2000, metavar="MB",
                            help="The largest article read, in MB (a corpus: each row's text).")
    ] = MAX_SIZE_MB,
    places: Annotated[
        list[Path] | None,
        typer.Option("--places", help="A CSV of name,kind,parent,variants naming more places "
                     "(a places.csv beside the store is read too)."),
    ] = None,
) -> None:
    """Store articles and the claims extracted from them; running it again adds nothing."""
    from sources import expand_paths
    from sources.corpus import CorpusColumns
    from verify.ingest import prepare, store_prepared
    from verify.settings import import_beside, load_aliases, load_places

    corpus = None
    if text_column:
        corpus = CorpusColumns(text=text_column, title=title_column, outlet=outlet_column,
                               published=published_column, id=id_column, date_format=date_format)
    # everything is read and checked before anything is written: bad input leaves no trace;
    # the store's aliases are read first (a store opened once: see open_existing)
    store = open_existing(ctx)
    try:
        table = load_aliases(store if store is not None else ctx.find_root().obj.db,
                             aliases or [])
        gazetteer = load_places(ctx.find_root().obj.db, places or [])
        prepared = _with_progress("Reading", lambda step: prepare(
            expand_paths(paths), manifest, encoding, corpus, table, int(max_size * 1_000_000),
            gazetteer))
        if store is None:
            store = open_db(ctx, create=True)
            for line in import_beside(store):  # files beside a new store: into it, once
                talk(line[:1].upper() + line[1:], "muted")
        kept = store
        results = _with_progress("Storing", lambda step: store_prepared(
            kept, prepared, on_file=lambda _: step(), aliases=table, places=gazetteer),
            total=len(prepared))
    finally:
        if store is not None:
            store.close()
    _print_summary(results)


T = TypeVar("T")


def _with_progress(label: str, work: Callable[[Callable[[], None]], T], total: int = 0) -> T:
    """Run work with a transient progress bar on a terminal when there is much to do."""
    from rich.progress import Progress

    from reports.console import stderr_console

    shown = sys.stderr.isatty() and (total >= PROGRESS_FROM or not total)
    with Progress(console=stderr_console(), transient=True, disable=not shown) as progress:
        task = progress.add_task(label, total=total or None)
        return work(lambda: progress.advance(task))


def _print_summary(results: list[FileResult]) -> None:
    from reports.console import stdout_console
    from reports.summary import ingest_lines, ingest_totals

    console = stdout_console()
    for line in ingest_lines(results):
        console.print(line, soft_wrap=True)
    console.print(ingest_totals(results), soft_wrap=True)
