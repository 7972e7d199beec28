"""Writing output files safely: whole or not at all, and never over the store or any other
SQLite database (`report -o store.db` once replaced a desk's store with a report)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import IO

from claims.errors import DataError, UnsafeOutputError
from claims.store_open import SQLITE_HEADER


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


