"""A corpus file's lines, read lazily: a .gz or .zst decompressed as it goes, the text decoded
as it comes, bad bytes or a damaged file one line naming the file and the line."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from claims.errors import SourceError, UsageError
from sources.load import open_regular

COMPRESSED = {".gz", ".zst"}
CHUNK_BYTES = 1 << 20  # read a megabyte at a time


def inner_suffix(path: Path) -> str:
    """The suffix that says what a file holds: `.jsonl` for `x.jsonl.gz`."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def open_stream(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """The file's bytes, decompressed when it ends in .gz or .zst, and the raw file under them
    (its position is how far reading has got)."""
    raw = open_regular(path)
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw  # type: ignore[return-value]
    if suffix == ".zst":
        try:
            import zstandard
        except ImportError:
            raw.close()
            raise UsageError(f"{path}: reading .zst needs the zstandard package "
                             "(pip install 'crosscheck[scale]')") from None
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, CHUNK_BYTES), raw  # type: ignore[arg-type]
    return raw, raw


class Lines:
    """The decoded lines of a corpus file, counted, with the bytes of the file read so far;
    lines split on \\n, \\r or \\r\\n and kept as they are (csv's newline='')."""

    def __init__(self, path: Path, encoding: str) -> None:
        self.path, self.encoding = path, encoding
        self.number = 0
        self.stream, self.raw = open_stream(path)

    @property
    def done(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[str]:
        with self.stream, self.raw, self._errors():
            self._refuse_binary()
            text = io.TextIOWrapper(self.stream, encoding=self.encoding,  # type: ignore[type-var]
                                    newline="")
            for line in text:
                self.number += 1
                yield line

    def _refuse_binary(self) -> None:
        peek = getattr(self.stream, "peek", None)
        head = peek(8192)[:8192] if peek else b""
        if "\x00" in head.decode(self.encoding, errors="ignore"):
            raise SourceError(f"{self.path}: binary file (NUL bytes), not a corpus")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        path = self.path
        try:
            yield
        except LookupError:
            raise UsageError(f"--encoding: unknown encoding {self.encoding!r}") from None
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start:exc.start + 1].hex()
            raise SourceError(f"{path}: not valid {self.encoding} (byte 0x{bad} on line "
                              f"{self.number + 1}); re-run with --encoding latin-1 if the "
                              "file is Latin-1") from None
        except (EOFError, OSError) as exc:
            raise SourceError(f"{path}: cannot be read after line {self.number} ({exc}); a "
                              "damaged or truncated compressed file?") from None
        except Exception as exc:
            if type(exc).__name__ != "ZstdError":
                raise
            raise SourceError(f"{path}: not a readable .zst file ({exc})") from None
