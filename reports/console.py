"""Consoles and the one theme: stdout for data, stderr for talk."""

from __future__ import annotations

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


def stdout_console(width: int | None = None) -> Console:
    """The console for data; rich honours NO_COLOR and a non-terminal stdout."""
    return Console(theme=THEME, width=width, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    """The console for progress, warnings and errors."""
    return Console(theme=THEME, stderr=True, highlight=False)
