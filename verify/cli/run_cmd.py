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

    with tempfile.TemporaryDirectory(prefix="crosscheck-demo-") as tmp:
        with open_store(str(Path(tmp) / "demo.db")) as store:
            results = run_demo(store)
            talk(f"Ingested {len(results)} example articles into a temporary store.", "muted")
            print_report(store, "example corpus")


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt, .md, .html), folders or globs.")],
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="CSV of path,title,outlet,published,url,language."),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the files.")] = "utf-8",
) -> None:
    """Store articles and the claims extracted from them; running it again adds nothing."""
    from sources import expand_paths
    from verify.ingest import ingest as run_ingest

    files = expand_paths(paths)
    with open_db(ctx) as store:
        if len(files) >= PROGRESS_FROM and sys.stderr.isatty():
            results = _with_progress(store, files, manifest, encoding)
        else:
            results = run_ingest(store, files, manifest, encoding, on_file=_summary)
    _totals(results)


def _with_progress(
    store: Store, files: list[Path], manifest: Path | None, encoding: str
) -> list[FileResult]:
    from rich.progress import Progress

    from reports.console import stderr_console
    from verify.ingest import ingest as run_ingest

    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("Ingesting", total=len(files))

        def step(result: FileResult) -> None:
            _summary(result)
            progress.advance(task)

        return run_ingest(store, files, manifest, encoding, on_file=step)


def _summary(result: FileResult) -> None:
    from reports.console import stdout_console
    from reports.summary import ingest_line

    stdout_console().print(ingest_line(result), soft_wrap=True)


def _totals(results: list[FileResult]) -> None:
    from reports.console import stdout_console
    from reports.summary import ingest_totals

    stdout_console().print(ingest_totals(results), soft_wrap=True)
