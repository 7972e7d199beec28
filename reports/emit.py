"""Machine-readable output: JSON arrays and CSV tables of records, on stdout and nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from reports.safe import json_text


def write_json(records: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """A JSON array of the records, one document, UTF-8 kept readable, no character a terminal
    acts on (C1 controls, bidi, invisible format characters are \\u escapes)."""
    out.write(json_text(list(records)) + "\n")


def write_csv(records: Sequence[dict[str, Any]], out: IO[str], columns: Sequence[str]) -> None:
    """The records as CSV with a header row; nested values as JSON text; no cell a formula."""
    from reports.export.csv import write_rows

    write_rows(records, columns, out)
