"""Corpora: many articles in one CSV or JSON-lines file, one source per row."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claims.errors import ManifestError, SourceError, UsageError
from claims.model import Source
from sources.boilerplate import find_boilerplate, find_control
from sources.load import decode

CORPUS_SUFFIXES = {".csv", ".jsonl", ".ndjson"}


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


def _rows(path: Path, raw: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row with its line number (CSV) or line (JSON lines)."""
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(raw.splitlines(keepends=True))
        for row in reader:
            yield reader.line_num, dict(row)
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
        if not isinstance(value, dict):
            raise SourceError(f"{path}:{number}: not a JSON object")
        yield number, value


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


def load_corpus(path: Path, columns: CorpusColumns, encoding: str = "utf-8") -> list[Source]:
    """One Source per row with text; the text is the cell exactly as decoded."""
    try:
        raw = decode(path.read_bytes(), path, encoding)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    sources: list[Source] = []
    for number, row in _rows(path, raw):
        if columns.text not in row:
            raise UsageError(f"--text-column: {path} has no column {columns.text!r}")
        text = str(row.get(columns.text) or "")
        if not text.strip():
            continue
        sources.append(_source(path, number, row, text, columns))
    if not sources:
        raise SourceError(f"{path}: no row has text in column {columns.text!r}")
    return sources


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
        regions=find_boilerplate(text, 0, cell(cols.language)) + find_control(text),
    )
