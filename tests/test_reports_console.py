"""NO_COLOR means plain text: no colour, and no bold or dim either, even on a terminal."""

from __future__ import annotations

import pytest
from rich.text import Text

from reports.console import stdout_console


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
