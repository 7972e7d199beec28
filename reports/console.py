"""Consoles and the one theme: stdout for data, stderr for talk."""

from __future__ import annotations

import os

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "kind": "bold cyan",
        "figure": "bold",
        "highlight": "bold yellow",
        "muted": "dim",
        "severity.high": "bold red",
        "severity.medium": "yellow",
        "severity.low": "green",
        "corroborated": "green",
        "error": "bold red",
        "ok": "green",
        "heading": "bold",
    }
)


def _plain() -> bool:
    """NO_COLOR asks for plain text: rich alone drops colours but keeps bold and dim."""
    return bool(os.environ.get("NO_COLOR"))


def stdout_console(width: int | None = None) -> Console:
    """The console for data: styled on a terminal, plain when piped or NO_COLOR is set."""
    if _plain():
        return Console(theme=THEME, width=width, highlight=False, color_system=None)
    return Console(theme=THEME, width=width, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    """The console for progress, warnings and errors."""
    if _plain():
        return Console(theme=THEME, stderr=True, highlight=False, color_system=None)
    return Console(theme=THEME, stderr=True, highlight=False)
