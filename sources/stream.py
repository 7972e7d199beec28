"""Reading articles lazily: folders walked as they go, corpora (CSV, JSON lines) row by row,
`.gz` and `.zst` read directly, so memory stays flat however large the input."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.errors import SourceError, UsageError
from claims.model import Source
from sources.corpus import CORPUS_SUFFIXES, CorpusColumns, iter_corpus
from sources.corpus_read import inner_suffix
from sources.load import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES, read_source, walked_article


@dataclass
class Meter:
    """How far reading has got, in bytes of input as stored (compressed bytes for a .gz)."""

    done: int = 0
    total: int = 0  # 0: not counted
    files: int = 0  # article files, when counted (a corpus's rows are not counted ahead)
    corpora: int = 0  # corpus files, when counted


@dataclass(frozen=True)
class Article:
    """One source read, with the file it came from (a corpus holds many)."""

    path: Path
    source: Source
    skip: int | None = 0  # where its boilerplate search starts; None: its regions are marked
    at: int = 0  # bytes of input read once it was (Meter.done then): progress when it is stored


def is_corpus(path: Path) -> bool:
    return inner_suffix(path) in CORPUS_SUFFIXES


def _articles_in(folder: Path) -> Iterator[Path]:
    """Article files under a folder, walked lazily, in a stable order (names sorted)."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if walked_article(Path(name)):
                yield Path(root) / name


def check_paths(args: Sequence[str]) -> None:
    """Refuse an argument naming nothing before anything is read (the walk itself is lazy)."""
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            if next(_articles_in(path), None) is None:
                raise UsageError(f"{arg}: folder holds no articles (.txt, .md, .html)")
        elif not path.exists():
            if not glob.has_magic(arg):
                raise UsageError(f"{arg}: no such file or folder")
            if next((p for p in glob.iglob(arg, recursive=True) if Path(p).is_file()),
                    None) is None:
                raise UsageError(f"{arg}: pattern matches no file")


def walk_paths(args: Sequence[str]) -> Iterator[Path]:
    """The files the arguments name, lazily: files as given, folders walked, globs expanded;
    a file named twice (two arguments overlapping) once."""
    check_paths(args)
    seen: set[str] | None = set() if len(args) > 1 else None  # one argument cannot overlap

    def first(p: Path) -> bool:
        if seen is None:
            return True
        key = str(p.resolve())
        if key in seen:
            return False
        seen.add(key)
        return True

    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found: Iterable[Path] = _articles_in(path)
        elif path.exists():
            found = [path]
        else:
            found = (Path(p) for p in sorted(glob.glob(arg, recursive=True)) if Path(p).is_file())
        yield from (p for p in found if first(p))


MANIFEST_NAME = "manifest.csv"


def manifests_beside(paths: Iterable[Path]) -> tuple[dict[Path, dict[str, str]], list[Path]]:
    """The metadata of the `manifest.csv` in each article file's own folder, for an ingest given
    no --manifest (a folder of articles usually carries its manifest), and the manifests read."""
    from sources.meta import read_manifest

    rows: dict[Path, dict[str, str]] = {}
    read: list[Path] = []
    folders: set[Path] = set()
    for path in paths:
        if path.parent in folders or is_corpus(path):
            continue
        folders.add(path.parent)
        manifest = path.parent / MANIFEST_NAME
        if manifest.is_file():
            rows.update(read_manifest(manifest))
            read.append(manifest)
    return rows, read


def measure(args: Sequence[str]) -> Meter:
    """The input's size and number of article files, walked without reading (for a bar)."""
    meter = Meter()
    for path in walk_paths(args):
        try:
            meter.total += path.stat().st_size
        except OSError:
            continue
        corpus = is_corpus(path)
        meter.corpora += corpus
        meter.files += not corpus
    return meter


def read_articles(
    paths: Iterable[Path],
    rows: Mapping[Path, Mapping[str, str]] | None = None,
    encoding: str = "utf-8",
    corpus: CorpusColumns | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    meter: Meter | None = None,
) -> Iterator[Article]:
    """Each source of each file, as read (its boilerplate not yet marked: see Article.skip):
    an article file is one, a corpus one per row.
    `corpus` names a corpus's columns."""
    meter = meter or Meter()
    for path in paths:
        if is_corpus(path):
            if corpus is None:
                raise UsageError(f"{path}: a corpus file; name its text column with --text-column")
            base = meter.done
            for source, at in iter_corpus(path, corpus, encoding, max_bytes):
                meter.done = base + at
                yield Article(path, source, 0, meter.done)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            meta = rows.get(path.resolve()) if rows else None
            source, skip = read_source(path, meta, encoding, max_bytes)
            meter.done += _size(path)
            yield Article(path, source, skip, meter.done)
        else:
            raise SourceError(f"{path}: not an article file (.txt, .md, .html) or corpus "
                              "(.csv, .jsonl, .ndjson, also .gz or .zst)")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
