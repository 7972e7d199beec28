"""Loading article files into Sources: decoding, metadata, regions; and finding the files."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Mapping
from pathlib import Path

from claims.errors import SourceError, UsageError
from claims.model import Region, RegionKind, Source
from sources.boilerplate import find_boilerplate, find_control
from sources.html import html_to_article
from sources.meta import META_FIELDS, parse_date, parse_front_matter

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


def decode(data: bytes, path: Path, encoding: str = "utf-8") -> str:
    """The file's text exactly as decoded; a one-line SourceError for bad bytes."""
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file (NUL bytes), not an article")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise SourceError(
            f"{path}: not valid {encoding} (byte 0x{bad} at offset {exc.start}); "
            "re-run with --encoding latin-1 if the file is Latin-1"
        ) from None
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {encoding!r}") from None


def load_source(
    path: Path, meta: Mapping[str, str] | None = None, encoding: str = "utf-8"
) -> Source:
    """Read one article file; metadata in the file wins over `meta` (a manifest row)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not an article file") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    text = decode(data, path, encoding)
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
            found, skip = front.meta, front.end
            regions.append(
                Region(start=0, end=front.end, kind=RegionKind.front_matter, reason="front matter")
            )
    merged = {k: v for k, v in (meta or {}).items() if v}
    merged.update({k: v for k, v in found.items() if v})
    regions += find_boilerplate(text, skip, merged.get("language")) + find_control(text)
    return _build(path, text, merged, sorted(regions, key=lambda r: (r.start, r.end)))


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


def expand_paths(args: Iterable[str]) -> list[Path]:
    """Files named by the arguments: files as given, folders walked, globs expanded."""
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
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
