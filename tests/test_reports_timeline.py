"""The timeline: figures against publication date, intervals as ranges on one scale."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from claims.store import Store
from reports.console import THEME
from reports.timeline import bar, render_timeline
from tests.report_corpus import build
from verify.report_data import ReportFilters, gather_timeline


def test_bar_shapes() -> None:
    assert bar(5, 5, 10, 11) == "     ●"
    assert bar(2, 6, 10, 11) == "  ├───┤"
    assert bar(4, None, 10, 11) == "    ├─────▶"
    assert bar(None, 5, 10, 11) == "◀────┤"


def test_timeline_rows(store: Store) -> None:
    build(store)
    groups = gather_timeline(store, ReportFilters(kind="displaced"))
    console = Console(file=StringIO(), width=80, color_system=None, theme=THEME)
    console.print(render_timeline(groups, "Figures over time: displaced · Idlib"))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "Figures over time: displaced · Idlib"
    assert lines[2] == "displaced · people"
    assert lines[3].rstrip().endswith("750,000")  # a quarter past the largest figure
    assert lines[4].startswith("2019-08-06 Le Monde  more than 400")
    assert lines[4].rstrip().endswith("▶")
    assert "●" in lines[-1] and "600,000" in lines[-1]
    assert all(len(line) <= 80 for line in lines)


def test_empty_timeline() -> None:
    console = Console(file=StringIO(), width=80, color_system=None, theme=THEME)
    console.print(render_timeline([], "Figures over time"))
    assert "No figures with a publication date match." in console.file.getvalue()  # type: ignore[attr-defined]
