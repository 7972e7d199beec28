"""Article metadata: front matter blocks and manifest CSVs, validated the same way."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from claims.errors import ManifestError, SourceError

META_FIELDS = ("title", "outlet", "published", "url", "language")
MANIFEST_COLUMNS = ("path", *META_FIELDS)

_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class FrontMatter:
    """A `---` block at the top of a text file: its metadata and where it ends."""

    meta: dict[str, str]
    end: int


def parse_date(value: str, where: str) -> dt.date | None:
    """An ISO publication date (YYYY-MM-DD), or None for blank; DataError naming `where`."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else _bad_date(value, where)
    except ValueError:
        return _bad_date(value, where)


def _bad_date(value: str, where: str) -> dt.date:
    raise ManifestError(f"{where}: published date {value!r} is not a date (use YYYY-MM-DD)")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def parse_front_matter(text: str, path: Path) -> FrontMatter | None:
    """The front matter block of a .md/.txt file, or None when the file has none."""
    match = _FRONT_RE.match(text)
    if not match:
        return None
    meta: dict[str, str] = {}
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = _KEY_RE.match(line)
        if not kv:
            raise SourceError(f"{path}:{number}: front matter line is not 'key: value'")
        meta[kv.group(1).lower()] = _unquote(kv.group(2))
    if "published" in meta:
        parse_date(meta["published"], f"{path}: front matter")
    return FrontMatter(meta={k: v for k, v in meta.items() if k in META_FIELDS}, end=match.end())


def read_manifest(path: Path) -> dict[Path, dict[str, str]]:
    """Metadata per article file from a manifest CSV; paths are relative to the manifest."""
    from sources.load import read_file

    if not path.exists():
        raise ManifestError(f"{path}: manifest not found")
    if path.is_dir():
        raise ManifestError(f"{path}: is a folder, not a manifest CSV")
    try:
        raw = read_file(path).decode("utf-8-sig")
    except SourceError as exc:
        raise ManifestError(f"{exc} (the manifest)") from None
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: manifest is not valid UTF-8 ({exc.reason})") from None
    reader = csv.DictReader(raw.splitlines())
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        rows = list(reader)
    except csv.Error as exc:  # a cell over csv's 128 KB limit: no manifest holds one
        raise ManifestError(f"{path}:{reader.line_num}: not a manifest row ({exc})") from None
    if "path" not in columns:
        raise ManifestError(
            f"{path}: manifest has no 'path' column (expected {','.join(MANIFEST_COLUMNS)})"
        )
    out: dict[Path, dict[str, str]] = {}
    for line, raw_row in enumerate(rows, start=2):
        where = f"{path}:{line}"
        if None in raw_row:  # DictReader files cells beyond the header under None
            raise ManifestError(f"{where}: more cells than the header's {len(columns)} columns")
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_row.items()}
        target = (path.parent / row["path"]).resolve()
        if not row["path"] or not target.is_file():
            raise ManifestError(f"{where}: file {row['path']!r} does not exist")
        parse_date(row.get("published", ""), where)
        if target in out:
            raise ManifestError(f"{where}: {row['path']!r} is listed twice")
        out[target] = {k: row[k] for k in META_FIELDS if row.get(k)}
    return out
