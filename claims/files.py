"""Writing output safely: files whole or not at all and never over the store or any other
SQLite database (`report -o store.db` once replaced a desk's store with a report); JSON with
no character a terminal acts on."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from claims.errors import DataError, UnsafeOutputError

SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file

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
# What JSON output escapes beyond what json escapes itself (C0): C1, DEL and the invisibles.
_JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f{INVISIBLE}]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: JSON writes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(value: Any, indent: int | None = 2, sort_keys: bool = False) -> str:
    """JSON, readable UTF-8, with every character a terminal could act on (C0 by json itself;
    C1, DEL, bidi and invisible format characters here) as a \\u escape: the data stays exact
    (a quote still equals its span once parsed) and printing it changes no terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str, sort_keys=sort_keys)
    return _JSON_UNSAFE_RE.sub(_json_escape, text)


def write_text(text: str, out: IO[str]) -> None:
    """Write `text` to `out` (for atomic_write)."""
    out.write(text)


def check_target(path: Path, protect: str | None = None) -> None:
    """Refuse to write over the store (`protect`), its journal files, or any SQLite file:
    `report -o store.db` once replaced a desk's store with a Markdown report."""
    target = path.resolve()
    if protect and "://" not in protect:
        db = Path(protect).resolve()
        if target == db or target in {db.with_name(db.name + x) for x in _JOURNALS}:
            raise UnsafeOutputError(f"{path}: is the store {protect}"
                                    f"{'' if target == db else ' (its journal)'}; write elsewhere")
    base = next((target.with_name(target.name.removesuffix(x)) for x in _JOURNALS
                 if target.name.endswith(x)), target)
    for candidate in {target, base}:
        if candidate.is_file():
            with suppress(OSError), candidate.open("rb") as fh:
                if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                    raise UnsafeOutputError(f"{path}: an SQLite database or its journal; "
                                            "crosscheck never writes over one")


_JOURNALS = ("-wal", "-shm", "-journal")


def atomic_write(path: Path, write: Callable[[IO[str]], object], protect: str | None = None
                 ) -> None:
    """Write a file whole or not at all: into a new temporary file in its folder (mkstemp:
    never a predictable name, never through a link), then renamed over the target. A failure
    (a full disk, Ctrl-C) removes the temporary file and leaves the target as it was."""
    check_target(path, protect)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DataError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ones (umask applied)."""
    with suppress(OSError):
        if path.is_file():
            return path.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


