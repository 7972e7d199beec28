"""Ingest: articles read lazily, known ones recognised by their hash and skipped before any
extraction, the rest extracted (here, in local processes or on a Dask cluster) and stored a
chunk of sources per transaction by one writer. Memory stays flat however large the corpus;
an ingest stopped part-way keeps every chunk it stored and says exactly what, and the same
ingest run again stores the rest."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claims.aliases import AliasTable
from claims.errors import CrosscheckError, DataError, StoppedError, StoreError, WriteError
from claims.model import Claim, Source
from claims.places import Gazetteer
from claims.store import IngestOutcome, Store
from claims.store_write import SOURCE_METADATA, SourceFacts
from sources import read_manifest
from sources.corpus import CorpusColumns
from sources.load import MAX_ARTICLE_BYTES
from sources.stream import Article, Meter, is_corpus, manifests_beside, read_articles
from verify.workers import InProcess, Pending, Runner


@dataclass(frozen=True)
class FileResult:
    """What ingesting one source did; `path` is the file it came from (a corpus holds many)."""

    path: Path
    source: Source
    outcome: IngestOutcome
    claims: int
    read_to: int = 0  # bytes of the input read up to this source: how far an ingest has got


@dataclass
class IngestSummary:
    """What an ingest did, in counts: every source seen, and where the time went."""

    sources: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored, nothing added: found by hash, most never re-read
    added: int = 0
    dropped: int = 0
    skipped: int = 0  # of the unchanged, those skipped before extraction
    last: str | None = None
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("read", "extract", "store"), 0.0))

    def count(self, result: FileResult) -> None:
        o = result.outcome
        self.sources += 1
        self.new += o.new_source
        self.updated += bool(not o.new_source and (o.added or o.dropped))
        self.unchanged += bool(not o.new_source and not o.added and not o.dropped)
        self.added += o.added
        self.dropped += o.dropped
        self.last = result.source.path or str(result.path)


BATCH = 500  # the most sources stored per transaction: a stop keeps whole chunks
FIRST = 10  # the first chunk: a small ingest is one transaction, a large one shows work soon


@dataclass
class _Chunk:
    """A chunk of articles read: what is stored of each (None: known, skipped), the stored
    facts of those known, and the extraction under way."""

    articles: list[Article]
    plan: list[Source | None]
    facts: dict[str, SourceFacts]
    pending: Pending | None = None


class _Slot:
    """The store an ingest writes to; a new one is opened when the first chunk is ready, so
    bad input in it leaves no store behind."""

    def __init__(self, store: Store | None, opener: Callable[[], Store] | None) -> None:
        self.store, self.opener = store, opener
        self.saving: list[Article] = []  # the chunk being stored, until it is counted
        self.base = 0  # sources counted before it

    def facts(self, ids: Sequence[str]) -> dict[str, SourceFacts]:
        return self.store.source_facts(ids) if self.store is not None else {}

    def get(self) -> Store:
        if self.store is None:
            assert self.opener is not None, "an ingest needs a store or a way to open one"
            self.store = self.opener()
        return self.store


def ingest(
    store: Store,
    paths: Sequence[Path],
    manifest: Path | None = None,
    encoding: str = "utf-8",
    on_file: Callable[[FileResult], None] | None = None,
    corpus: CorpusColumns | None = None,
) -> list[FileResult]:
    """Ingest files into the store in this process; re-ingesting a file adds nothing and
    touches no hand work. The results of every source (for a few files; a large corpus goes
    through `ingest_articles`, which keeps none)."""
    results: list[FileResult] = []

    def keep(result: FileResult) -> None:
        results.append(result)
        if on_file:
            on_file(result)

    rows = read_manifest(manifest) if manifest else manifests_beside(paths)[0]
    articles = read_articles(paths, rows, encoding, corpus)
    total = None if any(is_corpus(p) for p in paths) else len(paths)
    ingest_articles(store, articles, on_file=keep, total=total)
    return results


def ingest_articles(
    store: Store | None,
    articles: Iterable[Article],
    *,
    opener: Callable[[], Store] | None = None,
    aliases: AliasTable | None = None,
    places: Gazetteer | None = None,
    runner: Runner | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    total: int | None = None,
    again: bool = False,
    batch: int | None = None,
) -> IngestSummary:
    """Store the articles and their claims, a chunk per transaction, in the order read.

    A stored article (same text, so same id) bringing no metadata the store lacks is skipped
    before extraction, unless `again` (re-extract them: a newer extractor). Stopped part-way
    (Ctrl-C, a full disk, bad input further on), every chunk stored stays stored, whole, and
    the error says how many sources and which was the last."""
    summary = IngestSummary()
    slot = _Slot(store, opener)
    runner = runner or InProcess(aliases, places)
    out: deque[_Chunk] = deque()
    try:
        try:
            for articles_read in _timed(_chunks(articles, batch or BATCH), summary, "read"):
                out.append(_plan(articles_read, slot, runner, again))
                while len(out) > runner.depth:
                    _store(out.popleft(), slot, summary, on_file)
        except CrosscheckError as exc:
            if isinstance(exc, StoreError):
                raise
            while out:  # what was read well before the bad input is stored: nothing lost
                _store(out.popleft(), slot, summary, on_file)
            if summary.sources:
                exc.args = (f"{exc}; {_kept(slot, summary, total, bad_input=True)}",)
            raise exc from None
        while out:
            _store(out.popleft(), slot, summary, on_file)
    except KeyboardInterrupt:
        raise StoppedError(f"interrupted; {_kept(slot, summary, total)}") from None
    except WriteError as exc:
        why = getattr(exc, "why", None) or str(exc)
        db = slot.store.db if slot.store is not None else "the store"
        raise StoreError(f"{db}: write failed ({why}); {_kept(slot, summary, total)}") from None
    finally:
        runner.close()
    return summary


def _timed(items: Iterator[list[Article]], summary: IngestSummary,
           what: str) -> Iterator[list[Article]]:
    """The items, with the time spent producing them added to the summary."""
    while True:
        start = time.perf_counter()
        item = next(items, None)
        summary.seconds[what] += time.perf_counter() - start
        if item is None:
            return
        yield item


def _chunks(articles: Iterable[Article], batch: int) -> Iterator[list[Article]]:
    """Articles in chunks growing from FIRST to `batch`."""
    size, chunk = min(FIRST, batch), []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk, size = [], min(size * 2, batch)
    if chunk:
        yield chunk


def _plan(articles: list[Article], slot: _Slot, runner: Runner, again: bool) -> _Chunk:
    """Which articles are known (one read for the chunk), and the extraction of the rest sent
    off; a known article read without metadata it had is extracted with the stored metadata
    (without its publication date, its ceasefire dates could not be resolved)."""
    facts = slot.facts([a.source.id for a in articles])
    plan: list[Source | None] = []
    for article in articles:
        source, known = article.source, facts.get(article.source.id)
        if known is None:
            plan.append(source)
            continue
        brings = any(getattr(source, k) is not None and known.metadata[k] is None
                     for k in SOURCE_METADATA)
        if not brings and not again:
            plan.append(None)
            continue
        missing = {k: v for k, v in known.metadata.items()
                   if getattr(source, k) is None and v is not None}
        plan.append(source.model_copy(update=missing) if missing else source)
    todo = [(s, a.skip) for s, a in zip(plan, articles, strict=True) if s is not None]
    return _Chunk(articles, plan, facts, runner.submit(todo) if todo else None)


def _store(chunk: _Chunk, slot: _Slot, summary: IngestSummary,
           on_file: Callable[[FileResult], None] | None) -> None:
    """Store a chunk in one transaction; count it and report each source, in order."""
    start = time.perf_counter()
    found = chunk.pending.result() if chunk.pending is not None else []
    summary.seconds["extract"] += time.perf_counter() - start
    todo = [(s, a) for s, a in zip(chunk.plan, chunk.articles, strict=True) if s is not None]
    batch: list[tuple[Source, list[Claim]]] = []
    places: dict[str, str | None] = {}
    for (source, article), (regions, claims, place) in zip(todo, found, strict=True):
        source = source.model_copy(update={"regions": regions})
        places[source.id] = place
        try:
            Store.check_storable(source, claims)
        except CrosscheckError as exc:
            raise DataError(f"{source.path or article.path}: {exc}") from None
        batch.append((source, claims))
    start = time.perf_counter()
    slot.saving, slot.base = chunk.articles, summary.sources
    outcomes = iter(slot.get().save_sources(batch, places=places) if batch else [])
    summary.seconds["store"] += time.perf_counter() - start
    stored = iter(source for source, _ in batch)
    for article, planned in zip(chunk.articles, chunk.plan, strict=True):
        if planned is None:
            known = chunk.facts[article.source.id]
            outcome = IngestOutcome(article.source.id, False, 0, known.claims, 0)
            summary.skipped += 1
            result = FileResult(article.path, article.source, outcome, known.claims, article.at)
        else:
            outcome = next(outcomes)
            result = FileResult(article.path, next(stored), outcome,
                                outcome.added + outcome.kept, article.at)
        summary.count(result)
        if on_file:
            on_file(result)
    slot.saving = []


def _kept(slot: _Slot, summary: IngestSummary, total: int | None,
          bad_input: bool = False) -> str:
    """What an ingest stopped part-way kept, exactly, and how to finish it (after bad input:
    once the input named is fixed or left out)."""
    done, last = summary.sources, summary.last
    try:  # stopped after its commit, before all of it was counted: it is stored
        chunk = slot.saving
        if chunk and slot.store is not None and len(slot.facts(
                [a.source.id for a in chunk])) == len({a.source.id for a in chunk}):
            done, last = slot.base + len(chunk), chunk[-1].source.path or str(chunk[-1].path)
    except CrosscheckError:
        pass
    of = f" of {total}" if total else ""
    if not done:
        return (f"none of the {total} sources was stored; nothing changed" if total
                else "no source was stored; nothing changed")
    then = "fix or leave out that input, then run" if bad_input else "run"
    return (f"the first {done}{of} sources are stored, each whole with its claims "
            f"(the last: {last}), the others not; {then} the same ingest again to store the "
            "rest (stored ones are skipped)")


def input_meter(paths: Sequence[str]) -> Meter:
    """The size of the input, walked without reading it (for a progress bar)."""
    from sources.stream import measure

    return measure(paths)


__all__ = ["BATCH", "FileResult", "IngestSummary", "MAX_ARTICLE_BYTES", "ingest",
           "ingest_articles"]
