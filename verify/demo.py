"""The demo: the whole pipeline on the example corpus shipped with the project."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from claims.errors import CrosscheckError
from claims.store import Store
from verify.check import cross_check
from verify.ingest import FileResult, ingest


def example_corpus() -> Path:
    """The folder of the example articles and their manifest, as installed."""
    folder = Path(str(files("verify.examples")))
    if not (folder / "manifest.csv").is_file():
        raise CrosscheckError(f"{folder}: the example corpus is missing from this install")
    return folder


def run_demo(store: Store) -> list[FileResult]:
    """Ingest the example corpus into `store` and cross-check it."""
    folder = example_corpus()
    articles = sorted(p for p in folder.iterdir() if p.suffix in {".md", ".txt", ".html"})
    results = ingest(store, articles, manifest=folder / "manifest.csv")
    cross_check(store)
    return results
