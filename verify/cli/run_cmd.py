"""The pipeline's commands: demo and ingest."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from verify.cli.common import talk
from verify.cli.report_cmd import print_report

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
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Extract in N local processes "
                     "(default: one per core; 1: in this process)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="tcp://HOST:PORT", help="Extract on this Dask "
                     "cluster (pip install 'crosscheck[dask]'); the store is written here."),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Extract stored articles again (a newer "
                           "crosscheck); otherwise a stored article is skipped unread.")
    ] = False,
) -> None:
    """Store articles and the claims extracted from them; running it again adds nothing.

    Corpora (.csv, .jsonl, also .gz or .zst) are read row by row and stored a chunk at a time:
    an ingest stopped part-way keeps what it stored, and run again it goes on from there."""
    from sources.corpus import CorpusColumns
    from verify.cli.ingest_view import run_ingest

    corpus = None
    if text_column:
        corpus = CorpusColumns(text=text_column, title=title_column, outlet=outlet_column,
                               published=published_column, id=id_column, date_format=date_format)
    run_ingest(ctx, paths, manifest=manifest, encoding=encoding, corpus=corpus,
               aliases=aliases or [], places=places or [], max_bytes=int(max_size * 1_000_000),
               workers=workers, scheduler=scheduler, again=again)
