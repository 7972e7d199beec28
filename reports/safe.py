"""Output safety: text taken from a source is data, never markup, control codes, a reordering
of what is shown, or a spreadsheet formula. Every output path goes through one of these."""

from __future__ import annotations

import json
import re
from typing import Any

from rich.text import Text

# Every C0 and C1 control character and DEL, except tab and newline: removed.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's invisible format characters (category Cf: bidi overrides and isolates, zero-width
# spaces and joiners, the BOM, tags) and the line and paragraph separators (Zl, Zp): a quote
# holding them can print reversed, split or with hidden letters. Shown as \uXXXX, never raw.
# The list is Unicode 14's; tests/test_reports_safety.py checks it against unicodedata.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# What JSON output escapes beyond what json escapes itself (C0): C1, DEL and the invisibles.
_JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f{INVISIBLE}]")
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


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: JSON writes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON, readable UTF-8, with every character a terminal could act on (C0 by json itself;
    C1, DEL, bidi and invisible format characters here) as a \\u escape: the data stays exact
    (a quote still equals its span once parsed) and printing it changes no terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    return _JSON_UNSAFE_RE.sub(_json_escape, text)


def csv_cell(value: Any) -> Any:
    """A CSV cell: text cleaned, and a leading =, +, -, @, tab or CR defused with an
    apostrophe so a spreadsheet shows it instead of running it as a formula."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text
