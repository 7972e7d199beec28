"""The attribution alias table: the bodies figures are credited to, under every name they go by.

Ships as claims/data/aliases.csv (columns canonical, variant, type); a user's CSV with the same
columns adds rows. Lookup is exact on a normalised key first (case, punctuation and accents
ignored), then rapidfuzz's plain ratio at a high cut-off: WRatio and partial ratios join
distinct bodies ("UN" and "UNHCR", the Syrian Observatory and the Syrian Network).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from claims.errors import DataError

COLUMNS = ("canonical", "variant", "type")
FUZZY_CUTOFF = 92.0  # below this, "Syrian Network for Human Rights" would pass for the Observatory
FUZZY_MIN_LENGTH = 8  # acronyms are never matched fuzzily: "UN" is not "UNHCR"


_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """The lookup key of a name: accents, case, punctuation and a leading "the" dropped."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _PUNCTUATION.sub("", plain.replace("-", " ").replace("’", "'").replace("'", " "))
    plain = _SPACES.sub(" ", plain).strip()
    return plain[4:] if plain.startswith("the ") else plain


@dataclass(frozen=True)
class Alias:
    """One name a body goes by."""

    canonical: str
    variant: str
    type: str = ""


@dataclass
class AliasTable:
    """Variants to canonical bodies, with exact then fuzzy lookup and a scan for mentions."""

    aliases: list[Alias] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact = {normalise(a.variant): a for a in self.aliases}
        for a in self.aliases:
            self._exact.setdefault(normalise(a.canonical), Alias(a.canonical, a.canonical, a.type))
        self._fuzzy = [k for k in self._exact if len(k) >= FUZZY_MIN_LENGTH]
        self._pattern = _mention_pattern(self.aliases)
        self._after = names_after_pattern(_mention_names(self.aliases), _escape_mention)
        self._found: dict[str, Alias | None] = {}  # names as written recur in every article

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> AliasTable:
        """The shipped table plus the rows of each extra CSV (same columns)."""
        shipped = resources.files("claims").joinpath("data/aliases.csv").read_text("utf-8")
        rows = _rows(shipped.splitlines(), "claims/data/aliases.csv")
        for path in extra:
            rows += _rows(Path(path).read_text("utf-8").splitlines(), str(path))
        return cls(rows)

    def find(self, name: str) -> Alias | None:
        """The alias a name stands for, exact first, then fuzzy; None when unknown."""
        if name not in self._found:
            self._found[name] = self._find(name)
        return self._found[name]

    def _find(self, name: str) -> Alias | None:
        key = normalise(name)
        if key in self._exact:
            return self._exact[key]
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        best = process.extractOne(key, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._exact[best[0]] if best else None

    def lookup(self, name: str) -> str | None:
        """The canonical body a name stands for, or None."""
        alias = self.find(name)
        return alias.canonical if alias else None

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Every listed variant written in text[start:end], longest names first at each place."""
        stop = len(text) if end is None else end
        if self._after is None:
            return list(self._pattern.finditer(text, start, stop))
        # The same matches as self._pattern.finditer: one at `start` itself, then each found
        # by the character before it (see names_pattern), matched again to return it as is.
        # After a mention, the next one starts past at least one character that is not a
        # letter, digit or "-" (the mention ends before one; names start with a letter or digit).
        found = []
        first = self._pattern.match(text, start, stop)
        pos = start
        if first:
            found.append(first)
            pos = first.end()
        for m in self._after.finditer(text, pos, stop):
            again = self._pattern.match(text, m.start() + 1, stop)
            if again:  # always: the same names, in the same order, at the same place
                found.append(again)
        return found


def _rows(lines: list[str], where: str) -> list[Alias]:
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or not set(COLUMNS[:2]) <= set(reader.fieldnames):
        raise DataError(f"{where}: an alias table needs the columns {', '.join(COLUMNS)}")
    out = []
    for line, row in enumerate(reader, start=2):
        if not (row.get("canonical") or "").strip() or not (row.get("variant") or "").strip():
            raise DataError(f"{where}: line {line}: canonical and variant must not be empty")
        out.append(Alias(row["canonical"].strip(), row["variant"].strip(), row.get("type") or ""))
    return out


def _mention_names(aliases: list[Alias]) -> list[str]:
    """Every form a variant is matched in, longest first: acronyms only as written ("WHO" is not
    "who"), other names with their first letter in either case (the rest is matched blind to
    case by _escape_mention: "Health Ministry in Gaza" is "health ministry in Gaza")."""
    forms: set[str] = set()
    for a in aliases:
        v = a.variant
        cased = (v,) if _is_acronym(v) else (v[:1].lower() + v[1:], v[:1].upper() + v[1:])
        forms.update(cased)
    return sorted(forms, key=len, reverse=True)


def _escape_mention(name: str) -> str:
    """A form as a pattern: its first character as written (names are grouped on it), the rest
    blind to case unless the form is an acronym."""
    escaped = re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
    if _is_acronym(name) or len(name) < 2:
        return escaped
    first = re.escape(name[0])
    return f"{first}(?i:{escaped[len(first):]})"


def _mention_pattern(aliases: list[Alias]) -> re.Pattern[str]:
    """One regex for all variants."""
    return names_pattern(_mention_names(aliases), _escape_mention)


def _grouped(names: list[str], escape: Callable[[str], str], check: str) -> str | None:
    """The names grouped by first character, `check` after it; None if one starts otherwise."""
    if not names or not all(n[:1].isalnum() for n in names):
        return None
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(escape(name)[len(re.escape(name[0])) :])
    return "|".join(
        rf"{re.escape(first)}{check}(?:{'|'.join(rests)})" for first, rests in groups.items()
    )


def names_pattern(names: list[str], escape: Callable[[str], str]) -> re.Pattern[str]:
    r"""Any of names (tried in the order given) as a whole word: not inside a word or after "-".

    The names are grouped by their first character, written first as a literal: the regex
    engine then skips in C to the characters a name can start with and, there, tries only the
    names starting with it (a pattern starting with a lookbehind tries them all everywhere).
    `(?<![\w-].)`, after that character, is the lookbehind `(?<![\w-])` before it. Names at one
    place share their first character, so the order among them, and so each match, is kept.
    """
    grouped = _grouped(names, escape, r"(?<![\w-].)")
    if grouped is None:  # no first character to group on
        return re.compile(rf"(?<![\w-])(?:{'|'.join(escape(n) for n in names)})(?![\w-])")
    return re.compile(rf"(?:{grouped})(?![\w-])")


def names_after_pattern(names: list[str], escape: Callable[[str], str]) -> re.Pattern[str] | None:
    r"""names_pattern reading the character before a name instead: "[^\w-]name".

    That class is rarer than names' first letters (lower case ones included), so the engine
    skips further; but it misses a name at the very start of the range scanned. None where the
    names do not all start with a letter or digit.
    """
    grouped = _grouped(names, escape, "")
    return None if grouped is None else re.compile(rf"[^\w-](?:{grouped})(?![\w-])")


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


_DEFAULT: AliasTable | None = None


def default_aliases() -> AliasTable:
    """The shipped table, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = AliasTable.load()
    return _DEFAULT


__all__ = ["Alias", "AliasTable", "default_aliases", "normalise"]
