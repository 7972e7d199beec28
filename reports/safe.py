"""Output safety: text taken from a source is data, never markup, control codes, a reordering
of what is shown, or a spreadsheet formula. Every output path goes through one of these."""

from __future__ import annotations

import json
import re
from typing import Any

from rich.text import Text

from claims.files import INVISIBLE, json_text

__all__ = ["INVISIBLE", "clean", "csv_cell", "json_text", "safe_text"]

# Every C0 and C1 control character and DEL, except tab and newline: removed.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")  # shown as \uXXXX, never raw
# Cells a spreadsheet reads as a formula (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def clean(value: object) -> str:
    """The value as a string: control characters but newline and tab removed, invisible
    format characters shown as \\uXXXX (the stored text is unchanged)."""
    text = "" if value is None else str(value)
    return _INVISIBLE_RE.sub(_shown, _CONTROL_RE.sub("", text))


def safe_text(value: object, style: str = "") -> Text:
    """A rich Text of the value, cleaned, never read as markup."""
    return Text(clean(value), style=style)


def csv_cell(value: Any) -> Any:
    """A CSV cell: text cleaned, and a leading =, +, -, @, tab or CR defused with an
    apostrophe so a spreadsheet shows it instead of running it as a formula."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text
