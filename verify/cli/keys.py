"""Keys from a terminal, none lost: the terminal stays in cbreak mode for the whole review.

Switching modes for each read discards what was typed meanwhile (`tty.setraw` flushes input)
and echoes keys typed while the screen redraws. Here the mode is set once, input is never
flushed, lines are edited and echoed by us, and the terminal is restored on exit or Ctrl-C.
"""

from __future__ import annotations

import os
import select
import sys
import termios
import tty
from types import TracebackType
from typing import IO, Any

ERASE = {"\x7f", "\x08"}
ENTER = {"\r", "\n"}
EOF_KEY = "\x04"  # Ctrl-D


class Keys:
    """The terminal on `stream`, in cbreak mode while the `with` block runs (Ctrl-C still
    interrupts); one key or one line at a time."""

    def __init__(self, stream: IO[str] | None = None, echo: IO[str] | None = None) -> None:
        self.fd = (stream or sys.stdin).fileno()
        self.echo = echo or sys.stdout
        self._saved: list[Any] | None = None

    def __enter__(self) -> Keys:
        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSANOW)  # TCSANOW: keys typed ahead are kept
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def _byte(self) -> bytes:
        return os.read(self.fd, 1)

    def key(self) -> str | None:
        """One key as text (a UTF-8 character read whole; an escape sequence, as of an arrow
        key, is read and given as ""); None at Ctrl-D or the end of input."""
        first = self._byte()
        if not first or first == EOF_KEY.encode():
            return None
        if first == b"\x1b":
            self._sequence()
            return ""
        more = _continuation(first[0])
        raw = first + b"".join(self._byte() for _ in range(more))
        return raw.decode("utf-8", "surrogateescape")

    def _sequence(self) -> None:
        """Read the rest of an escape sequence (ESC [ 1 ; 5 A, ESC O P), and no key after it."""
        if not select.select([self.fd], [], [], 0.05)[0]:
            return  # Escape alone
        kind = self._byte()
        if kind == b"O":
            self._byte()
        elif kind == b"[":
            while (b := self._byte()) and not 0x40 <= b[0] <= 0x7E:
                pass

    def line(self) -> str | None:
        """A line typed at the prompt, echoed as typed, Backspace erasing; None at Ctrl-D."""
        chars: list[str] = []
        while True:
            key = self.key()
            if key is None:
                return None if not chars else "".join(chars)
            if key in ENTER:
                self._show("\n")
                return "".join(chars)
            if key in ERASE:
                if chars:
                    chars.pop()
                    self._show("\b \b")
            elif key.isprintable():
                chars.append(key)
                self._show(key)

    def _show(self, text: str) -> None:
        self.echo.write(text)
        self.echo.flush()


def _continuation(lead: int) -> int:
    """How many bytes follow a UTF-8 lead byte (0 for ASCII or a stray byte)."""
    if lead >= 0xF0:
        return 3
    if lead >= 0xE0:
        return 2
    return 1 if lead >= 0xC0 else 0
