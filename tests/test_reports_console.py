"""Consoles: NO_COLOR means plain text (no colour, bold or dim, even on a terminal), and the
report is written to a terminal part by part."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.console import Console
from rich.text import Text

from claims.store import Store
from reports.console import THEME, stdout_console
from reports.report import plain_report, stream_report
from tests.report_corpus import build
from verify.report_data import gather_report


def styled_output(monkeypatch: pytest.MonkeyPatch, no_color: str | None) -> str:
    monkeypatch.setenv("FORCE_COLOR", "1")  # behave as on a terminal
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    console = stdout_console(width=60)
    with console.capture() as captured:
        console.print(Text("killed", style="bold red"), Text("12", style="dim"))
    return captured.get()


def test_a_terminal_gets_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in styled_output(monkeypatch, None)


def test_no_color_gets_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    assert styled_output(monkeypatch, "1") == "killed 12\n"


def test_the_report_reaches_the_terminal_part_by_part(store: Store) -> None:
    """Each part is written as soon as it is drawn: the header before any panel is drawn."""
    build(store)
    data = gather_report(store, "t")
    writes: list[str] = []

    class Terminal(StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    console = Console(file=Terminal(), width=100, color_system=None, theme=THEME,
                      highlight=False, soft_wrap=False)
    stream_report(console, data)
    assert writes[0].startswith("crosscheck report  t\n") and "╭" not in writes[0]
    panels = [n for n, w in enumerate(writes) if w.startswith("╭")]
    assert len(panels) == len(data.conflicts) and panels[0] > 0
    assert "".join(writes) == plain_report(data, 100)  # the same report, only sooner
