"""Machine-readable output: JSON arrays and CSV tables of records, on stdout and nothing else."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from reports.safe import clean


def write_json(records: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """A JSON array of the records, one document, UTF-8 kept readable."""
    json.dump(list(records), out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def write_csv(records: Sequence[dict[str, Any]], out: IO[str], columns: Sequence[str]) -> None:
    """The records as CSV with a header row; nested values as JSON text."""
    import pandas as pd  # heavy: only for CSV

    flat = [{k: _cell(r.get(k)) for k in columns} for r in records]
    pd.DataFrame(flat, columns=list(columns)).to_csv(out, index=False, lineterminator="\n")


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return clean(json.dumps(value, ensure_ascii=False, default=str))
    return clean(value) if isinstance(value, str) else value  # no escape codes reach a terminal
