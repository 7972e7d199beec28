"""Terminal safety: text taken from a source is data, never markup or control codes."""

from __future__ import annotations

import re

from rich.text import Text

# Every C0 and C1 control character and DEL, except tab and newline; plus bidi overrides.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: object) -> str:
    """The value as a string with every control character but newline and tab removed."""
    return _CONTROL_RE.sub("", "" if value is None else str(value))


def safe_text(value: object, style: str = "") -> Text:
    """A rich Text of the value, control characters stripped, never read as markup."""
    return Text(clean(value), style=style)
