"""Writing a report in one of its formats, to a stream or a file, and every format at once."""

from __future__ import annotations

import datetime as dt
import json as jsonlib
import re
from pathlib import Path
from typing import IO

from verify.report_data import ReportData

FORMATS = ("markdown", "html", "json", "csv", "claimreview")


def render_text(data: ReportData, fmt: str, publisher: str = "crosscheck",
                base_url: str = "", today: dt.date | None = None) -> str:
    """The report as text in `fmt` (every format but csv, which is two tables)."""
    from reports.export import claim_reviews, render_html, render_markdown, report_json

    if fmt == "markdown":
        return render_markdown(data)
    if fmt == "html":
        return render_html(data)
    if fmt == "json":
        return _dumps(report_json(data))
    if fmt == "claimreview":
        return _dumps(claim_reviews(data, publisher, base_url, today))
    raise ValueError(f"unknown report format {fmt!r}")


def write_csv(data: ReportData, out: IO[str] | Path) -> list[Path]:
    """CSV: on a stream, the conflicts table; to a path, NAME-claims.csv and NAME-conflicts.csv."""
    import io

    from reports.export.csv import write_tables

    if not isinstance(out, Path):
        write_tables(data, io.StringIO(), out)
        return []
    paths = [out.with_name(f"{out.stem}-{part}.csv") for part in ("claims", "conflicts")]
    with paths[0].open("w", encoding="utf-8") as a, paths[1].open("w", encoding="utf-8") as b:
        write_tables(data, a, b)
    return paths


def export_all(data: ReportData, folder: Path, publisher: str = "crosscheck",
               base_url: str = "") -> list[Path]:
    """Every format into `folder`: report.md, .html, .json, claimreview.jsonld and two CSVs."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {"markdown": "report.md", "html": "report.html", "json": "report.json",
             "claimreview": "claimreview.jsonld"}
    written = []
    for fmt, name in names.items():
        path = folder / name
        path.write_text(render_text(data, fmt, publisher, base_url), encoding="utf-8")
        written.append(path)
    return written + write_csv(data, folder / "report.csv")


_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _dumps(value: object) -> str:
    """JSON, readable UTF-8, but with every terminal-unsafe character as a \\u escape.

    json already escapes C0 controls (ESC included); C1, DEL and bidi overrides are escaped
    here, so the data stays exact (quotes still equal their spans) and safe to print."""
    text = jsonlib.dumps(value, ensure_ascii=False, indent=2, default=str)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
