"""Ingest: load article files, extract their claims, and store each source in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.aliases import AliasTable
from claims.errors import SourceError, UsageError
from claims.extract import extract_claims
from claims.model import Claim, Source
from claims.places import Gazetteer
from claims.store import IngestOutcome, Store
from sources import load_source, read_manifest
from sources.corpus import CORPUS_SUFFIXES, CorpusColumns, load_corpus
from sources.load import ARTICLE_SUFFIXES


@dataclass(frozen=True)
class FileResult:
    """What ingesting one source did; `path` is the file it came from (a corpus holds many)."""

    path: Path
    source: Source
    outcome: IngestOutcome
    claims: int


Prepared = list[tuple[Path, Source, list[Claim]]]


def _load(
    path: Path, rows: dict[Path, dict[str, str]], encoding: str, corpus: CorpusColumns | None
) -> Iterator[Source]:
    suffix = path.suffix.lower()
    if suffix in CORPUS_SUFFIXES:
        if corpus is None:
            raise UsageError(f"{path}: a corpus file; name its text column with --text-column")
        yield from load_corpus(path, corpus, encoding)
    elif suffix in ARTICLE_SUFFIXES:
        yield load_source(path, rows.get(path.resolve()), encoding=encoding)
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
    places: Gazetteer | None = None,
) -> Prepared:
    """Load and extract every file before anything is stored, so bad input stores nothing."""
    rows = read_manifest(manifest) if manifest else {}
    return [
        (path, source, extract_claims(source, aliases, places))
        for path in paths
        for source in _load(path, rows, encoding, corpus)
    ]


def _with_stored_metadata(
    store: Store, source: Source, claims: list[Claim], aliases: AliasTable | None,
    places: Gazetteer | None = None,
) -> tuple[Source, list[Claim]]:
    """A file ingested again without the metadata it had (no manifest this time) is read with
    the stored metadata: without its publication date its ceasefire dates cannot be resolved,
    and claims found the first time would look gone."""
    stored = store.find_source(source.id)
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



def store_prepared(
    store: Store,
    prepared: Prepared,
    on_file: Callable[[FileResult], None] | None = None,
    aliases: AliasTable | None = None,
    places: Gazetteer | None = None,
) -> list[FileResult]:
    """Store what `prepare` read, one transaction per source."""
    results = []
    for path, source, claims in prepared:
        source, claims = _with_stored_metadata(store, source, claims, aliases, places)
        result = FileResult(path, source, store.save_source(source, claims), len(claims))
        results.append(result)
        if on_file:
            on_file(result)
    return results
