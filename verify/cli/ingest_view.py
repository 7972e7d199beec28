"""The ingest command's work and what it shows: a progress bar on stderr (articles/s and an
ETA, only on a terminal), a line per article file as it is stored, one per corpus file, and
a summary line at the end."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from verify.cli.common import open_db, open_existing, talk

if TYPE_CHECKING:
    from rich.text import Text

    from claims.store import Store
    from sources.corpus import CorpusColumns
    from sources.stream import Meter
    from verify.ingest import FileResult, IngestSummary

PROGRESS_FROM = 10  # articles: below this, the per-file lines are progress enough


def run_ingest(ctx: typer.Context, paths: Sequence[str], *, manifest: Path | None,
               encoding: str, corpus: CorpusColumns | None, aliases: list[Path],
               places: list[Path], max_bytes: int, workers: int | None,
               scheduler: str | None, again: bool) -> None:
    """Ingest as the command asked; the store is opened once (a new one only when the first
    chunk is read and checked: bad input in it leaves no store file)."""
    from sources import read_manifest
    from sources.stream import manifests_beside, measure, read_articles, walk_paths
    from verify.ingest import ingest_articles
    from verify.settings import load_aliases, load_places
    from verify.workers import deferred

    store = open_existing(ctx)
    opened: list[Store] = [store] if store is not None else []
    lines = _Lines()
    started = time.perf_counter()

    def opener() -> Store:
        opened.append(_open_new(ctx))
        return opened[-1]

    try:
        table = load_aliases(store if store is not None else ctx.find_root().obj.db, aliases)
        gazetteer = load_places(ctx.find_root().obj.db, places)
        if manifest:
            rows = read_manifest(manifest)
        else:
            rows, beside = manifests_beside(walk_paths(paths))
            for found in beside:
                talk(f"Metadata from {found} (no --manifest given)", "muted")
        meter = measure(paths)
        corpora = meter.corpora > 0
        articles = read_articles(walk_paths(paths), rows, encoding, corpus, max_bytes, meter)
        with _progress(meter, corpora) as step:
            def on_file(result: FileResult) -> None:
                lines.add(result)
                step(result.read_to)

            summary = ingest_articles(
                store, articles, opener=opener, aliases=table,
                places=gazetteer, runner=deferred(workers, scheduler, table, gazetteer),
                on_file=on_file, again=again,
                total=None if corpora else meter.files)
    finally:
        lines.flush()
        lines.drain()
        for each in opened:
            each.close()
    _summary(summary, meter.total, time.perf_counter() - started)


def _open_new(ctx: typer.Context) -> Store:
    from verify.settings import import_beside

    store = open_db(ctx, create=True)
    for line in import_beside(store):  # files beside a new store: into it, once
        talk(line[:1].upper() + line[1:], "muted")
    return store


class _Lines:
    """A line per article file as it is stored; a corpus file's rows counted, its one line
    printed when the next file starts (or at the end)."""

    def __init__(self) -> None:
        from reports.console import stdout_console

        self.console = stdout_console()
        self.corpus: tuple[str, int, int, int] | None = None  # path, rows, new, claims added
        self.waiting: list[Text] = []  # printed a hundred at a time: rich costs ~1 ms a call

    def _print(self, line: Text) -> None:
        self.waiting.append(line)
        if len(self.waiting) >= 100:
            self.drain()

    def drain(self) -> None:
        from rich.text import Text

        if self.waiting:
            self.console.print(Text("\n").join(self.waiting), soft_wrap=True)
            self.waiting = []

    def add(self, result: FileResult) -> None:
        from reports.summary import ingest_line

        path = str(result.path)
        if result.source.path == path:
            self.flush()
            self._print(ingest_line(result))
            return
        if self.corpus is not None and self.corpus[0] != path:
            self.flush()
        _, rows, new, added = self.corpus or (path, 0, 0, 0)
        self.corpus = (path, rows + 1, new + result.outcome.new_source,
                       added + result.outcome.added)

    def flush(self) -> None:
        """Print the corpus line under way, if any."""
        if self.corpus is None:
            return
        from reports.safe import safe_text

        path, rows, new, added = self.corpus
        self.corpus = None
        if new or added:
            status, style = "added", "ok"
            detail = f"{rows} rows: {new} new sources, {added} claims added"
        else:
            status, style = "unchanged", "muted"
            detail = f"{rows} rows, all already stored; nothing added"
        line = safe_text(f"{status:<10}", style=style)
        line.append_text(safe_text(path))
        line.append(f"  {detail}")
        self._print(line)


@contextmanager
def _progress(meter: Meter, corpora: bool) -> Iterator[Callable[[int], None]]:
    """A transient bar on stderr when it is a terminal and there is much to do: input read
    (bytes, for the ETA), articles and articles/s."""
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from reports.console import stderr_console

    shown = sys.stderr.isatty() and (corpora or meter.files >= PROGRESS_FROM)
    columns = (TextColumn("Ingesting"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
               TextColumn("{task.fields[articles]:,} articles, {task.fields[rate]} /s"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=stderr_console(), transient=True, disable=not shown,
                  redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task("ingest", total=meter.total or None, articles=0, rate="-")
        start, count = time.perf_counter(), [0]

        def advance(read_to: int) -> None:
            count[0] += 1
            if count[0] % 20 and read_to < meter.total:
                return  # redrawing per article would cost more than small articles do
            rate = count[0] / max(time.perf_counter() - start, 1e-6)
            progress.update(task, completed=read_to, articles=count[0], rate=f"{rate:,.0f}")

        yield advance


def _summary(summary: IngestSummary, size: int, seconds: float) -> None:
    """The closing line on stdout; the speed on stderr."""
    from reports.console import stdout_console
    from reports.safe import safe_text

    s = summary
    if not s.new and not s.added:
        line = safe_text(f"{s.sources} sources: nothing new, all already stored.", style="muted")
    else:
        already = f", {s.unchanged} already stored" if s.unchanged else ""
        line = safe_text(f"{s.sources} sources: {s.new} new, {s.added} claims added{already}.",
                         style="ok")
    stdout_console().print(line, soft_wrap=True)
    if sys.stderr.isatty() and s.sources >= PROGRESS_FROM:
        talk(f"{size / 1e6:.1f} MB in {seconds:.1f} s: {s.sources / max(seconds, 1e-6):,.0f} "
             f"articles/s, {size / 1e6 / max(seconds, 1e-6):.2f} MB/s ({s.skipped:,} known "
             "articles skipped unread).", "muted")
