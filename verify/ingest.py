"""Ingest: load article files, extract their claims, and store each file in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.errors import SourceError
from claims.extract import extract_claims
from claims.model import Claim, Source
from claims.store import IngestOutcome, Store
from sources import load_source, read_manifest
from sources.load import ARTICLE_SUFFIXES


@dataclass(frozen=True)
class FileResult:
    """What ingesting one file did, for the one-line summary."""

    path: Path
    source: Source
    outcome: IngestOutcome
    claims: int


def prepare(
    paths: Sequence[Path], manifest: Path | None = None, encoding: str = "utf-8"
) -> list[tuple[Path, Source, list[Claim]]]:
    """Load and extract every file before anything is stored, so bad input stores nothing."""
    rows = read_manifest(manifest) if manifest else {}
    prepared = []
    for path in paths:
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            raise SourceError(f"{path}: not an article file (.txt, .md, .html)")
        source = load_source(path, rows.get(path.resolve()), encoding=encoding)
        prepared.append((path, source, extract_claims(source)))
    return prepared


def ingest(
    store: Store,
    paths: Sequence[Path],
    manifest: Path | None = None,
    encoding: str = "utf-8",
    on_file: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Ingest files into the store; re-ingesting a file adds nothing and touches no hand work."""
    results = []
    for path, source, claims in prepare(paths, manifest, encoding):
        result = FileResult(path, source, store.save_source(source, claims), len(claims))
        results.append(result)
        if on_file:
            on_file(result)
    return results
