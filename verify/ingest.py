"""Ingest: load article files, extract and check their claims, then store each source in one
transaction; an ingest stopped part-way says exactly what it kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.aliases import AliasTable
from claims.errors import (
    CrosscheckError,
    DataError,
    SourceError,
    StoppedError,
    StoreError,
    UsageError,
)
from claims.extract import extract_claims
from claims.model import Claim, Source
from claims.places import Gazetteer
from claims.store import IngestOutcome, Store
from sources import load_source, read_manifest
from sources.corpus import CORPUS_SUFFIXES, CorpusColumns, load_corpus
from sources.load import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES


@dataclass(frozen=True)
class FileResult:
    """What ingesting one source did; `path` is the file it came from (a corpus holds many)."""

    path: Path
    source: Source
    outcome: IngestOutcome
    claims: int


Prepared = list[tuple[Path, Source, list[Claim]]]


def _load(
    path: Path, rows: dict[Path, dict[str, str]], encoding: str, corpus: CorpusColumns | None,
    max_bytes: int,
) -> Iterator[Source]:
    suffix = path.suffix.lower()
    if suffix in CORPUS_SUFFIXES:
        if corpus is None:
            raise UsageError(f"{path}: a corpus file; name its text column with --text-column")
        yield from load_corpus(path, corpus, encoding, max_bytes)
    elif suffix in ARTICLE_SUFFIXES:
        yield load_source(path, rows.get(path.resolve()), encoding=encoding, max_bytes=max_bytes)
    else:
        raise SourceError(
            f"{path}: not an article file (.txt, .md, .html) or corpus (.csv, .jsonl)"
        )


def prepare(
    paths: Sequence[Path],
    manifest: Path | None = None,
    encoding: str = "utf-8",
    corpus: CorpusColumns | None = None,
    aliases: AliasTable | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    places: Gazetteer | None = None,
) -> Prepared:
    """Load, extract and check every file before anything is stored, so bad input stores
    nothing: a claim the store would refuse is refused here, naming its file."""
    try:
        rows = read_manifest(manifest) if manifest else {}
        prepared = [
            (path, source, extract_claims(source, aliases, places))
            for path in paths
            for source in _load(path, rows, encoding, corpus, max_bytes)
        ]
    except KeyboardInterrupt:
        raise StoppedError("interrupted while reading the articles, before anything was "
                           "stored; nothing changed") from None
    for path, source, claims in prepared:
        try:
            Store.check_storable(source, claims)
        except CrosscheckError as exc:
            raise DataError(f"{source.path or path}: {exc}") from None
    return prepared


def _with_stored_metadata(
    stored: Source | None, source: Source, claims: list[Claim], aliases: AliasTable | None,
    places: Gazetteer | None = None,
) -> tuple[Source, list[Claim]]:
    """A file ingested again without the metadata it had (no manifest this time) is read with
    the stored metadata: without its publication date its ceasefire dates cannot be resolved,
    and claims found the first time would look gone."""
    if stored is None:
        return source, claims
    missing = {k: getattr(stored, k) for k in ("title", "outlet", "url", "published", "language")
               if getattr(source, k) is None and getattr(stored, k) is not None}
    if not missing:
        return source, claims
    source = source.model_copy(update=missing)
    return source, extract_claims(source, aliases, places)


def ingest(
    store: Store,
    paths: Sequence[Path],
    manifest: Path | None = None,
    encoding: str = "utf-8",
    on_file: Callable[[FileResult], None] | None = None,
    corpus: CorpusColumns | None = None,
) -> list[FileResult]:
    """Ingest files into the store; re-ingesting a file adds nothing and touches no hand work."""
    return store_prepared(store, prepare(paths, manifest, encoding, corpus), on_file)


BATCH = 10  # sources stored per transaction: fewer commits, and a stop keeps whole batches


def store_prepared(
    store: Store,
    prepared: Prepared,
    on_file: Callable[[FileResult], None] | None = None,
    aliases: AliasTable | None = None,
    places: Gazetteer | None = None,
    batch: int | None = None,
) -> list[FileResult]:
    """Store what `prepare` read and checked, a batch of sources per transaction.

    Stopped part-way (Ctrl-C, a full disk, a lock held too long), every source stored so far
    stays stored, whole with its claims, and nothing of the rest: the error says how many and
    which was the last, and the same ingest run again stores the rest (stored ones are skipped).
    """
    results: list[FileResult] = []
    current: list[Source] = []
    batch = batch or BATCH
    try:
        for at in range(0, len(prepared), batch):
            part = prepared[at:at + batch]
            known = store.find_sources([source.id for _, source, _ in part])
            chunk = [(path, *_with_stored_metadata(known.get(source.id), source, claims,
                                                   aliases, places))
                     for path, source, claims in part]
            current = [source for _, source, _ in chunk]
            outcomes = store.save_sources([(source, claims) for _, source, claims in chunk])
            done = [FileResult(path, source, outcome, len(claims))
                    for (path, source, claims), outcome in zip(chunk, outcomes, strict=True)]
            results += done
            current = []
            for result in done:
                if on_file:
                    on_file(result)
    except KeyboardInterrupt:
        raise StoppedError(f"interrupted; {_kept(store, results, current, len(prepared))}"
                           ) from None
    except CrosscheckError as exc:
        why = getattr(exc, "why", None) or str(exc)
        raise StoreError(f"{store.db}: write failed ({why}); "
                         f"{_kept(store, results, current, len(prepared))}") from None
    return results


def _kept(store: Store, results: list[FileResult], current: list[Source], total: int) -> str:
    """What an ingest stopped part-way kept, exactly, and how to finish it."""
    done = [r.source.path or str(r.path) for r in results]
    try:  # stopped after its commit, before it was counted: it is stored
        if current and all(store.find_source(c.id) is not None for c in current):
            done += [c.path or c.id for c in current]
    except CrosscheckError:
        pass
    if not done:
        return f"none of the {total} sources was stored; nothing changed"
    return (f"the first {len(done)} of {total} sources are stored, each whole with its claims "
            f"(the last: {done[-1]}), the others not; run the same ingest again to store the "
            "rest (stored ones are skipped)")
