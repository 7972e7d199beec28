"""Loading article files into Sources: decoding, metadata, regions; and finding the files."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from claims.errors import SourceError, UsageError
from claims.model import Region, RegionKind, Source
from sources.boilerplate import find_boilerplate, find_control
from sources.html import html_to_article
from sources.meta import META_FIELDS, parse_date, parse_front_matter

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_ARTICLE_BYTES = 20_000_000  # one article; a longer file is a mistake (--max-size to raise)
_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
_KINDS = {stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device",
          stat.S_ISSOCK: "a socket", stat.S_ISDIR: "a folder"}


def open_regular(path: Path) -> IO[bytes]:
    """A regular file opened for reading: a pipe, a device (a link to /dev/zero) or a folder
    is refused in one line instead of blocking or filling memory."""
    try:  # O_NONBLOCK: opening a named pipe must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS.items() if test(mode)), "not a file")
        raise SourceError(f"{path}: {kind}, not a regular file; give article files")
    return os.fdopen(fd, "rb")


def read_file(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """A regular file's bytes, up to max_bytes: a file too large is refused in one line."""
    with open_regular(path) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise SourceError(f"{path}: larger than {max_bytes / 1e6:g} MB, the limit for one "
                          "article (--max-size MB raises it)")
    return data


def decode(data: bytes, path: Path, encoding: str = "utf-8") -> str:
    """The file's text exactly as decoded; a one-line SourceError for bad bytes or binary."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bom = _BOMS.get(data[:2])
        if bom:
            raise SourceError(f"{path}: looks like UTF-16 (it starts with a byte-order mark); "
                              f"re-run with --encoding {bom}") from None
        if b"\x00" in data[:8192]:
            raise SourceError(f"{path}: binary file (NUL bytes), not an article") from None
        bad = data[exc.start : exc.start + 1].hex()
        raise SourceError(
            f"{path}: not valid {encoding} (byte 0x{bad} at offset {exc.start}); "
            "re-run with --encoding latin-1 if the file is Latin-1"
        ) from None
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {encoding!r}") from None
    if "\x00" in text[:8192]:  # after decoding: UTF-16 text is full of NUL bytes, not NULs
        raise SourceError(f"{path}: binary file (NUL bytes), not an article")
    return text


def load_source(
    path: Path, meta: Mapping[str, str] | None = None, encoding: str = "utf-8",
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Source:
    """Read one article file; metadata in the file wins over `meta` (a manifest row)."""
    source, skip = read_source(path, meta, encoding, max_bytes)
    return with_regions(source, skip)


def read_source(
    path: Path, meta: Mapping[str, str] | None = None, encoding: str = "utf-8",
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> tuple[Source, int]:
    """One article file as a Source whose boilerplate is not looked for yet (an ingest skips
    a stored article on its hash alone), and where that search starts (after front matter)."""
    text = decode(read_file(path, max_bytes), path, encoding)
    if not text.strip():
        raise SourceError(f"{path}: empty file, no article text")
    found: dict[str, str] = {}
    regions: list[Region] = []
    skip = 0
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = html_to_article(text)
        if not text.strip():
            raise SourceError(f"{path}: no article text found in the HTML")
    else:
        front = parse_front_matter(text, path)
        if front:
            if not text[front.end :].strip():  # one rule with the empty file: no article text
                raise SourceError(f"{path}: front matter only, no article text")
            found, skip = front.meta, front.end
            regions.append(
                Region(start=0, end=front.end, kind=RegionKind.front_matter, reason="front matter")
            )
    merged = {k: v for k, v in (meta or {}).items() if v}
    merged.update({k: v for k, v in found.items() if v})
    return _build(path, text, merged, regions), skip


def with_regions(source: Source, skip: int = 0) -> Source:
    """The source with its boilerplate and control characters marked (from `skip` on)."""
    found = find_boilerplate(source.text, skip, source.language) + find_control(source.text)
    regions = sorted(source.regions + found, key=lambda r: (r.start, r.end))
    return source.model_copy(update={"regions": regions})


def _build(path: Path, text: str, meta: dict[str, str], regions: list[Region]) -> Source:
    published = parse_date(meta["published"], str(path)) if meta.get("published") else None
    fields = {k: meta.get(k) or None for k in META_FIELDS if k != "published"}
    return Source(
        id=Source.id_for(text),
        path=str(path),
        published=published,
        text=text,
        regions=regions,
        **fields,
    )


# A folder's own notes, not its articles: a folder walk passes over them (name one to read it).
FOLDER_NOTES = frozenset({"readme", "license", "licence", "changelog", "contributing", "notice"})


def walked_article(path: Path) -> bool:
    """True for a file a folder walk reads as an article: an article's suffix, and not the
    folder's README, LICENSE or CHANGELOG (a seeds folder's README.md describes the articles)."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.stem.lower() not in FOLDER_NOTES


def expand_paths(args: Iterable[str]) -> list[Path]:
    """Files named by the arguments: files as given, folders walked, globs expanded."""
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and walked_article(p)
            )
            if not found:
                raise UsageError(f"{arg}: folder holds no articles (.txt, .md, .html)")
            out.extend(found)
        elif path.exists():
            out.append(path)
        elif glob.has_magic(arg):
            matches = sorted(Path(p) for p in glob.glob(arg, recursive=True) if Path(p).is_file())
            if not matches:
                raise UsageError(f"{arg}: pattern matches no file")
            out.extend(matches)
        else:
            raise UsageError(f"{arg}: no such file or folder")
    unique: dict[Path, Path] = {}
    for p in out:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())
