"""Writing a report in one of its formats, to a stream or a file, and every format at once."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import IO

from claims.errors import DataError
from claims.files import atomic_write, check_target, write_text
from reports.safe import json_text
from verify.report_data import ReportData

__all__ = ["atomic_write", "check_target", "export_all", "render_text", "write_csv",
           "write_format", "write_text"]
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


def write_format(data: ReportData, fmt: str, out: IO[str], publisher: str = "crosscheck",
                 base_url: str = "") -> None:
    """The report in `fmt` written to `out`; HTML a piece at a time as it is drawn (the first
    conflicts are on their way while the last are still read), the others whole."""
    if fmt == "html":
        from reports.export.html import html_parts

        for part in html_parts(data):
            out.write(part)
        return
    out.write(render_text(data, fmt, publisher, base_url))


def write_csv(data: ReportData, out: IO[str] | Path, protect: str | None = None) -> list[Path]:
    """CSV: on a stream, the conflicts table; to a path, NAME-claims.csv and NAME-conflicts.csv,
    each written whole or not at all."""
    import io

    from reports.export.csv import write_claims, write_conflicts, write_tables

    if not isinstance(out, Path):
        write_tables(data, io.StringIO(), out)
        return []
    paths = [out.with_name(f"{out.stem}-{part}.csv") for part in ("claims", "conflicts")]
    for path in paths:
        check_target(path, protect)
    atomic_write(paths[0], lambda fh: write_claims(data, fh), protect)
    atomic_write(paths[1], lambda fh: write_conflicts(data, fh), protect)
    return paths


def export_all(data: ReportData, folder: Path, publisher: str = "crosscheck",
               base_url: str = "", protect: str | None = None) -> list[Path]:
    """Every format into `folder`: report.md, .html, .json, claimreview.jsonld and two CSVs."""
    make_folder(folder)
    names = {"markdown": "report.md", "html": "report.html", "json": "report.json",
             "claimreview": "claimreview.jsonld"}
    written = []
    for fmt, name in names.items():
        atomic_write(folder / name, partial(write_format, data, fmt, publisher=publisher,
                                            base_url=base_url), protect)
        written.append(folder / name)
    return written + write_csv(data, folder / "report.csv", protect)


def make_folder(folder: Path) -> None:
    """The export folder, made if needed; one clear line when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"{folder}: cannot make the folder ({exc.strerror or exc})") from None


def _dumps(value: object) -> str:
    """JSON safe to print: see reports.safe.json_text."""
    return json_text(value) + "\n"
