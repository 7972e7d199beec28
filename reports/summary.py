"""One-line summaries of what an ingest did."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from reports.safe import safe_text

if TYPE_CHECKING:
    from verify.ingest import FileResult


def ingest_line(result: FileResult) -> Text:
    """`added  path  id  N claims` or `unchanged  path  id  already stored`."""
    o = result.outcome
    if o.new_source:
        status, detail = ("added", "ok"), f"{o.added} claims"
    elif o.added or o.dropped:
        status = ("updated", "ok")
        detail = f"already stored; {o.added} new claims, {o.dropped} no longer found"
    else:
        status, detail = (
            ("unchanged", "muted"),
            f"already stored with its {o.kept} claims; nothing added",
        )
    line = Text.assemble(
        (f"{status[0]:<10}", status[1]),
        safe_text(result.source.path or result.path),
        "  ",
        (result.source.id[:8], "muted"),
        "  ",
        detail,
    )
    if result.source.published is None:
        line.append("  (no publication date: only claims that give their own dates can be "
                    "cross-checked)", "highlight")
    return line


def ingest_lines(results: Sequence[FileResult]) -> list[Text]:
    """A line per article file; a corpus file gets one line for all its rows."""
    by_file: dict[str, list[FileResult]] = {}
    for result in results:
        by_file.setdefault(str(result.path), []).append(result)
    lines = []
    for path, group in by_file.items():
        if len(group) == 1 and group[0].source.path == path:
            lines.append(ingest_line(group[0]))
        else:
            lines.append(_corpus_line(path, group))
    return lines


def _corpus_line(path: str, group: Sequence[FileResult]) -> Text:
    new = sum(1 for r in group if r.outcome.new_source)
    added = sum(r.outcome.added for r in group)
    status = ("added", "ok") if new or added else ("unchanged", "muted")
    detail = (
        f"{len(group)} rows: {new} new sources, {added} claims added"
        if new or added
        else f"{len(group)} rows, all already stored; nothing added"
    )
    return Text.assemble((f"{status[0]:<10}", status[1]), safe_text(path), "  ", detail)


def ingest_totals(results: Sequence[FileResult]) -> Text:
    """The closing line: how many files, new sources and claims added."""
    new = sum(1 for r in results if r.outcome.new_source)
    added = sum(r.outcome.added for r in results)
    if not new and not added:
        return Text(f"{len(results)} sources: nothing new, all already stored.", style="muted")
    return Text(f"{len(results)} sources: {new} new, {added} claims added.", style="ok")
