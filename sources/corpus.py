"""Corpora: many articles in one CSV or JSON-lines file (or a .gz or .zst of one), one source
per row, read row by row so memory stays flat."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from claims.errors import CrosscheckError, ManifestError, SourceError, UsageError
from claims.limits import check_texts
from claims.model import Source
from sources.corpus_read import Lines, inner_suffix
from sources.load import MAX_ARTICLE_BYTES, with_regions

CORPUS_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
MAX_CORPUS_BYTES = 4_000_000_000  # a file read whole (a hand-work import); corpora stream
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # "\ud800" in JSON: a lone surrogate?


@dataclass(frozen=True)
class CorpusColumns:
    """Which column holds what; only the text column is required."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    id: str | None = None
    date_format: str | None = None  # strptime format; ISO dates when None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's cell limit (128 KB by default) raised to the article limit, then put back."""
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _rows(path: Path, lines: Iterable[str],
          max_chars: int) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row with its line number (CSV) or line (JSON lines), read as the lines come."""
    if inner_suffix(path) == ".csv":
        reader = csv.DictReader(lines)
        try:
            with _field_limit(max_chars):
                for row in reader:
                    yield reader.line_num, dict(row)
        except csv.Error as exc:
            raise SourceError(f"{path}:{reader.line_num}: not a CSV row ({exc}; the limit for "
                              "one article is set with --max-size)") from None
        return
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, _json_row(path, number, line)


def _json_row(path: Path, number: int, line: str) -> dict[str, object]:
    where = f"{path}:{number}"
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{where}: not a JSON object ({exc.msg})") from None
    except RecursionError:
        raise SourceError(f"{where}: JSON nested too deeply to be an article row") from None
    except ValueError:  # an integer of thousands of digits
        raise SourceError(f"{where}: a number too long to read (over 4,300 digits)") from None
    if not isinstance(value, dict):
        raise SourceError(f"{where}: not a JSON object")
    if _SURROGATE_ESCAPE.search(line):
        try:
            check_texts(value, where)
        except CrosscheckError as exc:
            raise SourceError(str(exc)) from None
    return value


def _date(value: str, fmt: str | None, where: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        if fmt:
            return dt.datetime.strptime(value.strip(), fmt).date()
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        wanted = fmt or "YYYY-MM-DD"
        raise ManifestError(f"{where}: date {value!r} does not match {wanted}") from None


def load_corpus(path: Path, columns: CorpusColumns, encoding: str = "utf-8",
                max_bytes: int = MAX_ARTICLE_BYTES) -> list[Source]:
    """One Source per row with text; the text is the cell exactly as decoded."""
    return [with_regions(source) for source, _ in iter_corpus(path, columns, encoding, max_bytes)]


def iter_corpus(path: Path, columns: CorpusColumns, encoding: str = "utf-8",
                max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[tuple[Source, int]]:
    """Each row with text as a Source, read lazily (a .gz or .zst decompressed as it goes),
    with how many bytes of the file are read so far. Its boilerplate is not marked yet (an
    ingest skips a stored row on its hash alone): sources.load.with_regions marks it."""
    lines = Lines(path, encoding)
    found = False
    for number, row in _rows(path, lines, max_bytes):
        if columns.text not in row:
            raise UsageError(f"--text-column: {path} has no column {columns.text!r}")
        cell = row.get(columns.text)
        text = "" if cell is None or isinstance(cell, dict | list) else str(cell)
        if not text.strip():
            continue
        if len(text) > max_bytes:
            raise SourceError(f"{path}:{number}: an article of {len(text):,} characters, above "
                              f"the limit of {max_bytes / 1e6:g} MB (--max-size MB raises it)")
        found = True
        yield _source(path, number, row, text, columns), lines.done
    if not found:
        raise SourceError(f"{path}: no row has text in column {columns.text!r}")


def _source(
    path: Path, number: int, row: dict[str, object], text: str, cols: CorpusColumns
) -> Source:
    def cell(name: str | None) -> str | None:
        value = row.get(name) if name else None
        return str(value).strip() or None if value not in (None, "") else None

    where = f"{path}:{number}"
    published = _date(cell(cols.published) or "", cols.date_format, where)
    label = f"{path}#{cell(cols.id) or number}"
    return Source(
        id=Source.id_for(text),
        path=label,
        title=cell(cols.title),
        outlet=cell(cols.outlet),
        published=published,
        url=cell(cols.url),
        language=cell(cols.language),
        text=text,
    )
