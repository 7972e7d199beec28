"""The words extraction knows, one lexicon per language: data files, loaded once per language.

A lexicon is the folder claims/data/lexicon/<language>/; each TOML file in it is one section
(figures, subjects, attribution, ceasefire, calendar, ...). Rules read their words from a
section and derive their patterns once per lexicon with `Lexicon.derived`, so a new kind, a new
speech verb or a new language is an edit in one place. A source whose language has no lexicon
is read with English's.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from claims.errors import DataError

DEFAULT_LANGUAGE = "en"
T = TypeVar("T")


@dataclass(eq=False)
class Lexicon:
    """The sections of one language's lexicon, and what rules derive from them (cached)."""

    language: str
    sections: dict[str, dict[str, Any]]
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getitem__(self, section: str) -> dict[str, Any]:
        try:
            return self.sections[section]
        except KeyError:
            raise DataError(f"lexicon {self.language!r} has no section {section!r}") from None

    def get(self, section: str) -> dict[str, Any]:
        """A section, or an empty one where this language does not have it."""
        return self.sections.get(section, {})

    def derived(self, name: str, build: Callable[[Lexicon], T]) -> T:
        """What `build` makes of this lexicon (compiled patterns, word sets), built once."""
        if name not in self._derived:
            self._derived[name] = build(self)
        value: T = self._derived[name]
        return value


def languages() -> tuple[str, ...]:
    """The languages a lexicon ships for."""
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> tuple[str, ...]:
    """The lexicon folders, listed once: every source asks (listing them took 0.1 ms each)."""
    root = resources.files("claims").joinpath("data/lexicon")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


def _base(language: str | None) -> str:
    """"en-GB" and "EN" are English; an unknown language reads with the default lexicon."""
    code = (language or DEFAULT_LANGUAGE).strip().lower().replace("_", "-").split("-")[0]
    return code if code in _shipped() else DEFAULT_LANGUAGE


@lru_cache(maxsize=8)
def _load(language: str) -> Lexicon:
    folder = resources.files("claims").joinpath(f"data/lexicon/{language}")
    sections: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            sections[entry.name[: -len(".toml")]] = tomllib.loads(entry.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"lexicon {language}/{entry.name}: {exc}") from None
    return Lexicon(language, sections)


@lru_cache(maxsize=64)
def lexicon(language: str | None = None) -> Lexicon:
    """The lexicon for a source's language (English where none ships), loaded once."""
    return _load(_base(language))


__all__ = ["DEFAULT_LANGUAGE", "Lexicon", "languages", "lexicon"]
